"""fleetgate: the domain rules behind vehicle integrations, implemented once in Rust.

Modules:

* :mod:`fleetgate.units`: exact distance conversion (km, miles, integer metres).
* :mod:`fleetgate.odometer`: reading checks (duplicates, order, speed), batch backfills, meter entries.
* :mod:`fleetgate.booking`: validation and sanitisation of booking requests.
* :mod:`fleetgate.pricing`: Odoo-compatible rental prices, the cheapest cover, late fees.
* :mod:`fleetgate.availability`: stock availability over padded, half-open bookings.
* :mod:`fleetgate.webhooks`: webhook verification and signing (Smartcar, Standard Webhooks, Stripe, GitHub, ...).
* :mod:`fleetgate.smartcar`: Smartcar event parsing into odometer readings, the VERIFY reply, the API client.
* :mod:`fleetgate.ratelimit`: rate limiters (in memory and Redis) and client keys.
* :mod:`fleetgate.retry`: backoff, ``Retry-After``, retryable responses.
* :mod:`fleetgate.sse`: server-sent events encoder and decoder.
* :mod:`fleetgate.odoo`: Odoo webhook events, image URLs, the REST API client.

Every error is a :class:`fleetgate.FleetgateError` (a ``ValueError``) with a stable ``.code``.
"""

from __future__ import annotations

import sys as _sys
import types as _types

from fleetgate import _fleetgate

# PyO3 creates the native submodules as attributes only; registering them makes
# `import fleetgate._fleetgate.units` work, as the generated stubs (and type checkers) expect.
for _name, _module in vars(_fleetgate).items():
    if isinstance(_module, _types.ModuleType):
        _sys.modules.setdefault(f"{_fleetgate.__name__}.{_name}", _module)

from fleetgate import availability, booking, odometer, odoo, pricing, ratelimit, retry, smartcar, sse, units, webhooks  # noqa: E402
from fleetgate.errors import (  # noqa: E402
    AvailabilityError,
    BookingError,
    BookingValidationError,
    ClientError,
    FleetgateError,
    InternalError,
    OdometerError,
    OdooError,
    PricingError,
    RateLimitError,
    RetryError,
    SmartcarError,
    SseError,
    UnitsError,
    WebhookError,
)

__version__: str = _fleetgate.__version__

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
    "__version__",
    "availability",
    "booking",
    "odometer",
    "odoo",
    "pricing",
    "ratelimit",
    "retry",
    "smartcar",
    "sse",
    "units",
    "webhooks",
]
