"""Booking requests: validation and sanitisation, identical to the browser (WASM) and Node.

:func:`validate` checks every rule of a booking request and collects **all** problems as
``{"loc": [field], "code": ..., "message": ...}`` in :attr:`fleetgate.BookingValidationError.errors` (also
``.details["errors"]``); when there is none it returns a :class:`CleanBooking` (NFC, whitespace collapsed, email
domain lower-cased, phone in E.164) with the resolved ``start`` and ``end`` instants (RFC 3339, UTC). The rules and
their defaults are in the core; see docs/booking.md.

Field codes: ``required``, ``unknown_field``, ``wrong_type``, ``invalid_vehicle_id``, ``too_long``,
``control_characters``, ``invalid_email``, ``invalid_phone``, ``invalid_date``, ``date_in_past``,
``end_not_after_start``, ``rental_too_short``, ``rental_too_long``, ``weekday_not_allowed``.

>>> from fleetgate import booking
>>> booking.validate({"vehicle_id": 7, "customer_name": " Ann  Peeters ", "customer_email": "ann@Example.BE",
...                   "customer_phone": "0470 12 34 56", "date_from": "2024-02-01", "date_to": "2024-02-05"},
...                  rules={"time_zone": "Europe/Brussels", "default_region": "BE"}, now="2024-01-15T12:00:00Z").end
'2024-02-05T23:00:00Z'
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Mapping, Optional, Union, cast

from fleetgate._fleetgate import booking as _native
from fleetgate._result import Result

__all__ = ["CleanBooking", "validate"]


@dataclasses.dataclass(frozen=True)
class CleanBooking(Result):
    """A cleaned booking request: the request's fields sanitised, plus the resolved ``start`` and ``end``."""

    vehicle_id: int
    customer_name: str
    customer_email: str
    customer_phone: str
    #: The notes (line breaks kept), ``None`` when the request has none.
    notes: Optional[str]
    #: The pickup as given (trimmed): a date ``YYYY-MM-DD`` or an RFC 3339 instant.
    date_from: str
    #: The return as given (trimmed).
    date_to: str
    #: The pickup instant, RFC 3339 UTC.
    start: str
    #: The return instant, RFC 3339 UTC.
    end: str


def validate(
    request: Mapping[str, object],
    *,
    rules: Optional[Mapping[str, object]] = None,
    now: Union[str, int, datetime, None] = None,
    **unknown: object,
) -> CleanBooking:
    """Validates and cleans a booking ``request`` (``vehicle_id``, ``customer_name``, ``customer_email``,
    ``customer_phone``, ``date_from``, ``date_to`` and optional ``notes``).

    ``rules``: booking rules (``time_zone``, ``min_rental_hours``, ``max_rental_days``, ``forbidden_weekdays``,
    ``past_tolerance_minutes``, ``date_only``, ``pickup_time``, ``return_time``, ``default_region``,
    ``max_lengths``), ``None`` for the core's defaults; ``now``: an RFC 3339 string, an aware datetime or unix
    seconds (default: the system clock). Raises :class:`fleetgate.BookingValidationError` (code
    ``validation_failed``, ``.errors`` every ``{loc, code, message}``) or :class:`fleetgate.BookingError`
    (``invalid_booking_rules``, ``invalid_now``, ``invalid_argument``), with ``.details["path"]`` naming the bad
    rule (e.g. ``rules.time_zone``); an unknown keyword is ``invalid_option``.
    """
    return cast(CleanBooking, _native.validate(request, rules=rules, now=now, **unknown))
