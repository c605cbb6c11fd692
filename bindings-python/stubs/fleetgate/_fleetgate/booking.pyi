"""
Booking requests: every problem collected as {loc, code, message}; the cleaned request with its instants.
"""

__all__ = ["validate"]

def validate(request: "object", *, rules: "object" = None, now: "object" = None, **unknown: "object") -> "object":
    """
    Validates and cleans a booking ``request``; see :func:`fleetgate.booking.validate`. Returns a
    ``fleetgate.booking.CleanBooking``.
    """
