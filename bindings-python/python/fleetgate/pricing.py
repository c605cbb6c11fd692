"""Rental prices in integer minor units: Odoo-compatible rate cards, the cheapest cover, late-return fees.

A :class:`RateCard` holds rules ``{"unit": "hour"|"day"|"week"|"month"|"year", "duration": n, "price": "3.50"}``.
``card.quote(start, end, mode="odoo")`` reproduces Odoo's rental pricing (the single cheapest rule; ties keep the
first; no rule -> the list price); ``mode="best"`` is the cheapest combination of rules covering the period, never
dearer. A :class:`Quote` is a dict ``{total_minor, total, currency, rule, breakdown}`` whose keys also read as
attributes.

>>> from fleetgate.pricing import RateCard
>>> card = RateCard([{"unit": "day", "duration": 1, "price": "60.00"},
...                  {"unit": "week", "duration": 1, "price": "300.00"}])
>>> quote = card.quote("2024-02-01T10:00:00Z", "2024-02-05T10:00:00Z")
>>> quote.total, quote.total_minor, quote["breakdown"][0]["count"]
('240.00', 24000, 4)
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fleetgate._fleetgate import pricing as _native
from fleetgate._fleetgate.pricing import late_fee

__all__ = ["Quote", "RateCard", "late_fee"]


class Quote(dict):  # type: ignore[type-arg]
    """A price quote: a dict whose keys also read as attributes.

    Keys: ``total_minor`` (int, minor units), ``total`` (decimal string such as ``"355.00"``), ``currency``,
    ``rule`` (the rule Odoo mode chose, ``None`` in best mode and for the list price) and ``breakdown`` (a list of
    ``{rule, count, subtotal_minor, subtotal}``).
    """

    __slots__ = ()
    total_minor: int
    total: str
    currency: str
    rule: dict[str, Any] | None
    breakdown: list[dict[str, Any]]

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


class RateCard(_native.RateCard):
    """A validated rate card (see the module docs).

    ``RateCard(rules, *, currency=None, list_price=None, pricelist_rules=None)``: ``currency`` defaults to EUR;
    ``list_price`` is charged when no rule applies; ``pricelist_rules`` is ``{pricelist name: [rules]}``. Raises
    :class:`fleetgate.PricingError` (``invalid_rate_card``).
    """

    def quote(
        self,
        start: str | int | datetime,
        end: str | int | datetime,
        *,
        mode: str | None = None,
        pricelist: str | None = None,
        tz: str | None = None,
    ) -> Quote:
        """Quotes ``[start, end)`` (RFC 3339 strings, aware datetimes or unix seconds).

        ``mode``: ``"odoo"`` (default) or ``"best"``; ``pricelist``: that pricelist's rules before the generic
        ones; ``tz``: the IANA zone calendar months are counted in (default UTC). Raises
        :class:`fleetgate.PricingError` (``invalid_quote``, ``no_price``, ``amount_overflow``).
        """
        return Quote(super().quote(start, end, mode=mode, pricelist=pricelist, tz=tz))  # type: ignore[arg-type]
