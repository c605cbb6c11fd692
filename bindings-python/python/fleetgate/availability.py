"""Availability of rental stock from the bookings that block it.

A booking is ``{"start", "end", "quantity": 1, "padding_hours": 0, "unit": None}`` and blocks the half-open
interval ``[start - padding, end)``: back-to-back bookings do not overlap. Pass only the bookings whose state
blocks (confirmed, or also quotations sent: the caller's choice).

>>> from fleetgate import availability
>>> bookings = [{"start": "2024-03-01T08:00:00Z", "end": "2024-03-01T12:00:00Z"},
...             {"start": "2024-03-01T12:00:00Z", "end": "2024-03-01T16:00:00Z"}]
>>> availability.available(2, bookings, "2024-03-01T00:00:00Z", "2024-03-02T00:00:00Z")
1
"""

from __future__ import annotations

from fleetgate._fleetgate.availability import available, free_units, timeline, unavailable

__all__ = ["available", "free_units", "timeline", "unavailable"]
