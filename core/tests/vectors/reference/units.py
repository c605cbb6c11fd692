#!/usr/bin/env python3
"""Independent reference for core/tests/vectors/units.json.

It does not use fleetgate: expected values come from exact rational arithmetic (``fractions.Fraction``) with
Python's round-half-even ``round()`` and correctly rounded ``float()`` of a fraction. A float input means its
shortest repr (``Fraction(repr(x))``), as the units module documents.

    python3 core/tests/vectors/reference/units.py          # rewrite units.json from the case list below
    python3 core/tests/vectors/reference/units.py --check  # exit 1 if units.json differs from the reference
"""

from __future__ import annotations

import json
import math
import re
import sys
from fractions import Fraction
from pathlib import Path

VECTORS = Path(__file__).resolve().parent.parent / "units.json"
MAX_METRES = 2**53 - 1
MM_PER_UNIT = {"km": 1_000_000, "mi": 1_609_344}
NAMES = {"km": "km", "kilometers": "km", "kilometres": "km", "metric": "km",
         "mi": "mi", "miles": "mi", "imperial": "mi"}
PLAIN = re.compile(r"^(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)(?:\.[0-9]+)?$")
NAN, INF, NINF = {"$float": "nan"}, {"$float": "inf"}, {"$float": "-inf"}


class Rejected(Exception):
    def __init__(self, code: str) -> None:
        self.code = code


def unit(name: object) -> str:
    if not isinstance(name, str) or name.lower() not in NAMES or not name.isascii():
        raise Rejected("invalid_unit")
    return NAMES[name.lower()]


def exact(value: object) -> Fraction:
    if isinstance(value, dict) or isinstance(value, bool) or value is None:
        raise Rejected("invalid_value")
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value) or value < 0:
            raise Rejected("invalid_value")
        return Fraction(repr(abs(value)))
    if isinstance(value, int):
        if value < 0:
            raise Rejected("invalid_value")
        return Fraction(value)
    if isinstance(value, str) and PLAIN.match(value):
        return Fraction(value.replace(",", ""))
    raise Rejected("invalid_value")


def metres(value: object, u: str) -> int:
    m = round(exact(value) * MM_PER_UNIT[u] / 1000)  # Fraction.__round__ is half-to-even
    if m > MAX_METRES:
        raise Rejected("invalid_value")
    return m


def to_metres(value: object, name: object) -> int:
    return metres(value, unit(name))


def from_metres(m: object, name: object) -> float:
    u = unit(name)
    if isinstance(m, bool) or not isinstance(m, (int, float)) or (isinstance(m, float) and not m.is_integer()):
        raise Rejected("invalid_value")
    if not 0 <= m <= MAX_METRES:
        raise Rejected("invalid_value")
    return float(Fraction(int(m)) * 1000 / MM_PER_UNIT[u])


def convert(value: object, src: object, dst: object) -> float:
    a, b = unit(src), unit(dst)
    metres(value, a)  # range check
    return float(exact(value) * MM_PER_UNIT[a] / MM_PER_UNIT[b])


# (id, fn, args, dynamic_only): dynamic_only cases test values a static type system cannot pass (bool, null, a
# string where metres are expected); the Rust runner skips them.
CASES = [
    # exact conversions
    ("km-int", "to_metres", [12, "km"]),
    ("km-float", "to_metres", [12.5, "km"]),
    ("mi-one", "to_metres", [1, "mi"]),
    ("mi-one-string", "to_metres", ["1", "miles"]),
    ("mi-250k-exact", "to_metres", [250000, "mi"]),
    ("mi-250k-grouped", "to_metres", ["250,000", "mi"]),
    ("mi-999999-not-1.60934", "to_metres", [999999, "mi"]),
    ("mi-grouped-fraction", "to_metres", ["12,345.6", "mi"]),
    ("km-grouped-millions", "to_metres", ["1,234,567.891", "km"]),
    ("km-zero", "to_metres", [0, "km"]),
    ("mi-zero-string", "to_metres", ["0", "mi"]),
    ("km-negative-zero-float", "to_metres", [-0.0, "km"]),
    ("km-leading-zeros", "to_metres", ["007.5", "km"]),
    ("mi-float-shortest-repr", "to_metres", [0.3, "mi"]),
    ("km-float-classic-2.675", "to_metres", [2.675, "km"]),
    ("km-float-0.1", "to_metres", [0.1, "km"]),
    ("km-long-fraction", "to_metres", ["0.1234567890123456789012345678901234567890", "km"]),
    ("mi-odometer-typical", "to_metres", [104321.7, "mi"]),
    ("km-max", "to_metres", ["9007199254740.991", "km"]),
    ("km-max-round-down", "to_metres", ["9007199254740.9914", "km"]),
    # rounding ties: exactly half a metre rounds to the even metre
    ("tie-km-half-to-zero", "to_metres", ["0.0005", "km"]),
    ("tie-km-1.5-to-2", "to_metres", ["0.0015", "km"]),
    ("tie-km-2.5-to-2", "to_metres", ["0.0025", "km"]),
    ("tie-km-3.5-to-4", "to_metres", ["0.0035", "km"]),
    ("tie-km-float-2.5-to-2", "to_metres", [0.0025, "km"]),
    ("tie-km-just-above-half", "to_metres", ["0.00250000000000000000000001", "km"]),
    ("tie-km-just-below-half", "to_metres", ["0.00249999999999999999999999", "km"]),
    ("tie-mi-6286.5-to-even", "to_metres", ["3.90625", "mi"]),
    ("tie-mi-18859.5-to-even", "to_metres", ["11.71875", "mi"]),
    # every accepted spelling
    *[(f"unit-{name}", "to_metres", [2, name]) for name in
      ["km", "KM", "Km", "kilometers", "Kilometers", "kilometres", "KILOMETRES", "metric", "METRIC",
       "mi", "MI", "miles", "Miles", "imperial", "Imperial"]],
    # every rejection of a unit
    *[(f"bad-unit-{i}", "to_metres", [1, name]) for i, name in enumerate(
      ["kilometer", "mile", " km", "km ", "", "meters", "m", "k m", "kmh", "mi.", "K\u041c"])],
    ("bad-unit-before-bad-value", "to_metres", ["abc", "furlong"]),
    # every rejection of a value
    *[(f"bad-value-{i}", "to_metres", [text, "km"]) for i, text in enumerate(
      ["abc", "", "1e400", "1e3", "NaN", "nan", "inf", "Infinity", "-1", "-0", "+1", " 1", "1 ", "1,23",
       "12,34.5", ",123", "1.", ".5", "1.2.3", "0x10", "1_000", "\u0661\u0662", "1,000,00", "12\u00a0345"])],
    ("bad-value-negative-int", "to_metres", [-1, "km"]),
    ("bad-value-negative-float", "to_metres", [-0.5, "mi"]),
    ("bad-value-nan", "to_metres", [NAN, "km"]),
    ("bad-value-inf", "to_metres", [INF, "mi"]),
    ("bad-value-neg-inf", "to_metres", [NINF, "km"]),
    ("bad-value-huge-float", "to_metres", [1e300, "km"]),
    ("bad-value-over-max", "to_metres", ["9007199254740992", "km"]),
    ("bad-value-max-tie-rounds-over", "to_metres", ["9007199254740.9915", "km"]),
    ("bad-value-over-max-mi", "to_metres", ["5596930599428", "mi"]),
    ("bad-value-bool", "to_metres", [True, "km"], True),
    ("bad-value-null", "to_metres", [None, "km"], True),
    ("bad-unit-not-string", "to_metres", [1, 5], True),
    # from_metres
    ("from-km", "from_metres", [1609, "km"]),
    ("from-mi-exact-1000", "from_metres", [1609344, "mi"]),
    ("from-mi-one-metre", "from_metres", [1, "mi"]),
    ("from-mi-zero", "from_metres", [0, "mi"]),
    ("from-km-max", "from_metres", [MAX_METRES, "km"]),
    ("from-mi-max", "from_metres", [MAX_METRES, "mi"]),
    ("from-mi-odometer", "from_metres", [167890123, "miles"]),
    ("from-negative", "from_metres", [-1, "km"]),
    ("from-over-max", "from_metres", [MAX_METRES + 1, "km"]),
    ("from-fractional", "from_metres", [1.5, "km"]),
    ("from-integral-float", "from_metres", [1609.0, "km"]),
    ("from-nan", "from_metres", [NAN, "km"]),
    ("from-bad-unit", "from_metres", [1000, "furlong"]),
    ("from-string-metres", "from_metres", ["1000", "km"], True),
    # convert
    ("convert-mi-km", "convert", [1, "mi", "km"]),
    ("convert-km-mi-exact-one", "convert", [1.609344, "km", "mi"]),
    ("convert-100km-mi", "convert", [100, "km", "mi"]),
    ("convert-marathon", "convert", [26.2, "mi", "km"]),
    ("convert-grouped-string", "convert", ["12,345.6", "mi", "km"]),
    ("convert-same-unit", "convert", [5, "km", "kilometres"]),
    ("convert-tenth-km-mi", "convert", ["0.1", "km", "mi"]),
    ("convert-long-fraction", "convert", ["0.000000000000000000000000000001", "mi", "km"]),
    ("convert-bad-value", "convert", ["x", "km", "mi"]),
    ("convert-bad-target-unit", "convert", [1, "km", "leagues"]),
    ("convert-bad-source-unit", "convert", [1, "parsec", "km"]),
    ("convert-over-max", "convert", ["9007199254741", "km", "mi"]),
]

FUNCTIONS = {"to_metres": to_metres, "from_metres": from_metres, "convert": convert}


def decode(arg: object) -> object:
    if isinstance(arg, dict) and "$float" in arg:
        return float(arg["$float"])
    return arg


def build() -> dict:
    cases = []
    for case in CASES:
        cid, fn, args, *rest = case
        entry: dict = {"id": cid, "fn": fn, "args": args}
        if rest and rest[0]:
            entry["dynamic_only"] = True
        try:
            entry["expect"] = FUNCTIONS[fn](*[decode(a) for a in args])
        except Rejected as rejected:
            entry["error"] = rejected.code
        cases.append(entry)
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    return {
        "area": "units",
        "about": "Exact distance conversion. Expected values come from reference/units.py (exact fractions), "
                 "not from fleetgate. A float argument written {\"$float\": \"nan\"|\"inf\"|\"-inf\"} is that float.",
        "cases": cases,
    }


def main() -> int:
    text = json.dumps(build(), indent=1, ensure_ascii=True) + "\n"
    if "--check" in sys.argv:
        if VECTORS.read_text() != text:
            print(f"{VECTORS} differs from the reference; rerun {Path(__file__).name}", file=sys.stderr)
            return 1
        print(f"{VECTORS.name}: matches the independent reference")
        return 0
    VECTORS.write_text(text)
    print(f"wrote {VECTORS} ({len(CASES)} cases)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
