"""Validate a CSV of odometer readings (a backfill) and write one verdict per row.

    .venv/bin/python examples/python/backfill.py readings.csv verdicts.csv

Input columns: value, unit, reading_time (unix seconds or RFC 3339), and optionally event_id, source, id.
Output: the input columns plus status, reason, metres, allowed_min_m, allowed_max_m, duplicate_of. Nothing is
dropped: void and duplicate readings are written too, flagged, so they can be reviewed. A progress bar goes to
stderr. Values are passed as text, so "12,345.6" is read exactly.
"""

from __future__ import annotations

import csv
import sys
import time
from typing import Iterable, Iterator, TypeVar

from fleetgate import odometer

T = TypeVar("T")
OPTIONAL = ("event_id", "source", "id")


def progress(items: Iterable[T], total: int, label: str) -> Iterator[T]:
    """Yields items while drawing a progress bar on stderr (no dependency needed)."""
    start = time.monotonic()
    width = 30
    for done, item in enumerate(items, 1):
        if done == total or done % max(1, total // 100) == 0:
            filled = width * done // max(total, 1)
            rate = done / max(time.monotonic() - start, 1e-9)
            sys.stderr.write(f"\r{label:9s} [{'#' * filled}{'.' * (width - filled)}] {done}/{total} ({rate:,.0f}/s)")
            sys.stderr.flush()
        yield item
    sys.stderr.write("\n")


def reading(row: dict[str, str]) -> dict[str, object]:
    """A CSV row as a reading dict: numbers stay text (read exactly), times may be seconds or RFC 3339."""
    time_text = row["reading_time"]
    reading_time: object = int(time_text) if time_text.lstrip("-").isdigit() else time_text
    out: dict[str, object] = {"value": row["value"], "unit": row["unit"], "reading_time": reading_time}
    out.update({key: row[key] for key in OPTIONAL if row.get(key)})
    return out


def main(source: str, target: str) -> int:
    with open(source, newline="") as f:
        rows = list(csv.DictReader(f))
    readings = [reading(row) for row in progress(rows, len(rows), "reading")]
    verdicts = odometer.check_batch(readings)
    counts: dict[str, int] = {}
    with open(target, "w", newline="") as f:
        fields = list(rows[0].keys()) if rows else ["value", "unit", "reading_time"]
        extra = ["status", "reason", "metres", "allowed_min_m", "allowed_max_m", "duplicate_of"]
        writer = csv.DictWriter(f, fieldnames=fields + extra)
        writer.writeheader()
        for row, verdict in progress(zip(rows, verdicts), len(rows), "writing"):
            low, high = verdict.allowed_range_m or (None, None)
            writer.writerow({**row, "status": verdict.status, "reason": verdict.reason or "", "metres": verdict.metres,
                             "allowed_min_m": low, "allowed_max_m": high, "duplicate_of": verdict.duplicate_of})
            key = verdict.status if verdict.reason is None else f"void/{verdict.reason}"
            counts[key] = counts.get(key, 0) + 1
    print(f"{len(rows)} readings -> {target}")
    for key, count in sorted(counts.items()):
        print(f"  {key:28s} {count}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
