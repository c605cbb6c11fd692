"""
Native part of fleetgate. Import the public modules instead: `fleetgate.units`, ...
"""

from . import availability as availability, booking as booking, odometer as odometer, odoo as odoo, pricing as pricing, ratelimit as ratelimit, retry as retry, smartcar as smartcar, sse as sse, units as units, webhook as webhook
from typing import Final

__all__ = ["__version__", "_panic_for_tests", "availability", "booking", "odometer", "odoo", "pricing", "ratelimit", "retry", "smartcar", "sse", "units", "webhook"]

__version__: Final[str]
"""
The version of the package: the crate's own (`Cargo.toml`), never written twice.
"""

def _panic_for_tests() -> None:
    """
    Panics inside Rust on purpose, so the test suite can check that a panic surfaces as
    `fleetgate.InternalError` with code `internal_error`. Not part of the public API.
    """
