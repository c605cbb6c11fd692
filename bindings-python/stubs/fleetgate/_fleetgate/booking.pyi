"""
Booking requests: every problem collected as {loc, code, message}; the cleaned request with its instants.
"""

__all__ = ["validate"]

def validate(request: "dict[str, object]", *, rules: "dict[str, object] | None" = None, now: "str | int | None" = None) -> "dict[str, object]":
    """
    Validates and cleans a booking ``request`` (a dict with vehicle_id, customer_name, customer_email,
    customer_phone, date_from, date_to and optional notes).

    ``rules`` is a dict of booking rules (time_zone, min_rental_hours, max_rental_days, forbidden_weekdays,
    past_tolerance_minutes, date_only, pickup_time, return_time, default_region, max_lengths) or None for the
    defaults; ``now`` an RFC 3339 string or unix seconds (default: the system clock). Returns the cleaned
    request with ``start`` and ``end`` (RFC 3339 UTC). Raises ``fleetgate.BookingValidationError`` (code
    ``validation_failed``, ``.errors`` a list of {loc, code, message}) or ``fleetgate.BookingError``
    (``invalid_booking_rules``, ``invalid_now``).
    """
