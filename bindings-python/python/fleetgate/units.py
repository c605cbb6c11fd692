"""Distances: exact conversion between kilometres, miles and integer metres.

fleetgate holds every distance as an integer number of metres:

* 1 km = 1000 m and 1 international mile = 1609.344 m **exactly** (not ``x 1.60934``);
* a value is read as an exact decimal and rounded once, half to even, to whole metres;
* a float is read as its shortest repr (``0.0005`` km is exactly half a metre, which rounds to 0);
* an int or a ``decimal.Decimal`` is read exactly; strings are plain unsigned decimals with optional thousands
  commas: ``"12,345.6"`` (no sign, exponent or surrounding spaces).

Unit names: ``km``, ``kilometers``, ``kilometres``, ``mi``, ``miles`` and the unit systems ``metric`` and
``imperial``, in any case. Bad input raises :class:`fleetgate.UnitsError` with code ``invalid_value`` or
``invalid_unit``.

>>> from fleetgate import units
>>> units.to_metres("12,345.6", "mi")
19868317
>>> units.convert(1, "mi", "km")
1.609344
"""

from __future__ import annotations

from fleetgate._fleetgate.units import MAX_METRES, convert, from_metres, to_metres

__all__ = ["MAX_METRES", "convert", "from_metres", "to_metres"]
