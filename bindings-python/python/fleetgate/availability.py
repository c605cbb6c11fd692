"""Availability of rental stock from the bookings that block it.

A booking is ``{"start", "end", "quantity": 1, "padding_hours": 0, "unit": None}`` and blocks the half-open
interval ``[start - padding, end)``: back-to-back bookings do not overlap. Pass only the bookings whose state
blocks (confirmed, or also quotations sent: the caller's choice). See docs/availability.md.

The functions read the bookings on every call. :class:`Bookings` reads, checks and indexes them once, for a
vehicle whose availability is asked about many times (a calendar, a search over dates): its queries take
microseconds however many bookings it holds.

>>> from fleetgate import availability
>>> bookings = [{"start": "2024-03-01T08:00:00Z", "end": "2024-03-01T12:00:00Z"},
...             {"start": "2024-03-01T12:00:00Z", "end": "2024-03-01T16:00:00Z"}]
>>> availability.available(2, bookings, "2024-03-01T00:00:00Z", "2024-03-02T00:00:00Z")
1
>>> prepared = availability.Bookings(bookings)
>>> prepared.available(2, "2024-03-01T00:00:00Z", "2024-03-02T00:00:00Z")
1
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import List, Mapping, Sequence, Union, cast

from fleetgate._fleetgate import availability as _native
from fleetgate._result import Result

__all__ = ["Bookings", "Segment", "available", "free_units", "timeline", "unavailable"]

_Instant = Union[str, int, datetime]
_Bookings = Sequence[Mapping[str, object]]


@dataclasses.dataclass(frozen=True)
class Segment(Result):
    """A segment of a timeline: ``available`` units throughout ``[start, end)`` (RFC 3339 UTC)."""

    start: str
    end: str
    available: int


class Bookings:
    """One vehicle's blocking bookings, read, checked and indexed once, then queried many times.

    ``Bookings(bookings)`` takes the same booking dicts as the functions of this module (at most 1,048,576 of
    them) and raises :class:`fleetgate.AvailabilityError` (``invalid_booking``, with ``.details["path"]`` such as
    ``[3].end``) once, here. Each method answers exactly as the function of the same name over the same list:
    ``unavailable`` and ``available`` in O(log n), ``timeline`` in O(log n + k) for k changes in the window.
    ``len(prepared)`` is the number of bookings.
    """

    __slots__ = ("_bookings",)

    def __init__(self, bookings: _Bookings) -> None:
        self._bookings = _native.Bookings(bookings)

    def __len__(self) -> int:
        return len(self._bookings)

    def unavailable(self, start: _Instant, end: _Instant) -> int:
        """The most units in use at any instant of ``[start, end)`` (see :func:`unavailable`)."""
        return self._bookings.unavailable(start, end)

    def available(self, stock: int, start: _Instant, end: _Instant) -> int:
        """Units of ``stock`` free throughout ``[start, end)``, never below 0 (see :func:`available`)."""
        return self._bookings.available(stock, start, end)

    def timeline(self, stock: int, start: _Instant, end: _Instant) -> List[Segment]:
        """The :class:`Segment` list tiling ``[start, end)`` (see :func:`timeline`)."""
        return cast(List[Segment], self._bookings.timeline(stock, start, end))

    def free_units(self, units: Sequence[str], start: _Instant, end: _Instant) -> List[str]:
        """The serial ``units`` (in the given order) that no booking holding them overlaps in ``[start, end)``."""
        return self._bookings.free_units(units, start, end)


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
