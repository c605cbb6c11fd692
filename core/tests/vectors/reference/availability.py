#!/usr/bin/env python3
"""Independent reference for core/tests/vectors/availability.json.

Cases with ``fn`` ``"Bookings"`` build one prepared ``availability.Bookings`` and ask it several queries; their
answers are the same direct counts below, query by query (the reference has no index).

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


def generated(seed: int, count: int) -> list[dict]:
    """``count`` bookings from a fixed xorshift32 stream (no ``random``: its streams are not promised across
    Python versions): starts on a 15-minute grid over 10 days, 15 min to 30 h long, 1-3 units, 0-3 h padding, a
    unit out of four or none."""
    state = seed

    def draw(n: int) -> int:
        nonlocal state
        state ^= (state << 13) & 0xFFFFFFFF
        state ^= state >> 17
        state ^= (state << 5) & 0xFFFFFFFF
        return state % n

    out = []
    for _ in range(count):
        start = 1709251200 + 900 * draw(960)
        b: dict = {"start": start, "end": start + 900 * (1 + draw(120))}
        if draw(2):
            b["quantity"] = 1 + draw(3)
        if draw(3) == 0:
            b["padding_hours"] = draw(4)
        if draw(4):
            b["unit"] = f"VIN-{draw(4)}"
        out.append(b)
    return out


GENERATED = generated(2463534242, 48)
GENERATED_UNITS = ["VIN-0", "VIN-1", "VIN-2", "VIN-3", "VIN-X"]
# Windows over the generated bookings: [from, to) as unix seconds, some off the 15-minute grid.
GENERATED_WINDOWS = [(1709251200 - 86400, 1709251200 + 11 * 86400), (1709251200, 1709251200 + 3600),
                     (1709337600 + 450, 1709337600 + 7 * 3600 + 1), (1709424000, 1709510400),
                     (1709596800 - 1, 1709596800 + 1), (1709683200 + 900, 1709683200 + 1800),
                     (1709769600, 1709856000 + 3 * 86400), (1710201600, 1710288000)]


def queries_of(window: tuple[object, object], stock: int) -> list[list]:
    f, to = window
    return [["unavailable", [f, to]], ["available", [stock, f, to]], ["timeline", [stock, f, to]],
            ["free_units", [GENERATED_UNITS, f, to]]]


# Bookings(bookings) once, then queries [method, args] on it: (id, bookings, queries, hand-calculated answers or
# None where the reference's direct count is the only calculation). A query's error is {"error": code}.
PREPARED = [
    ("bookings-overlap", OVERLAP, [
        ["unavailable", [W0, W1]], ["available", [2, W0, W1]], ["available", [5, W0, W1]],
        ["unavailable", [W0, DAY + "11:00:00Z"]], ["unavailable", [DAY + "11:30:00Z", DAY + "11:45:00Z"]],
        ["timeline", [3, W0, W1]], ["unavailable", [W1, W0]], ["available", [-1, W0, W1]],
        ["unavailable", [DAY + "16:00:00Z", W1]]],
     [3, 0, 2, 1, 3, [
         {"start": W0, "end": DAY + "08:00:00Z", "available": 3},
         {"start": DAY + "08:00:00Z", "end": DAY + "11:00:00Z", "available": 2},
         {"start": DAY + "11:00:00Z", "end": DAY + "12:00:00Z", "available": 0},
         {"start": DAY + "12:00:00Z", "end": DAY + "16:00:00Z", "available": 1},
         {"start": DAY + "16:00:00Z", "end": W1, "available": 3}],
      {"error": "invalid_window"}, {"error": "invalid_booking"}, 0]),
    ("bookings-back-to-back-and-padding", BACK_TO_BACK + PADDED_OVER, [
        ["unavailable", [W0, W1]], ["timeline", [2, DAY + "10:00:00Z", DAY + "18:00:00Z"]],
        ["unavailable", [DAY + "12:00:00Z", DAY + "13:00:00Z"]], ["available", [2, DAY + "16:00:00Z", W1]]],
     # levels: 08-11 two, 11-12 three (the padded one starts at 11), 12-16 two; 0 free merges 10-16
     [3, [{"start": DAY + "10:00:00Z", "end": DAY + "16:00:00Z", "available": 0},
          {"start": DAY + "16:00:00Z", "end": DAY + "18:00:00Z", "available": 2}], 2, 2]),
    ("bookings-units", UNITS, [
        ["free_units", [["VIN-A", "VIN-B", "VIN-C"], DAY + "09:00:00Z", DAY + "11:00:00Z"]],
        ["free_units", [["VIN-A", "VIN-B", "VIN-C"], DAY + "12:00:00Z", DAY + "13:00:00Z"]],
        ["free_units", [["VIN-A", "VIN-B", "VIN-C"], DAY + "16:00:00Z", DAY + "17:30:00Z"]],
        ["free_units", [["VIN-C", "VIN-Z", "VIN-C"], DAY + "16:00:00Z", DAY + "17:00:00Z"]],
        ["free_units", [[], W0, W1]], ["free_units", [["VIN-A"], W1, W1]], ["unavailable", [W0, W1]]],
     [["VIN-B", "VIN-C"], ["VIN-A", "VIN-C"], ["VIN-A", "VIN-B"], ["VIN-C", "VIN-Z", "VIN-C"], [],
      {"error": "invalid_window"}, 2]),
    ("bookings-dst-fall-back", DST, [
        ["unavailable", ["2024-10-26T22:00:00Z", "2024-10-27T06:00:00Z"]],
        ["timeline", [2, "2024-10-26T22:00:00Z", "2024-10-27T06:00:00Z"]]],
     # 00:30+02:00 = 22:30Z to 02:30+01:00 = 01:30Z (one unit), then 01:30Z to 05:00+01:00 = 04:00Z (two)
     [2, [{"start": "2024-10-26T22:00:00Z", "end": "2024-10-26T22:30:00Z", "available": 2},
          {"start": "2024-10-26T22:30:00Z", "end": "2024-10-27T01:30:00Z", "available": 1},
          {"start": "2024-10-27T01:30:00Z", "end": "2024-10-27T04:00:00Z", "available": 0},
          {"start": "2024-10-27T04:00:00Z", "end": "2024-10-27T06:00:00Z", "available": 2}]]),
    ("bookings-empty", [], [["unavailable", [W0, W1]], ["available", [4, W0, W1]], ["timeline", [4, W0, W1]],
                            ["free_units", [["VIN-A"], W0, W1]]],
     [0, 4, [{"start": W0, "end": W1, "available": 4}], ["VIN-A"]]),
    ("bookings-generated", GENERATED,
     [q for i, w in enumerate(GENERATED_WINDOWS) for q in queries_of(w, [9, 4, 6, 8, 3, 5, 10, 2][i])], None),
]
PREPARED_ERRORS = [
    ("bookings-end-before-start", [B(DAY + "12:00:00Z", DAY + "08:00:00Z")], "invalid_booking"),
    ("bookings-unknown-field", [B(DAY + "08:00:00Z", DAY + "12:00:00Z", state="sale")], "invalid_booking"),
    ("bookings-not-a-list", "2024-03-01T08:00:00Z", "invalid_booking"),
]


def query(bookings: list[dict], name: str, args: list) -> object:
    """One query of a prepared case, by the free reference functions; a bad window or stock is its error."""
    *head, f, to = args
    if t(to) <= t(f):
        return {"error": "invalid_window"}
    if name in ("available", "timeline") and not (isinstance(head[0], int) and 0 <= head[0] < 2**32):
        return {"error": "invalid_booking"}
    return FUNCTIONS[name](*head[:1], bookings, f, to) if head else FUNCTIONS[name](bookings, f, to)


def build() -> dict:
    cases = []
    for id_, fn, args, hand in CASES:
        got = FUNCTIONS[fn](*args)
        assert got == hand, f"{id_}: reference {got!r} != hand calculation {hand!r}"
        cases.append({"id": id_, "fn": fn, "args": args, "expect": got})
    for id_, fn, args, code in ERRORS:
        cases.append({"id": id_, "fn": fn, "args": args, "error": code})
    for id_, bookings, queries, hand in PREPARED:
        got = [query(bookings, name, args) for name, args in queries]
        assert hand is None or got == hand, f"{id_}: reference {got!r} != hand calculation {hand!r}"
        cases.append({"id": id_, "fn": "Bookings", "args": [bookings, queries], "expect": got})
    for id_, bookings, code in PREPARED_ERRORS:
        cases.append({"id": id_, "fn": "Bookings", "args": [bookings, [["unavailable", [W0, W1]]]], "error": code})
    return {
        "area": "availability",
        "about": "Availability over half-open booking intervals [start - padding, end). Expected values come from "
                 "reference/availability.py (direct counting at every boundary, checked against hand "
                 "calculations), not from fleetgate. fn Bookings: args [bookings, [[method, args], ...]] builds one "
                 "availability.Bookings and runs every query on it; expect is the list of answers, a failing query "
                 "{error: code}.",
        "cases": cases,
    }


if __name__ == "__main__":
    sys.exit(write_or_check(VECTORS, build()))
