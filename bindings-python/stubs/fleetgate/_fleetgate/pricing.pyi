"""
Rental prices: rate cards quoted in Odoo mode or best mode, and late-return fees, in integer minor units.
"""

from typing_extensions import disjoint_base

__all__ = ["RateCard", "late_fee"]

@disjoint_base
class RateCard:
    """
    A validated rate card.

    ``rules`` is a list of ``{'unit': 'hour'|'day'|'week'|'month'|'year', 'duration': int, 'price': '3.50'}``
    (duration 0 = a flat price); ``pricelist_rules`` a dict ``{pricelist name: [rules]}``; ``list_price`` the
    price charged when no rule applies. Raises ``fleetgate.PricingError`` (``invalid_rate_card``).
    """
    def __new__(cls, /, rules: "list[dict[str, object]]", *, currency: "str | None" = None, list_price: "str | int | None" = None, pricelist_rules: "dict[str, list[dict[str, object]]] | None" = None) -> RateCard: ...
    def quote(self, /, start: "str | int", end: "str | int", *, mode: "str | None" = None, pricelist: "str | None" = None, tz: "str | None" = None) -> "dict[str, object]":
        """
        Quotes ``[start, end)`` (RFC 3339 strings or unix seconds; aware datetimes are accepted too).

        ``mode`` is ``'odoo'`` (Odoo's single cheapest rule, the default) or ``'best'`` (the cheapest
        combination of rules, never dearer); ``pricelist`` selects that pricelist's rules before the generic
        ones; ``tz`` (IANA name, default UTC) is where calendar months are counted. Returns a dict
        ``{total_minor, total, currency, rule, breakdown: [{rule, count, subtotal_minor, subtotal}]}``.
        Raises ``fleetgate.PricingError`` (``invalid_quote``, ``no_price``, ``amount_overflow``).
        """

def late_fee(planned_return: "str | int", actual_return: "str | int", *, extra_hourly: "str | int", extra_daily: "str | int", grace_hours: "int | None" = None, variant: "str | None" = None, currency: "str | None" = None) -> "dict[str, object]":
    """
    The late-return fee (Odoo-compatible): nothing while ``actual_return - planned_return <= grace_hours``;
    otherwise whole days x ``extra_daily`` + whole remaining hours x ``extra_hourly``.

    ``variant``: ``'odoo'`` (default), ``'grace_subtracted'`` (the grace is not charged) or
    ``'hourly_capped'`` (the hourly part never exceeds the daily rate). Rates are decimal strings in
    ``currency`` (default EUR). Returns ``{total_minor, total, currency, days, hours}``. Raises
    ``fleetgate.PricingError`` (``invalid_quote``, ``amount_overflow``).
    """
