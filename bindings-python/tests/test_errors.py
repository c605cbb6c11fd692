"""Errors crossing the boundary: Python-defined classes, stable codes, pickling, panics as InternalError."""

from __future__ import annotations

import decimal
import pickle
import subprocess
import sys

import pytest

import fleetgate
from fleetgate import FleetgateError, InternalError, UnitsError


def test_issue_example_raises_units_error_with_code() -> None:
    with pytest.raises(FleetgateError) as raised:
        fleetgate.units.to_metres("abc", "km")
    assert type(raised.value) is UnitsError
    assert raised.value.code == "invalid_value"
    assert isinstance(raised.value, ValueError)
    assert "abc" in str(raised.value)


def test_issue_command_line() -> None:
    code = (
        "import fleetgate\n"
        "try:\n    fleetgate.units.to_metres('abc','km')\n"
        "except fleetgate.FleetgateError as e:\n    print(type(e).__name__, e.code)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "UnitsError invalid_value"


def test_errors_pickle_with_code_and_message() -> None:
    with pytest.raises(UnitsError) as raised:
        fleetgate.units.to_metres(1, "furlong")
    clone = pickle.loads(pickle.dumps(raised.value))
    assert type(clone) is UnitsError
    assert (clone.code, clone.message, str(clone)) == ("invalid_unit", raised.value.message, str(raised.value))


def test_panic_becomes_internal_error_and_module_keeps_working() -> None:
    with pytest.raises(InternalError) as raised:
        fleetgate._fleetgate._panic_for_tests()  # type: ignore[attr-defined]
    assert raised.value.code == "internal_error"
    assert isinstance(raised.value, RuntimeError)
    assert fleetgate.units.to_metres(1, "mi") == 1609


@pytest.mark.parametrize("bad", [True, None, [], {}, object(), b"12", 1j])
def test_wrong_types_are_invalid_value(bad: object) -> None:
    with pytest.raises(UnitsError) as raised:
        fleetgate.units.to_metres(bad, "km")  # type: ignore[arg-type]
    assert raised.value.code == "invalid_value"


def test_decimal_and_big_ints_are_exact() -> None:
    assert fleetgate.units.to_metres(decimal.Decimal("12345.6"), "mi") == 19868317
    assert fleetgate.units.to_metres(decimal.Decimal("0.0025"), "km") == 2
    with pytest.raises(UnitsError):
        fleetgate.units.to_metres(decimal.Decimal("1E+3"), "km")
    with pytest.raises(UnitsError):
        fleetgate.units.to_metres(10**40, "km")
    with pytest.raises(UnitsError) as raised:
        fleetgate.units.from_metres(-(10**40), "km")
    assert raised.value.code == "invalid_value"


def test_unit_must_be_a_string() -> None:
    with pytest.raises(UnitsError) as raised:
        fleetgate.units.to_metres(1, None)  # type: ignore[arg-type]
    assert raised.value.code == "invalid_unit"


def test_installed_wheel_is_what_runs() -> None:
    assert "site-packages" in (fleetgate.__file__ or "")
