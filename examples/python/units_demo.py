"""fleetgate from Python: exact odometer units. Run: .venv/bin/python examples/python/units_demo.py"""

import fleetgate
from fleetgate import units

print("== Python: fleetgate.units ==")
print("to_metres('12,345.6', 'mi') =", units.to_metres("12,345.6", "mi"))
print("to_metres(999999, 'miles')  =", units.to_metres(999999, "miles"), "(x1.60934 would say 1609338391)")
print("from_metres(1609344, 'mi')  =", units.from_metres(1609344, "mi"))
print("convert(1, 'mi', 'km')      =", units.convert(1, "mi", "km"))
try:
    units.to_metres("abc", "km")
except fleetgate.FleetgateError as err:
    print(f"to_metres('abc', 'km') -> {type(err).__name__} code={err.code}: {err}")
