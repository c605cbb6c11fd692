#!/usr/bin/env python3
"""Booking areas through the Python binding, side by side with what a Python user would otherwise write.

- quotes: fleetgate.pricing (Odoo mode and best mode, a week and a year) against a pure-Python port of Odoo's rule
  (the independent reference core/tests/vectors/reference/pricing.py, stdlib + dateutil);
- availability over 10,000 bookings: fleetgate.availability against a plain Python sweep line.

Run after `PROFILE=release scripts/build.sh`: .venv/bin/python benches/booking_compare.py
"""

from __future__ import annotations

import sys
import timeit
from pathlib import Path

from fleetgate import availability, pricing

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core" / "tests" / "vectors" / "reference"))
import pricing as reference  # noqa: E402  (the pure-Python Odoo port)

START, WEEK, YEAR = 1_706_781_600, 7 * 86_400, 366 * 86_400
RULES = [{"unit": "hour", "duration": 1, "price": "15.00"}, {"unit": "day", "duration": 1, "price": "65.00"},
         {"unit": "week", "duration": 1, "price": "290.00"}, {"unit": "month", "duration": 1, "price": "950.00"}]
BOOKINGS = []
for i in range(10_000):  # the same 10,000 bookings as benches/benches/booking.rs
    start = START + i * 6_700 % (2 * YEAR) + (i % 7) * 3600
    BOOKINGS.append({"start": start, "end": start + 3600 * (1 + i * 37 % 72), "quantity": 1 + i % 3,
                     "padding_hours": i % 2})


def python_sweep(bookings: list[dict], f: int, t: int) -> int:
    """What a Python user would write: events sorted, changes at one instant netted, peak level."""
    events: dict[int, int] = {}
    level = 0
    for b in bookings:
        s, e, q = b["start"] - 3600 * b.get("padding_hours", 0), b["end"], b.get("quantity", 1)
        if s < t and f < e:
            if s <= f:
                level += q
            else:
                events[s] = events.get(s, 0) + q
            if e < t:
                events[e] = events.get(e, 0) - q
    peak = level
    for at in sorted(events):
        level += events[at]
        peak = max(peak, level)
    return peak


def per_call(fn, number: int) -> float:
    return min(timeit.repeat(fn, number=number, repeat=5)) / number


def show(name: str, seconds: float) -> None:
    unit, scale = ("µs", 1e6) if seconds < 1e-3 else ("ms", 1e3)
    print(f"| {name} | {seconds * scale:.1f} {unit} |")


card = pricing.RateCard(RULES)
iso = lambda t: reference.datetime.fromtimestamp(t, reference.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")  # noqa: E731
print("| Python | time per call |\n|---|---|")
for name, length in [("week", WEEK), ("year", YEAR)]:
    end = START + length
    assert card.quote(START, end, mode="odoo", tz="Europe/Brussels")["total_minor"] == reference.odoo_quote(
        {"rules": RULES}, iso(START), iso(end), {"tz": "Europe/Brussels"})["total_minor"]
    show(f"fleetgate quote odoo, a {name}", per_call(lambda: card.quote(START, end, mode="odoo", tz="Europe/Brussels"), 2000))
    show(f"fleetgate quote best, a {name}", per_call(lambda: card.quote(START, end, mode="best", tz="Europe/Brussels"), 200))
    show(f"pure-Python Odoo port (reference), a {name}", per_call(
        lambda: reference.odoo_quote({"rules": RULES}, iso(START), iso(end), {"tz": "Europe/Brussels"}), 2000))
F, T = START, START + 2 * YEAR
assert availability.unavailable(BOOKINGS, F, T) == python_sweep(BOOKINGS, F, T)
show("fleetgate availability.unavailable, 10,000 bookings", per_call(lambda: availability.unavailable(BOOKINGS, F, T), 20))
show("fleetgate availability.timeline, 10,000 bookings", per_call(lambda: availability.timeline(5, BOOKINGS, F, T), 20))
show("plain Python sweep line, 10,000 bookings", per_call(lambda: python_sweep(BOOKINGS, F, T), 20))
