"""core/areas.json is the list of areas: every Python registration point must follow it."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import fleetgate
from fleetgate import errors

ROOT = Path(__file__).resolve().parents[2]
AREAS = json.loads((ROOT / "core" / "areas.json").read_text())["areas"]


def test_every_area_has_its_module_and_exception_class() -> None:
    for area in AREAS:
        cls = getattr(errors, area["error"])
        assert issubclass(cls, fleetgate.FleetgateError)
        assert errors._BY_AREA[area["area"]] is cls, area
        assert area["error"] in errors.__all__ and area["error"] in fleetgate.__all__
        assert getattr(fleetgate, area["error"]) is cls
        if area["python"] is None:
            continue
        module = importlib.import_module(f"fleetgate.{area['python']}")
        assert module.__doc__, f"fleetgate.{area['python']} has no docstring"
        assert area["python"] in fleetgate.__all__ and getattr(fleetgate, area["python"]) is module
        assert (ROOT / "bindings-python" / "stubs" / "fleetgate" / "_fleetgate" / f"{area['python']}.pyi").exists() or (
            ROOT / "bindings-python" / "stubs" / "fleetgate" / "_fleetgate" / f"{area['core']}.pyi"
        ).exists()


def test_no_exception_class_outside_the_manifest() -> None:
    assert set(errors._BY_AREA) == {a["area"] for a in AREAS} | {"internal"}


def test_version_is_the_crate_version() -> None:
    cargo = (ROOT / "Cargo.toml").read_text()
    version = cargo.split("[workspace.package]", 1)[1].split('version = "', 1)[1].split('"', 1)[0]
    assert fleetgate.__version__ == version
