"""Exceptions raised by fleetgate.

Every fleetgate exception is a :class:`FleetgateError` (itself a :class:`ValueError`) with a stable ``.code``
(``invalid_value``, ``invalid_unit``, ...). There is one subclass per area, so callers can catch exactly what they
handle::

    try:
        fleetgate.units.to_metres(text, "km")
    except fleetgate.UnitsError as err:
        print(err.code)   # "invalid_value"

Exceptions pickle and unpickle with their code and message (for multiprocessing and task queues).
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "AvailabilityError",
    "BookingError",
    "BookingValidationError",
    "ClientError",
    "FleetgateError",
    "InternalError",
    "OdometerError",
    "OdooError",
    "PricingError",
    "RateLimitError",
    "RetryError",
    "SmartcarError",
    "SseError",
    "UnitsError",
    "WebhookError",
]


class FleetgateError(ValueError):
    """Base class of every fleetgate error.

    Attributes:
        code: the stable snake_case error code, e.g. ``"invalid_value"``.
        message: the human-readable explanation.
        details: the error's typed fields as a dict (``{"tolerance": 300, "age": 301, ...}``; ``{}`` when it has
            none), so a caller never parses the message. Problems with an argument carry ``argument``, ``path``
            (``"quotas[0].limit"``) and ``problem``.
    """

    code: str
    message: str
    details: dict[str, Any]

    def __init__(self, message: str, code: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message, code, dict(details or {}))
        self.message = message
        self.code = code
        self.details = dict(details or {})

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, code={self.code!r})"


class InternalError(FleetgateError, RuntimeError):
    """fleetgate itself failed (a Rust panic was caught at the boundary). Code ``internal_error``; please report it."""


class UnitsError(FleetgateError):
    """A distance or unit could not be read. Codes ``invalid_value`` and ``invalid_unit``."""


class OdometerError(FleetgateError):
    """A malformed reading or policy. Codes ``invalid_reading``, ``invalid_time`` and ``invalid_policy``.

    A reading whose *value* is unusable is not an error: it gets a ``void`` verdict with reason ``invalid_value``.
    """


class BookingError(FleetgateError):
    """A booking request could not be validated. Codes ``validation_failed``, ``invalid_booking_rules``,
    ``invalid_now``."""


class BookingValidationError(BookingError):
    """A booking request has problems (code ``validation_failed``).

    Attributes:
        errors: every problem, as ``{"loc": [field], "code": ..., "message": ...}`` dicts (also ``details["errors"]``).
    """

    errors: list[dict[str, object]]

    def __init__(self, message: str, code: str = "validation_failed", details: dict[str, Any] | None = None):
        super().__init__(message, code, details)
        self.errors = list(self.details.get("errors", []))


class PricingError(FleetgateError):
    """A rate card, quote or late fee could not be computed. Codes ``invalid_rate_card``, ``invalid_quote``,
    ``no_price``, ``amount_overflow``."""


class AvailabilityError(FleetgateError):
    """Bookings or a window could not be read. Codes ``invalid_booking``, ``invalid_window``."""


class WebhookError(FleetgateError):
    """A webhook request failed verification (``invalid_signature``, ``timestamp_too_old``, ...) or a verifier
    could not be built (``invalid_secret``). See the README's error table for every code."""


class SmartcarError(FleetgateError):
    """A Smartcar delivery could not be parsed. Code ``invalid_payload``; the message names the field."""


class RateLimitError(FleetgateError):
    """A rate-limit quota, request, state or client address is unusable (``invalid_quota``, ``invalid_address``, ...)."""


class RetryError(FleetgateError):
    """A backoff policy, ``Retry-After`` value, status or method is unusable (``invalid_backoff``, ...)."""


class SseError(FleetgateError):
    """A server-sent event field would inject other fields (``field_injection``)."""


class OdooError(FleetgateError):
    """An Odoo webhook body, image path or rental route reply is unusable (``invalid_odoo_payload``,
    ``unknown_odoo_event``, ...), or Odoo answered a JSON-RPC error (``odoo_rpc_error``)."""


class ClientError(FleetgateError):
    """An HTTP client call failed (``fleetgate.smartcar.Client``, ``fleetgate.odoo.Client``). Codes
    ``invalid_argument``, ``unauthorized``, ``rate_limited``, ``timeout``, ``connection_failed``,
    ``upstream_error`` and ``invalid_response``. Messages never contain the client secret or a token."""


_BY_AREA: dict[str, type[FleetgateError]] = {
    "internal": InternalError,
    "units": UnitsError,
    "odometer": OdometerError,
    "booking": BookingError,
    "pricing": PricingError,
    "availability": AvailabilityError,
    "webhook": WebhookError,
    "smartcar": SmartcarError,
    "ratelimit": RateLimitError,
    "retry": RetryError,
    "sse": SseError,
    "odoo": OdooError,
    "client": ClientError,
}


def _from_native(area: str, code: str, message: str, details: dict[str, Any]) -> FleetgateError:
    """Builds the exception for an error reported by the native module (called from Rust, the one place)."""
    if (area, code) == ("booking", "validation_failed"):
        return BookingValidationError(message, code, details)
    error = _BY_AREA.get(area, FleetgateError)(message, code, details)
    if "errors" in error.details:  # a list of {loc, code, message} problems (collected validation errors)
        error.errors = list(error.details["errors"])  # type: ignore[attr-defined]
    return error
