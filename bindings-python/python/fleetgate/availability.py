"""Availability of rental stock from the bookings that block it.

A booking is ``{"start", "end", "quantity": 1, "padding_hours": 0, "unit": None}`` and blocks the half-open
interval ``[start - padding, end)``: back-to-back bookings do not overlap. Pass only the bookings whose state
blocks (confirmed, or also quotations sent: the caller's choice). See docs/availability.md.

>>> from fleetgate import availability
>>> bookings = [{"start": "2024-03-01T08:00:00Z", "end": "2024-03-01T12:00:00Z"},
...             {"start": "2024-03-01T12:00:00Z", "end": "2024-03-01T16:00:00Z"}]
>>> availability.available(2, bookings, "2024-03-01T00:00:00Z", "2024-03-02T00:00:00Z")
1
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import List, Mapping, Sequence, Union, cast

from fleetgate._fleetgate import availability as _native
from fleetgate._result import Result

__all__ = ["Segment", "available", "free_units", "timeline", "unavailable"]

_Instant = Union[str, int, datetime]
_Bookings = Sequence[Mapping[str, object]]


@dataclasses.dataclass(frozen=True)
class Segment(Result):
    """A segment of a timeline: ``available`` units throughout ``[start, end)`` (RFC 3339 UTC)."""

    start: str
    end: str
    available: int


def unavailable(bookings: _Bookings, start: _Instant, end: _Instant) -> int:
    """The most units in use at any instant of ``[start, end)`` (instants: RFC 3339 strings, aware datetimes or
    unix seconds). Raises :class:`fleetgate.AvailabilityError` (``invalid_booking``, ``invalid_window``)."""
    return _native.unavailable(bookings, start, end)


def available(stock: int, bookings: _Bookings, start: _Instant, end: _Instant) -> int:
    """Units of ``stock`` free throughout ``[start, end)``: stock - unavailable, never below 0."""
    return _native.available(stock, bookings, start, end)


def timeline(stock: int, bookings: _Bookings, start: _Instant, end: _Instant) -> List[Segment]:
    """The :class:`Segment` list tiling ``[start, end)`` with the units available in each, equal neighbours
    merged."""
    return cast(List[Segment], _native.timeline(stock, bookings, start, end))


def free_units(units: Sequence[str], bookings: _Bookings, start: _Instant, end: _Instant) -> List[str]:
    """The serial ``units`` (in the given order) that no booking holding them overlaps in ``[start, end)``."""
    return _native.free_units(units, bookings, start, end)
