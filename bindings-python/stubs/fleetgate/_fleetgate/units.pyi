"""
Distances: exact conversion between kilometres, miles and integer metres (1 mi = 1609.344 m exactly, one
round-half-even step). Values are numbers or plain decimal strings such as "12,345.6".
"""

from typing import Final

__all__ = ["MAX_METRES", "convert", "from_metres", "to_metres"]

MAX_METRES: Final[int]
"""
The largest distance fleetgate holds, in metres (2**53 - 1).
"""

def convert(value: "int | float | str", from_unit: "str", to_unit: "str") -> "float":
    """
    Converts ``value`` from ``from_unit`` to ``to_unit`` without rounding to metres: the float nearest to the
    exact result (``convert(1, "mi", "km") == 1.609344``).
    """

def from_metres(metres: "int", unit: "str") -> "float":
    """
    Converts whole ``metres`` (0 to MAX_METRES) to ``unit``: the float nearest to the exact quotient.

    Raises ``fleetgate.UnitsError`` (``invalid_value`` for a negative, fractional or too large count,
    ``invalid_unit`` for an unknown unit).
    """

def to_metres(value: "int | float | str", unit: "str") -> "int":
    """
    Converts ``value`` in ``unit`` to whole metres, exactly, rounding once half to even.

    ``value`` is an int, a float (read as its shortest repr), a decimal.Decimal or a plain decimal string
    ("12,345.6"). ``unit`` is km, kilometers, kilometres, mi, miles, metric or imperial (any case).
    Raises ``fleetgate.UnitsError`` with code ``invalid_value`` or ``invalid_unit``.
    """
