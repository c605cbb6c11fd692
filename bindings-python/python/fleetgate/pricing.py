"""Rental prices in integer minor units: Odoo-compatible rate cards, the cheapest cover, late-return fees.

A :class:`RateCard` holds rules ``{"unit": "hour"|"day"|"week"|"month"|"year", "duration": n, "price": "3.50"}``.
``card.quote(start, end, mode="odoo")`` reproduces Odoo's rental pricing (the single cheapest rule; ties keep the
first; no rule -> the list price); ``mode="best"`` is the cheapest combination of rules covering the period, never
dearer. A quote is a dict ``{total_minor, total, currency, rule, breakdown}``.

>>> from fleetgate.pricing import RateCard
>>> card = RateCard([{"unit": "day", "duration": 1, "price": "60.00"},
...                  {"unit": "week", "duration": 1, "price": "300.00"}])
>>> card.quote("2024-02-01T10:00:00Z", "2024-02-05T10:00:00Z")["total"]
'240.00'
"""

from __future__ import annotations

from fleetgate._fleetgate.pricing import RateCard, late_fee

__all__ = ["RateCard", "late_fee"]
