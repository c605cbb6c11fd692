"""
Native part of fleetgate. Import the public modules instead: `fleetgate.units`, ...
"""

from . import odoo as odoo, ratelimit as ratelimit, retry as retry, sse as sse, units as units

__all__ = ["_panic_for_tests", "odoo", "ratelimit", "retry", "sse", "units"]

def _panic_for_tests() -> None:
    """
    Panics inside Rust on purpose, so the test suite can check that a panic surfaces as
    `fleetgate.InternalError` with code `internal_error`. Not part of the public API.
    """
