"""Odometer backfill through the Python binding's columnar API, next to a straightforward pure-Python implementation
of the same rules, on the same million readings in the same run.

    .venv/bin/python benches/compare/odometer_batch.py [N]

The pure-Python version is what a user would write: sort by reading time, one pass, a dict of event ids, float
arithmetic. The script checks both give the same statuses before it reports any timing.
"""

from __future__ import annotations

import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from odometer_data import odometer_columns  # noqa: E402

import fleetgate  # noqa: E402

SENTINELS = {999_999.0, 16_777_215.0}


def check_batch_pure(values, times, event_ids, max_speed_kmh=250.0, min_elapsed_s=60):
    """The odometer rules (duplicates, order, unit swap, speed) in plain Python, km input."""
    n = len(values)
    order = sorted(range(n), key=lambda i: (times[i], event_ids[i], values[i] in SENTINELS, values[i], i))
    status: list[str] = [""] * n
    metres: list[int | None] = [None] * n
    seen: dict[str, int] = {}
    prev_m = prev_t = None
    for i in order:
        first = seen.setdefault(event_ids[i], i)
        v = values[i]
        if math.isnan(v) or v < 0 or v in SENTINELS:
            status[i] = "void"
            continue
        m = round(v * 1000)
        metres[i] = m
        if first != i:
            status[i] = "duplicate"
            continue
        t = times[i] * 1000
        if prev_m is not None:
            elapsed_h = max(t - prev_t, min_elapsed_s * 1000) / 3_600_000
            if m < prev_m:
                status[i] = "void"
                continue
            if (m - prev_m) / 1000 > max_speed_kmh * elapsed_h:
                status[i] = "void"
                continue
        status[i] = "accept"
        if prev_m is None or m >= prev_m:
            prev_m, prev_t = m, t
    return status, metres


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    values, times, event_ids = odometer_columns(n)
    runs = {}
    start = time.perf_counter()
    result = fleetgate.odometer.check_batch_columns(values, "km", times, event_ids=event_ids)
    runs["fleetgate (columnar binding)"] = time.perf_counter() - start
    start = time.perf_counter()
    pure_status, _ = check_batch_pure(values, times, event_ids)
    runs["pure Python (same rules)"] = time.perf_counter() - start
    agree = sum(a == b for a, b in zip(result["status"], pure_status))
    assert agree == n, f"implementations disagree on {n - agree} of {n} readings"
    print(f"odometer batch, {n:,} readings (statuses agree on all {n:,})")
    for name, seconds in runs.items():
        print(f"  {name:32s} {seconds * 1000:9.1f} ms  {n / seconds / 1e6:6.2f} M readings/s")


if __name__ == "__main__":
    main()
