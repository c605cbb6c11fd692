"""
Availability: bookings are {start, end, quantity=1, padding_hours=0, unit=None} blocking [start - padding, end).
"""

__all__ = ["available", "free_units", "timeline", "unavailable"]

def available(stock: "int", bookings: "list[dict[str, object]]", start: "str | int", end: "str | int") -> "int":
    """
    Units of ``stock`` free throughout ``[start, end)``: stock - unavailable, never below 0.
    """

def free_units(units: "list[str]", bookings: "list[dict[str, object]]", start: "str | int", end: "str | int") -> "list[str]":
    """
    The serial ``units`` (in the given order) that no booking holding them overlaps in ``[start, end)``.
    """

def timeline(stock: "int", bookings: "list[dict[str, object]]", start: "str | int", end: "str | int") -> "list[dict[str, object]]":
    """
    Segments ``[{start, end, available}]`` tiling ``[start, end)`` (RFC 3339 UTC), equal neighbours merged.
    """

def unavailable(bookings: "list[dict[str, object]]", start: "str | int", end: "str | int") -> "int":
    """
    The most units in use at any instant of ``[start, end)`` (instants: RFC 3339 strings, aware datetimes
    or unix seconds). Raises ``fleetgate.AvailabilityError`` (``invalid_booking``, ``invalid_window``).
    """
