#!/usr/bin/env python3
"""Independent reference for core/tests/vectors/availability.json.

It does not use fleetgate. The level at an instant t is counted directly from the spec, booking by booking:
the sum of quantities of bookings with ``start - padding <= t < end``. Since the level only changes at booking
boundaries, the maximum over ``[from, to)`` is the maximum over ``from`` and the boundaries inside the window
(no sweep line, no event netting). Every case also carries a hand calculation (``hand``) that the reference must
agree with before the file is written.

    python3 core/tests/vectors/reference/availability.py          # rewrite availability.json
    python3 core/tests/vectors/reference/availability.py --check  # exit 1 if availability.json differs
"""

from __future__ import annotations

import json
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from _vectors import write_or_check  # noqa: E402

VECTORS = Path(__file__).resolve().parent.parent / "availability.json"
UTC = timezone.utc


def t(text: str | int) -> datetime:
    if isinstance(text, int):
        return datetime.fromtimestamp(text, UTC)
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def z(d: datetime) -> str:
    return d.strftime("%Y-%m-%dT%H:%M:%SZ")


def blocked(b: dict) -> tuple[datetime, datetime]:
    return t(b["start"]) - timedelta(hours=b.get("padding_hours", 0)), t(b["end"])


def level(bookings: list[dict], at: datetime) -> int:
    return sum(b.get("quantity", 1) for b in bookings if blocked(b)[0] <= at < blocked(b)[1])


def points(bookings: list[dict], f: datetime, to: datetime) -> list[datetime]:
    inside = {p for b in bookings for p in blocked(b) if f < p < to}
    return [f, *sorted(inside)]


def unavailable(bookings: list[dict], f: str, to: str) -> int:
    return max(level(bookings, p) for p in points(bookings, t(f), t(to)))


def available(stock: int, bookings: list[dict], f: str, to: str) -> int:
    return max(0, stock - unavailable(bookings, f, to))


def timeline(stock: int, bookings: list[dict], f: str, to: str) -> list[dict]:
    ps = points(bookings, t(f), t(to)) + [t(to)]
    out: list[dict] = []
    for a, b in zip(ps, ps[1:]):
        free = max(0, stock - level(bookings, a))
        if out and out[-1]["available"] == free:
            out[-1]["end"] = z(b)
        else:
            out.append({"start": z(a), "end": z(b), "available": free})
    return out


def free_units(units: list[str], bookings: list[dict], f: str, to: str) -> list[str]:
    held = {b.get("unit") for b in bookings if blocked(b)[0] < t(to) and t(f) < blocked(b)[1]}
    return [u for u in units if u not in held]


def B(start: str, end: str, **extra: object) -> dict:  # noqa: N802
    return {"start": start, "end": end, **extra}


DAY = "2024-03-01T"
W0, W1 = DAY + "00:00:00Z", DAY + "23:59:59Z"
BACK_TO_BACK = [B(DAY + "08:00:00Z", DAY + "12:00:00Z"), B(DAY + "12:00:00Z", DAY + "16:00:00Z")]
OVERLAP = [B(DAY + "08:00:00Z", DAY + "12:00:00Z"), B(DAY + "11:00:00Z", DAY + "16:00:00Z", quantity=2)]
PADDED = [B(DAY + "08:00:00Z", DAY + "12:00:00Z"), B(DAY + "14:00:00Z", DAY + "16:00:00Z", padding_hours=2)]
PADDED_OVER = [B(DAY + "08:00:00Z", DAY + "12:00:00Z"), B(DAY + "14:00:00Z", DAY + "16:00:00Z", padding_hours=3)]
UNITS = [B(DAY + "08:00:00Z", DAY + "12:00:00Z", unit="VIN-A"), B(DAY + "12:00:00Z", DAY + "16:00:00Z", unit="VIN-B"),
         B(DAY + "18:00:00Z", DAY + "20:00:00Z", unit="VIN-C", padding_hours=1), B(DAY + "09:00:00Z", DAY + "10:00:00Z")]
DST = [B("2024-10-27T00:30:00+02:00", "2024-10-27T02:30:00+01:00"),
       B("2024-10-27T02:30:00+01:00", "2024-10-27T05:00:00+01:00", quantity=2)]

# (id, fn, args, hand-calculated expectation)
CASES = [
    ("no-bookings", "unavailable", [[], W0, W1], 0),
    ("back-to-back-is-one", "unavailable", [BACK_TO_BACK, W0, W1], 1),
    ("back-to-back-available", "available", [2, BACK_TO_BACK, W0, W1], 1),
    ("overlap-sums", "unavailable", [OVERLAP, W0, W1], 3),
    ("overlap-window-before", "unavailable", [OVERLAP, W0, DAY + "11:00:00Z"], 1),
    ("window-ends-at-start-half-open", "unavailable", [BACK_TO_BACK, W0, DAY + "08:00:00Z"], 0),
    ("window-starts-at-end-half-open", "unavailable", [BACK_TO_BACK, DAY + "16:00:00Z", W1], 0),
    ("window-inside-booking", "unavailable", [OVERLAP, DAY + "11:30:00Z", DAY + "11:45:00Z"], 3),
    ("padding-touches-previous-end", "unavailable", [PADDED, W0, W1], 1),
    ("padding-overlaps-previous", "unavailable", [PADDED_OVER, W0, W1], 2),
    ("padding-blocks-before-pickup", "unavailable", [PADDED, DAY + "12:30:00Z", DAY + "13:00:00Z"], 1),
    ("overbooked-available-is-zero", "available", [2, OVERLAP, W0, W1], 0),
    ("stock-minus-peak", "available", [5, OVERLAP, W0, W1], 2),
    ("dst-fall-back-overlap", "unavailable", [DST, "2024-10-26T22:00:00Z", "2024-10-27T06:00:00Z"], 2),
    ("unix-seconds", "unavailable", [[B(1709280000, 1709294400)], 1709280000, 1709380000], 1),
    ("timeline-overlap", "timeline", [3, OVERLAP, W0, W1], [
        {"start": W0, "end": DAY + "08:00:00Z", "available": 3},
        {"start": DAY + "08:00:00Z", "end": DAY + "11:00:00Z", "available": 2},
        {"start": DAY + "11:00:00Z", "end": DAY + "12:00:00Z", "available": 0},
        {"start": DAY + "12:00:00Z", "end": DAY + "16:00:00Z", "available": 1},
        {"start": DAY + "16:00:00Z", "end": W1, "available": 3}]),
    ("timeline-back-to-back-merges", "timeline", [1, BACK_TO_BACK, W0, W1], [
        {"start": W0, "end": DAY + "08:00:00Z", "available": 1},
        {"start": DAY + "08:00:00Z", "end": DAY + "16:00:00Z", "available": 0},
        {"start": DAY + "16:00:00Z", "end": W1, "available": 1}]),
    ("timeline-padding", "timeline", [1, PADDED, DAY + "10:00:00Z", DAY + "18:00:00Z"], [
        {"start": DAY + "10:00:00Z", "end": DAY + "16:00:00Z", "available": 0},
        {"start": DAY + "16:00:00Z", "end": DAY + "18:00:00Z", "available": 1}]),
    ("timeline-empty", "timeline", [2, [], W0, W1], [{"start": W0, "end": W1, "available": 2}]),
    ("free-units-morning", "free_units", [["VIN-A", "VIN-B", "VIN-C"], UNITS, DAY + "09:00:00Z", DAY + "11:00:00Z"],
     ["VIN-B", "VIN-C"]),
    ("free-units-back-to-back", "free_units", [["VIN-A", "VIN-B", "VIN-C"], UNITS, DAY + "12:00:00Z",
                                               DAY + "13:00:00Z"], ["VIN-A", "VIN-C"]),
    ("free-units-padding", "free_units", [["VIN-A", "VIN-B", "VIN-C"], UNITS, DAY + "16:00:00Z", DAY + "17:30:00Z"],
     ["VIN-A", "VIN-B"]),
    ("free-units-padding-edge", "free_units", [["VIN-A", "VIN-B", "VIN-C"], UNITS, DAY + "16:00:00Z",
                                               DAY + "17:00:00Z"], ["VIN-A", "VIN-B", "VIN-C"]),
]
ERRORS = [
    ("window-empty", "unavailable", [[], W1, W0], "invalid_window"),
    ("window-naive", "unavailable", [[], "2024-03-01T00:00:00", W1], "invalid_window"),
    ("booking-end-before-start", "unavailable", [[B(DAY + "12:00:00Z", DAY + "08:00:00Z")], W0, W1], "invalid_booking"),
    ("booking-zero-quantity", "unavailable", [[B(DAY + "08:00:00Z", DAY + "12:00:00Z", quantity=0)], W0, W1],
     "invalid_booking"),
    ("booking-negative-padding", "unavailable", [[B(DAY + "08:00:00Z", DAY + "12:00:00Z", padding_hours=-1)], W0, W1],
     "invalid_booking"),
    ("booking-unknown-field", "unavailable", [[B(DAY + "08:00:00Z", DAY + "12:00:00Z", state="sale")], W0, W1],
     "invalid_booking"),
    ("negative-stock", "available", [-1, [], W0, W1], "invalid_booking"),
]
FUNCTIONS = {"unavailable": unavailable, "available": available, "timeline": timeline, "free_units": free_units}


def build() -> dict:
    cases = []
    for id_, fn, args, hand in CASES:
        got = FUNCTIONS[fn](*args)
        assert got == hand, f"{id_}: reference {got!r} != hand calculation {hand!r}"
        cases.append({"id": id_, "fn": fn, "args": args, "expect": got})
    for id_, fn, args, code in ERRORS:
        cases.append({"id": id_, "fn": fn, "args": args, "error": code})
    return {
        "area": "availability",
        "about": "Availability over half-open booking intervals [start - padding, end). Expected values come from "
                 "reference/availability.py (direct counting at every boundary, checked against hand "
                 "calculations), not from fleetgate.",
        "cases": cases,
    }


if __name__ == "__main__":
    sys.exit(write_or_check(VECTORS, build()))
