"""fleetgate: the domain rules behind vehicle integrations, implemented once in Rust.

Modules:

* :mod:`fleetgate.units`: exact distance conversion (km, miles, integer metres).

Every error is a :class:`fleetgate.FleetgateError` (a ``ValueError``) with a stable ``.code``.
"""

from __future__ import annotations

from fleetgate import units
from fleetgate.errors import FleetgateError, InternalError, UnitsError

__all__ = ["FleetgateError", "InternalError", "UnitsError", "units"]
