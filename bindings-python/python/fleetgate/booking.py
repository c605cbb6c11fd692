"""Booking requests: validation and sanitisation, identical to the browser (WASM) and Node.

:func:`validate` checks every rule of a booking request and collects **all** problems as
``{"loc": [field], "code": ..., "message": ...}`` in :attr:`fleetgate.BookingValidationError.errors`; when there is
none it returns the cleaned request (NFC, whitespace collapsed, email domain lower-cased, phone in E.164) with the
resolved ``start`` and ``end`` instants (RFC 3339, UTC).

Field codes: ``required``, ``unknown_field``, ``wrong_type``, ``invalid_vehicle_id``, ``too_long``,
``control_characters``, ``invalid_email``, ``invalid_phone``, ``invalid_date``, ``date_in_past``,
``end_not_after_start``, ``rental_too_short``, ``rental_too_long``, ``weekday_not_allowed``.

>>> from fleetgate import booking
>>> booking.validate({"vehicle_id": 7, "customer_name": " Ann  Peeters ", "customer_email": "ann@Example.BE",
...                   "customer_phone": "0470 12 34 56", "date_from": "2024-02-01", "date_to": "2024-02-05"},
...                  rules={"time_zone": "Europe/Brussels", "default_region": "BE"}, now="2024-01-15T12:00:00Z")["end"]
'2024-02-05T23:00:00Z'
"""

from __future__ import annotations

from fleetgate._fleetgate.booking import validate

__all__ = ["validate"]
