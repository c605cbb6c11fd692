#!/usr/bin/env python3
"""Prepared bookings through the Python binding, in the same run as the plain sweep a Python user would write.

100 queries (one-week windows spread over two years) over the same 10,000 bookings (those of
benches/benches/booking.rs and benches/booking_compare.py):

- fleetgate ``availability.Bookings(bookings)`` built once, then ``available`` / ``timeline`` per query;
- a plain Python sweep: the bookings turned into blocked intervals and sorted by start once, then per query a loop
  over them (stopping at the first that starts after the window), the window's changes sorted and swept;
- the old free functions ``availability.available`` / ``timeline``, which read all 10,000 bookings per call.

Every answer of the three is checked to be the same before timing. Times are the best of several rounds
(``ROUNDS``, default 5; the free functions: 2 rounds), in one process.

Run after ``PROFILE=release bash scripts/build.sh``: ``.venv/bin/python benches/compare/availability_prepared.py``
"""

from __future__ import annotations

import os
import time
from typing import Callable, List, Tuple

from fleetgate import availability

START, WEEK, YEAR = 1_706_781_600, 7 * 86_400, 366 * 86_400
STOCK = 5
BOOKINGS = []
for i in range(10_000):  # the same 10,000 bookings as benches/benches/booking.rs
    start = START + i * 6_700 % (2 * YEAR) + (i % 7) * 3600
    BOOKINGS.append({"start": start, "end": start + 3600 * (1 + i * 37 % 72), "quantity": 1 + i % 3,
                     "padding_hours": i % 2})
WINDOWS = [(START + k * (2 * YEAR - WEEK) // 100, START + k * (2 * YEAR - WEEK) // 100 + WEEK) for k in range(100)]
ROUNDS = int(os.environ.get("ROUNDS", "5"))

Interval = Tuple[int, int, int]


def host_prepare(bookings: list) -> List[Interval]:
    """Once: blocked intervals ``(start - padding, end, quantity)`` sorted by start."""
    return sorted((b["start"] - 3600 * b.get("padding_hours", 0), b["end"], b.get("quantity", 1)) for b in bookings)


def host_changes(intervals: List[Interval], f: int, t: int) -> Tuple[int, dict]:
    """Per query: the level at ``f`` and the net changes inside ``(f, t)``, one loop over the sorted intervals."""
    level, changes = 0, {}
    for s, e, q in intervals:
        if s >= t:
            break
        if e <= f:
            continue
        if s <= f:
            level += q
        else:
            changes[s] = changes.get(s, 0) + q
        if e < t:
            changes[e] = changes.get(e, 0) - q
    return level, changes


def host_available(intervals: List[Interval], stock: int, f: int, t: int) -> int:
    level, changes = host_changes(intervals, f, t)
    peak = level
    for at in sorted(changes):
        level += changes[at]
        peak = max(peak, level)
    return max(0, stock - peak)


def host_timeline(intervals: List[Interval], stock: int, f: int, t: int) -> list:
    """Segments ``(start, end, available)`` as unix seconds, equal neighbours merged."""
    level, changes = host_changes(intervals, f, t)
    out = [[f, t, max(0, stock - level)]]
    for at in sorted(changes):
        level += changes[at]
        free = max(0, stock - level)
        if free != out[-1][2]:
            out[-1][1] = at
            out.append([at, t, free])
    return out


def best(fn: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:.2f} ms"


def main() -> None:
    prepared = availability.Bookings(BOOKINGS)
    intervals = host_prepare(BOOKINGS)
    iso = lambda t: time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))  # noqa: E731
    for f, t in WINDOWS:  # the same answers, before anything is timed
        want = host_available(intervals, STOCK, f, t)
        assert prepared.available(STOCK, f, t) == want == availability.available(STOCK, BOOKINGS, f, t), (f, t)
        segments = [[iso(a), iso(b), n] for a, b, n in host_timeline(intervals, STOCK, f, t)]
        assert [[s.start, s.end, s.available] for s in prepared.timeline(STOCK, f, t)] == segments, (f, t)
    assert sum(len(host_timeline(intervals, STOCK, f, t)) for f, t in WINDOWS) > 100  # the windows do vary

    build_fg = best(lambda: availability.Bookings(BOOKINGS), ROUNDS)
    build_host = best(lambda: host_prepare(BOOKINGS), ROUNDS)
    rows = []
    for name, fg, host, free in [
        ("available", lambda: [prepared.available(STOCK, f, t) for f, t in WINDOWS],
         lambda: [host_available(intervals, STOCK, f, t) for f, t in WINDOWS],
         lambda: [availability.available(STOCK, BOOKINGS, f, t) for f, t in WINDOWS]),
        ("timeline", lambda: [prepared.timeline(STOCK, f, t) for f, t in WINDOWS],
         lambda: [host_timeline(intervals, STOCK, f, t) for f, t in WINDOWS],
         lambda: [availability.timeline(STOCK, BOOKINGS, f, t) for f, t in WINDOWS]),
    ]:
        q_fg, q_host, q_free = best(fg, ROUNDS), best(host, ROUNDS), best(free, 2)
        rows.append((name, q_fg, q_host, q_free))
    print(f"Python, 10,000 bookings, 100 one-week queries (best of {ROUNDS} rounds)\n")
    print("| query | fleetgate Bookings: build + 100 queries | plain Python sweep: sort + 100 queries | speed-up |"
          " old free function, 100 calls |")
    print("|---|---|---|---|---|")
    for name, q_fg, q_host, q_free in rows:
        total_fg, total_host = build_fg + q_fg, build_host + q_host
        print(f"| `{name}` | {ms(total_fg)} ({ms(build_fg)} + {ms(q_fg)}) | {ms(total_host)} ({ms(build_host)} + "
              f"{ms(q_host)}) | {total_host / total_fg:.1f}x (queries alone {q_host / q_fg:.0f}x) | {ms(q_free)} |")


if __name__ == "__main__":
    main()
