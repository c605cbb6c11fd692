"""
Rental prices: rate cards quoted in Odoo mode or best mode, and late-return fees, in integer minor units.
"""

from typing_extensions import disjoint_base

__all__ = ["RateCard", "late_fee"]

@disjoint_base
class RateCard:
    """
    A validated rate card; see :class:`fleetgate.pricing.RateCard`.
    """
    def __new__(cls, /, rules: "object", *, currency: "object" = None, list_price: "object" = None, pricelist_rules: "object" = None, **unknown: "object") -> RateCard: ...
    def quote(self, /, start: "object", end: "object", *, mode: "object" = None, pricelist: "object" = None, tz: "object" = None, **unknown: "object") -> "object":
        """
        Quotes ``[start, end)``; see :meth:`fleetgate.pricing.RateCard.quote`. Returns a
        ``fleetgate.pricing.Quote``.
        """

def late_fee(planned_return: "object", actual_return: "object", *, extra_hourly: "object" = None, extra_daily: "object" = None, grace_hours: "object" = None, variant: "object" = None, currency: "object" = None, **unknown: "object") -> "object":
    """
    The late-return fee; see :func:`fleetgate.pricing.late_fee`. Returns a ``fleetgate.pricing.LateFee``.
    """
