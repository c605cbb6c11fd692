"""The ratelimit, client_key, retry, sse and odoo vectors agree with their independent references."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REFERENCE = Path(__file__).resolve().parents[2] / "core" / "tests" / "vectors" / "reference"


@pytest.mark.parametrize("area", ["ratelimit", "client_key", "retry", "sse", "odoo"])
def test_vectors_match_reference(area: str) -> None:
    script = REFERENCE / f"{area}.py"
    result = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True, cwd=REFERENCE)
    assert result.returncode == 0, result.stderr
