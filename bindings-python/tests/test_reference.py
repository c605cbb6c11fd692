"""Every vector file agrees with its independent reference (core/tests/vectors/reference/<area>.py --check):
exact fractions, the standard library, published tables; no fleetgate involved. A vector file without a
reference fails here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

VECTORS = Path(__file__).resolve().parents[2] / "core" / "tests" / "vectors"
REFERENCE = VECTORS / "reference"
#: Vector files whose expected values are not computed by a reference: bad_input.json holds error codes of the
#: boundary contract (documented in CONTRIBUTING.md), not values.
NO_REFERENCE = {"bad_input"}
AREAS = sorted(p.stem for p in VECTORS.glob("*.json") if p.stem not in NO_REFERENCE)


@pytest.mark.parametrize("area", AREAS)
def test_vectors_match_reference(area: str) -> None:
    script = REFERENCE / f"{area}.py"
    assert script.exists(), f"{area}.json has no reference script {script.name}"
    result = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True, cwd=REFERENCE)
    assert result.returncode == 0, result.stdout + result.stderr
