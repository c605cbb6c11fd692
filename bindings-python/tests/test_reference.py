"""The vectors agree with their independent reference (exact fractions, no fleetgate involved)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REFERENCE = Path(__file__).resolve().parents[2] / "core" / "tests" / "vectors" / "reference"


def test_units_vectors_match_reference() -> None:
    result = subprocess.run([sys.executable, str(REFERENCE / "units.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_webhooks_vectors_match_reference() -> None:
    result = subprocess.run([sys.executable, str(REFERENCE / "webhooks.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_smartcar_vectors_match_reference() -> None:
    result = subprocess.run([sys.executable, str(REFERENCE / "smartcar.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_odometer_vectors_match_reference() -> None:
    result = subprocess.run([sys.executable, str(REFERENCE / "odometer.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
