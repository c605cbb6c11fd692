"""Rental prices in integer minor units: Odoo-compatible rate cards, the cheapest cover, late-return fees.

A :class:`RateCard` holds rules ``{"unit": "hour"|"day"|"week"|"month"|"year", "duration": n, "price": "3.50"}``.
``card.quote(start, end, mode="odoo")`` reproduces Odoo's rental pricing (the single cheapest rule; ties keep the
first; no rule -> the list price); ``mode="best"`` is the cheapest combination of rules covering the period, never
dearer. A quote is a :class:`Quote` (frozen, compared by value, ``to_dict()`` for JSON). See docs/pricing.md.

>>> from fleetgate.pricing import RateCard
>>> card = RateCard([{"unit": "day", "duration": 1, "price": "60.00"},
...                  {"unit": "week", "duration": 1, "price": "300.00"}])
>>> quote = card.quote("2024-02-01T10:00:00Z", "2024-02-05T10:00:00Z")
>>> quote.total, quote.total_minor, quote.breakdown[0].count
('240.00', 24000, 4)
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import ClassVar, Dict, Mapping, Optional, Sequence, Tuple, Type, Union, cast

from fleetgate._fleetgate import pricing as _native
from fleetgate._result import Result

__all__ = ["LateFee", "Line", "PricedRule", "Quote", "RateCard", "late_fee"]

_Instant = Union[str, int, datetime]
_Amount = Union[str, int]


@dataclasses.dataclass(frozen=True)
class PricedRule(Result):
    """A rule of a quote: ``price`` (a decimal string in the card's currency) per ``duration`` x ``unit``."""

    unit: str
    duration: int
    price: str
    #: The pricelist the rule belongs to; ``None`` for generic rules.
    pricelist: Optional[str]


@dataclasses.dataclass(frozen=True)
class Line(Result):
    """One line of a quote: ``rule`` (``None`` for the list price) taken ``count`` times."""

    rule: Optional[PricedRule]
    count: int
    subtotal_minor: int
    subtotal: str

    _nested: ClassVar[Dict[str, Type[Result]]] = {"rule": PricedRule}


@dataclasses.dataclass(frozen=True)
class Quote(Result):
    """A price quote: the total in minor units and as a decimal string, and what it is made of."""

    total_minor: int
    total: str
    currency: str
    #: The rule Odoo mode chose; ``None`` in best mode and for the list price.
    rule: Optional[PricedRule]
    breakdown: Tuple[Line, ...]

    _nested: ClassVar[Dict[str, Type[Result]]] = {"rule": PricedRule, "breakdown": Line}


@dataclasses.dataclass(frozen=True)
class LateFee(Result):
    """A late-return fee: whole ``days`` and ``hours`` charged, and the total."""

    total_minor: int
    total: str
    currency: str
    days: int
    hours: int


class RateCard:
    """A validated rate card (see the module docs).

    ``RateCard(rules, *, currency=None, list_price=None, pricelist_rules=None)``: ``currency`` defaults to EUR;
    ``list_price`` is charged when no rule applies; ``pricelist_rules`` is ``{pricelist name: [rules]}``. Raises
    :class:`fleetgate.PricingError` (``invalid_rate_card``, with ``.details["path"]`` such as ``[2].price``).
    """

    __slots__ = ("_card",)

    def __init__(
        self,
        rules: Sequence[Mapping[str, object]],
        *,
        currency: Optional[str] = None,
        list_price: Optional[_Amount] = None,
        pricelist_rules: Optional[Mapping[str, Sequence[Mapping[str, object]]]] = None,
        **unknown: object,
    ) -> None:
        self._card = _native.RateCard(rules, currency=currency, list_price=list_price,
                                      pricelist_rules=pricelist_rules, **unknown)

    def quote(
        self,
        start: _Instant,
        end: _Instant,
        *,
        mode: Optional[str] = None,
        pricelist: Optional[str] = None,
        tz: Optional[str] = None,
        **unknown: object,
    ) -> Quote:
        """Quotes ``[start, end)`` (RFC 3339 strings, aware datetimes or unix seconds).

        ``mode``: ``"odoo"`` (default) or ``"best"``; ``pricelist``: that pricelist's rules before the generic
        ones; ``tz``: the IANA zone calendar months are counted in (default UTC). Raises
        :class:`fleetgate.PricingError` (``invalid_quote``, ``no_price``, ``amount_overflow``).
        """
        return cast(Quote, self._card.quote(start, end, mode=mode, pricelist=pricelist, tz=tz, **unknown))


def late_fee(
    planned_return: _Instant,
    actual_return: _Instant,
    *,
    extra_hourly: _Amount,
    extra_daily: _Amount,
    grace_hours: Optional[int] = None,
    variant: Optional[str] = None,
    currency: Optional[str] = None,
    **unknown: object,
) -> LateFee:
    """The late-return fee (Odoo-compatible): nothing while ``actual_return - planned_return <= grace_hours``
    (default 2); otherwise whole days x ``extra_daily`` + whole remaining hours x ``extra_hourly``.

    ``variant``: ``"odoo"`` (default), ``"grace_subtracted"`` (the grace is not charged) or ``"hourly_capped"``
    (the hourly part never exceeds the daily rate). Rates are decimal strings in ``currency`` (default EUR).
    Raises :class:`fleetgate.PricingError` (``invalid_quote``, ``amount_overflow``); an unknown keyword is
    ``invalid_quote`` naming it.
    """
    fee = _native.late_fee(planned_return, actual_return, extra_hourly=extra_hourly, extra_daily=extra_daily,
                           grace_hours=grace_hours, variant=variant, currency=currency, **unknown)
    return cast(LateFee, fee)
