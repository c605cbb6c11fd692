"""
Availability: bookings are {start, end, quantity=1, padding_hours=0, unit=None} blocking [start - padding, end).
"""

from typing_extensions import disjoint_base

__all__ = ["Bookings", "available", "free_units", "timeline", "unavailable"]

@disjoint_base
class Bookings:
    """
    One vehicle's bookings, read and indexed once; see :class:`fleetgate.availability.Bookings`.
    """
    def __len__(self, /) -> int:
        """
        How many bookings it holds.
        """
    def __new__(cls, /, bookings: "object") -> Bookings: ...
    def available(self, /, stock: "object", start: "object", end: "object") -> "int":
        """
        Units of ``stock`` free throughout ``[start, end)``.
        """
    def free_units(self, /, units: "object", start: "object", end: "object") -> "list[str]":
        """
        The serial ``units`` no booking holding them overlaps in ``[start, end)``.
        """
    def timeline(self, /, stock: "object", start: "object", end: "object") -> "object":
        """
        The segments tiling ``[start, end)``: a list of ``fleetgate.availability.Segment``.
        """
    def unavailable(self, /, start: "object", end: "object") -> "int":
        """
        The most units in use at any instant of ``[start, end)``.
        """

def available(stock: "object", bookings: "object", start: "object", end: "object") -> "int":
    """
    Units of ``stock`` free throughout ``[start, end)``; see :func:`fleetgate.availability.available`.
    """

def free_units(units: "object", bookings: "object", start: "object", end: "object") -> "list[str]":
    """
    The serial ``units`` no booking holding them overlaps in ``[start, end)``; see
    :func:`fleetgate.availability.free_units`.
    """

def timeline(stock: "object", bookings: "object", start: "object", end: "object") -> "object":
    """
    The segments tiling ``[start, end)``; see :func:`fleetgate.availability.timeline`. Returns a list of
    ``fleetgate.availability.Segment``.
    """

def unavailable(bookings: "object", start: "object", end: "object") -> "int":
    """
    The most units in use at any instant of ``[start, end)``; see :func:`fleetgate.availability.unavailable`.
    """
