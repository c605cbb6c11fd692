"""
Availability: bookings are {start, end, quantity=1, padding_hours=0, unit=None} blocking [start - padding, end).
"""

__all__ = ["available", "free_units", "timeline", "unavailable"]

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
