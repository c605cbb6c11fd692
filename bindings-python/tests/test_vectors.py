"""Runs every shared vector case against the installed wheel."""

from __future__ import annotations

from typing import Any

import pytest

import fleetgate
from vectors import LOADERS, all_cases, decode, run_bad_input, same, vector_files


@pytest.mark.parametrize(("area", "case"), all_cases(), ids=lambda x: x if isinstance(x, str) else x["id"])
def test_vector(area: str, case: dict[str, Any]) -> None:
    if area == "bad_input":
        if "python" not in case.get("hosts", ["python"]):
            pytest.skip("not a Python case")
        run_bad_input(case)
        return
    assert area in LOADERS, f"no Python loader for area {area!r} in tests/vectors.py"
    call = LOADERS[area][case["fn"]]
    args = [decode(a) for a in case["args"]]
    if "error" in case:
        with pytest.raises(fleetgate.FleetgateError) as raised:
            call(*args)
        assert raised.value.code == case["error"], str(raised.value)
    else:
        got = call(*args)
        assert same(got, case["expect"]), f"expected {case['expect']!r}, got {got!r}"


def test_every_vector_file_has_a_loader() -> None:
    assert set(vector_files()) - {"bad_input"} <= set(LOADERS)
