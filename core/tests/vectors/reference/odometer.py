#!/usr/bin/env python3
"""Independent reference for core/tests/vectors/odometer.json: the odometer rules of docs/odometer.md written
straight from the spec in plain Python (exact ``Fraction`` arithmetic, no fleetgate), plus the case list.

It is also the "straightforward pure-Python implementation" the benches compare against (``check_batch``).

    python3 core/tests/vectors/reference/odometer.py          # rewrite odometer.json
    python3 core/tests/vectors/reference/odometer.py --check  # exit 1 if odometer.json differs
"""

from __future__ import annotations

import json
import math
import re
import sys
from datetime import datetime, timezone
from fractions import Fraction
from pathlib import Path

VECTORS = Path(__file__).resolve().parent.parent / "odometer.json"
MAX_METRES = 2**53 - 1
MILE = Fraction("1609.344")
MM = {"km": 1_000_000, "mi": 1_609_344}
NAMES = {"km": "km", "kilometers": "km", "kilometres": "km", "metric": "km",
         "mi": "mi", "miles": "mi", "imperial": "mi"}
PLAIN = re.compile(r"^(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)(?:\.[0-9]+)?$")
SENTINELS = (999_999, 16_777_215)
DEFAULT_POLICY = {"max_speed_kmh": 250.0, "min_elapsed_s": 60, "meter_digits": None, "tolerance_m": 0,
                  "same_value_window_s": None}


class ApiError(Exception):
    def __init__(self, code: str) -> None:
        self.code = code


# -- inputs -------------------------------------------------------------------------------------------------------

def policy_of(raw: dict | None) -> dict:
    p = dict(DEFAULT_POLICY, **(raw or {}))
    speed = p["max_speed_kmh"]
    if isinstance(speed, bool) or not isinstance(speed, (int, float)) or not (0 < speed < 1e9) or math.isnan(speed):
        raise ApiError("invalid_policy")
    if not 0 <= p["min_elapsed_s"] <= 86_400 * 365:
        raise ApiError("invalid_policy")
    if p["meter_digits"] is not None and not 1 <= p["meter_digits"] <= 15:
        raise ApiError("invalid_policy")
    if not 0 <= p["tolerance_m"] <= MAX_METRES:
        raise ApiError("invalid_policy")
    if p["same_value_window_s"] is not None and p["same_value_window_s"] < 0:
        raise ApiError("invalid_policy")
    return p


def time_ms(value: object) -> int:
    if isinstance(value, bool):
        raise ApiError("invalid_reading")
    if isinstance(value, (int, float)):
        ms = Fraction(repr(value)) * 1000 if isinstance(value, float) else Fraction(value) * 1000
        if ms.denominator != 1:
            raise ApiError("invalid_time")
        return int(ms)
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            raise ApiError("invalid_time") from None
        if parsed.tzinfo is None or "T" not in value.upper() or parsed.microsecond % 1000:
            raise ApiError("invalid_time")
        delta = parsed - datetime(1970, 1, 1, tzinfo=timezone.utc)
        return delta.days * 86_400_000 + delta.seconds * 1000 + delta.microseconds // 1000
    raise ApiError("invalid_reading")


def reading_of(raw: dict) -> dict:
    if "reading_time" not in raw:
        raise ApiError("invalid_reading")
    has_value, has_metres = "value" in raw, "metres" in raw
    if has_value == has_metres:
        raise ApiError("invalid_reading")
    if has_value and (isinstance(raw["value"], bool) or not isinstance(raw["value"], (int, float, str))):
        raise ApiError("invalid_reading")
    if has_metres and (isinstance(raw["metres"], bool) or not isinstance(raw["metres"], int)):
        raise ApiError("invalid_reading")
    return dict(raw, time=time_ms(raw["reading_time"]))


def exact(value: object) -> Fraction | None:
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) or value < 0 else Fraction(repr(abs(value)))
    if isinstance(value, int):
        return None if value < 0 else Fraction(value)
    if isinstance(value, str) and PLAIN.match(value):
        return Fraction(value.replace(",", ""))
    return None


def capacity_m(policy: dict, unit: str) -> int | None:
    if policy["meter_digits"] is None:
        return None
    return round(Fraction(10 ** policy["meter_digits"] - 1) * MM[unit] / 1000)


def normalise(r: dict, policy: dict) -> tuple[int, int | None] | None:
    """Rule 1: (metres, capacity) or None."""
    if "metres" in r:
        cap = capacity_m(policy, "km")
        m = r["metres"]
        return (m, cap) if 0 <= m <= MAX_METRES and (cap is None or m <= cap) else None
    unit = NAMES.get(r.get("unit").lower()) if isinstance(r.get("unit"), str) and r["unit"].isascii() else None
    x = exact(r["value"])
    if unit is None or x is None:
        return None
    m = round(x * MM[unit] / 1000)
    if m > MAX_METRES:
        return None
    if x.denominator == 1:
        n = int(x)
        if n in SENTINELS or (policy["meter_digits"] is not None and n == 10 ** policy["meter_digits"] - 1):
            return None
    cap = capacity_m(policy, unit)
    return (m, cap) if cap is None or m <= cap else None


# -- the rules ----------------------------------------------------------------------------------------------------

def verdict(status: str, reason: str | None = None, metres: int | None = None, allowed=None, dup=None) -> dict:
    return {"status": status, "reason": reason, "metres": metres,
            "km": None if metres is None else float(Fraction(metres, 1000)),
            "allowed_range_m": allowed, "duplicate_of": dup}


def ident(r: dict):
    return r.get("id", r.get("event_id"))


def judge(m: int, t: int, prev, nxt, cap, policy: dict) -> dict:
    tol = policy["tolerance_m"]
    limit = Fraction(policy["max_speed_kmh"]) * 1000  # metres per hour

    def in_range(v: int, slack: int) -> bool:
        return (prev is None or v + tol + slack >= prev[0]) and (nxt is None or v <= nxt[0] + tol + slack)

    def too_fast(distance: int, elapsed_ms: int) -> bool:
        hours = Fraction(max(elapsed_ms, policy["min_elapsed_s"] * 1000), 3_600_000)
        return distance > round(limit) * hours

    def speeding(v: int) -> bool:
        return (prev is not None and too_fast(v - prev[0], t - prev[1])) or (
            nxt is not None and too_fast(nxt[0] - v, nxt[1] - t))

    if not in_range(m, 0):
        allowed = [prev[0] if prev else 0, nxt[0] if nxt else None]
        if cap is not None and prev is not None and prev[0] * 10 >= cap * 9 and m * 10 <= cap:
            return verdict("void", "rollover_suspected", m, allowed)
        as_miles = int(Fraction(m) * MILE / 1000 + Fraction(1, 2))  # half up to the metre
        as_km = int(Fraction(m) * 1000 / MILE + Fraction(1, 2))
        if any(in_range(v, 1) and not speeding(v) for v in (as_miles, as_km)):
            return verdict("void", "unit_mismatch", m, allowed)
        return verdict("void", "out_of_sequence", m, allowed)
    if speeding(m):
        return verdict("void", "exceeds_max_rate", m)
    return verdict("accept", None, m)


def check(history: list[dict], candidate: dict, policy: dict) -> dict:
    n = normalise(candidate, policy)
    if n is None:
        return verdict("void", "invalid_value")
    m, cap = n
    t = candidate["time"]
    if candidate.get("event_id") is not None:
        for h in history:
            if h.get("event_id") == candidate["event_id"]:
                return verdict("duplicate", None, m, dup=ident(h))
    for h in history:
        if h.get("source") == candidate.get("source") and h["time"] == t and normalise(h, policy) is not None:
            return verdict("duplicate", None, m, dup=ident(h))
    valid = [(normalise(h, policy)[0], h["time"], h) for h in history
             if h.get("status") in (None, "accept") and normalise(h, policy) is not None]
    window = policy["same_value_window_s"]
    if window is not None:
        for vm, vt, h in valid:
            if vm == m and abs(vt - t) <= window * 1000:
                return verdict("duplicate", None, m, dup=ident(h))
    before = [(vm, vt) for vm, vt, _ in valid if vt <= t]
    after = [(vm, vt) for vm, vt, _ in valid if vt >= t]
    prev = max(before) if before else None
    nxt = min(after) if after else None
    return judge(m, t, prev, nxt, cap, policy)


def sort_key(r: dict, policy: dict, i: int):
    n = normalise(r, policy)
    opt = lambda x: (x is not None, x if x is not None else "")  # noqa: E731  (None sorts first, as in Rust)
    # readable readings before unreadable ones at the same instant, then by value
    return (r["time"], opt(r.get("event_id")), opt(r.get("source")), n is None, n[0] if n else 0, i)


def check_batch(readings: list[dict], policy: dict) -> list[dict]:
    """One at a time in reading-time order, each against the earlier ones and their verdicts."""
    order = sorted(range(len(readings)), key=lambda i: sort_key(readings[i], policy, i))
    history: list[dict] = []
    out: list[dict | None] = [None] * len(readings)
    for i in order:
        v = check(history, readings[i], policy)
        history.append(dict(readings[i], status=v["status"]))
        out[i] = v
    return out  # type: ignore[return-value]


def iso(ms: int) -> str:
    t = datetime.fromtimestamp(ms // 1000, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
    return f"{t}Z" if ms % 1000 == 0 else f"{t}.{ms % 1000:03d}Z"


def meter_entry(v: dict, r: dict, car_id, source_id, source_type: str = "manual", sync: str = "webhook"):
    if v["status"] != "accept":
        return None
    notes = {"webhook": "Automatically synced from Smartcar",
             "manual": "Automatically synced from Smartcar (manual sync)"}[sync]
    return {"car_id": car_id, "odometer_reading": float(Fraction(v["metres"], 1000)), "entry_date": iso(r["time"]),
            "source_type": source_type, "source_id": source_id, "notes": notes, "metres": v["metres"],
            "raw_value": r.get("value", r.get("metres")), "raw_unit": r.get("unit"), "event_id": r.get("event_id"),
            "reading_time": iso(r["time"]),
            "received_time": iso(time_ms(r["received_time"])) if r.get("received_time") is not None else None}


# -- cases --------------------------------------------------------------------------------------------------------

H = 3600  # seconds
D = 86_400
T0 = 1_717_200_000  # 2024-06-01T00:00:00Z


def km(value, t, **extra) -> dict:
    return {"value": value, "unit": "km", "reading_time": T0 + t, **extra}


def mi(value, t, **extra) -> dict:
    return {"value": value, "unit": "mi", "reading_time": T0 + t, **extra}


DAY = [  # a scripted day of Smartcar deliveries: retries, a late arrival, a unit mix-up, a parked car
    km(50000.0, 0, event_id="e1", source="smartcar", id=1),
    km(50000.0, 0, event_id="e1", source="smartcar", id=2),          # retry of e1
    km(50080.5, 2 * H, event_id="e3", source="smartcar", id=3),
    km(50031.2, 1 * H, event_id="e2", source="smartcar", id=4),      # late, in order
    km(31120.3, 3 * H, event_id="e4", source="smartcar", id=5),      # miles labelled km
    km(50120.0, 4 * H, event_id="e5", source="smartcar", id=6),
    km(50120.0, 10 * H, event_id="e6", source="smartcar", id=7),     # parked overnight
    km(999999, 11 * H, event_id="e7", source="smartcar", id=8),      # sentinel
    km(50090.0, 12 * H, event_id="e8", source="smartcar", id=9),     # goes backwards
    km(50900.0, 12 * H + 600, event_id="e9", source="smartcar", id=10),  # 810 km in 10 minutes
]

CASES = [
    ("accept-first-reading", "check", [[], mi(104321.7, 0, event_id="a"), None]),
    ("accept-exact-mile-250k", "check", [[], mi(250000, 0), None]),
    ("accept-string-grouped-miles", "check", [[], {**mi("12,345.6", 0)}, None]),
    ("accept-late-arrival-between-neighbours", "check",
     [[km(1000, 0, id=1), km(1100, 2 * H, id=2)], km(1050, H), None]),
    ("accept-parked-car-identical-value", "check", [[km(1000, 0, id=1)], km(1000, 6 * H), None]),
    ("accept-parked-car-identical-value-10-min", "check", [[km(1000, 0, id=1)], km(1000, 600), None]),
    ("duplicate-retry-by-event-id", "check",
     [[km(1000, 0, event_id="evt-1", id=41)], km(1000, 0, event_id="evt-1"), None]),
    ("duplicate-retry-reports-event-id-without-row-id", "check",
     [[km(1000, 0, event_id="evt-1")], km(1000, 30, event_id="evt-1"), None]),
    ("duplicate-same-source-and-time", "check",
     [[km(1000, 0, source="smartcar", id=7)], km(1000, 0, source="smartcar"), None]),
    ("accept-same-time-other-source-same-value", "check",
     [[km(1000, 0, source="manual", id=7)], km(1000, 0, source="smartcar"), None]),
    ("void-same-time-other-source-other-value", "check",
     [[km(1000, 0, source="manual", id=7)], km(1003, 0, source="smartcar"), None]),
    ("duplicate-of-a-voided-retry", "check",
     [[km(900, H, event_id="x", status="void", id=5), km(1000, 0, id=4)], km(900, H, event_id="x"), None]),
    ("void-out-of-sequence-after-latest", "check", [[km(1000, 0, id=1)], km(990, H), None]),
    ("void-lower-than-latest-fits-as-miles", "check", [[km(1000, 0, id=1)], km(990, 12 * H), None]),
    ("void-out-of-sequence-between", "check",
     [[km(1000, 0, id=1), km(1100, 10 * H, id=2)], km(1200, 5 * H), None]),
    ("void-unit-mismatch-miles-as-km", "check", [[km(1000, 0, id=1)], km(621.5, D), None]),
    ("void-unit-mismatch-km-as-miles", "check", [[km(1000, 0, id=1), km(1010, 2 * D, id=2)], mi(1004, D), None]),
    ("void-rollover-near-capacity", "check",
     [[km(999000, 0, id=1)], km(12, D), {"meter_digits": 6}]),
    ("void-sentinel-999999", "check", [[], mi(999999, 0), None]),
    ("void-sentinel-999999-float", "check", [[], km(999999.0, 0), None]),
    ("void-sentinel-16777215-grouped", "check", [[], km("16,777,215", 0), None]),
    ("void-all-nines-for-7-digits", "check", [[], km(9999999, 0), {"meter_digits": 7}]),
    ("void-above-capacity", "check", [[], km(123456, 0), {"meter_digits": 5}]),
    ("accept-at-capacity", "check", [[], km(99998, 0), {"meter_digits": 5}]),
    ("void-nan", "check", [[], km({"$float": "nan"}, 0), None]),
    ("void-infinity", "check", [[], km({"$float": "inf"}, 0), None]),
    ("void-negative", "check", [[], km(-5, 0), None]),
    ("void-bad-unit", "check", [[], {"value": 5, "unit": "furlong", "reading_time": T0}, None]),
    ("void-missing-unit", "check", [[], {"value": 5, "reading_time": T0}, None]),
    ("void-unparseable-string", "check", [[], km("12.3.4", 0), None]),
    ("void-speed-300-km-in-an-hour", "check", [[km(1000, 0, id=1)], km(1300, H), None]),
    ("accept-speed-floor-4-km-in-1-s", "check", [[km(1000, 0, id=1)], km(1004, 1), None]),
    ("void-speed-floor-5-km-in-1-s", "check", [[km(1000, 0, id=1)], km(1005, 1), None]),
    ("void-speed-to-next-neighbour", "check", [[km(1000, 0, id=1), km(1500, 2 * H, id=2)], km(1010, H), None]),
    ("accept-custom-speed-limit", "check", [[km(1000, 0, id=1)], km(1300, H), {"max_speed_kmh": 320}]),
    ("accept-within-tolerance", "check", [[km(1000, 0, id=1)], km(999.995, H), {"tolerance_m": 10}]),
    ("void-without-tolerance", "check", [[km(1000, 0, id=1)], km(999.995, H), None]),
    ("legacy-same-value-within-window-duplicate", "check",
     [[km(1000, 0, id=1)], km(1000, 1800), {"same_value_window_s": 3600}]),
    ("legacy-same-value-outside-window-accept", "check",
     [[km(1000, 0, id=1)], km(1000, 2 * H), {"same_value_window_s": 3600}]),
    ("void-history-never-bounds", "check",
     [[km(1000, 0, id=1), km(5000, 100, id=2, status="void")], km(1001, D), None]),
    ("accept-metres-input", "check", [[km(1000, 0, id=1)], {"metres": 1_000_500, "reading_time": T0 + H}, None]),
    ("duplicate-same-instant-other-offset", "check",
     [[{"value": 1000, "unit": "km", "reading_time": "2024-06-01T00:00:00Z", "id": 1}],
      {"value": 1010, "unit": "km", "reading_time": "2024-06-01T02:00:00+02:00"}, None]),
    ("accept-rfc3339-times", "check",
     [[{"value": 1000, "unit": "km", "reading_time": "2024-06-01T00:00:00Z", "id": 1}],
      {"value": 1010, "unit": "km", "reading_time": "2024-06-01T04:00:00+02:00"}, None]),
    ("accept-millisecond-times", "check", [[km(1000, 0, id=1)], km(1001, 3600.5), None]),
    ("error-bad-time", "check", [[], {"value": 1, "unit": "km", "reading_time": "yesterday"}, None]),
    ("error-sub-millisecond-time", "check", [[], {"value": 1, "unit": "km", "reading_time": 1.0001}, None]),
    ("error-missing-time", "check", [[], {"value": 1, "unit": "km"}, None]),
    ("error-no-value", "check", [[], {"unit": "km", "reading_time": T0}, None]),
    ("error-value-and-metres", "check", [[], {"value": 1, "metres": 1000, "unit": "km", "reading_time": T0}, None]),
    ("error-value-wrong-type", "check", [[], {"value": [1], "unit": "km", "reading_time": T0}, None], True),
    ("error-value-bool", "check", [[], {"value": True, "unit": "km", "reading_time": T0}, None], True),
    ("error-bad-policy-speed", "check", [[], km(1, 0), {"max_speed_kmh": -1}]),
    ("error-bad-policy-digits", "check", [[], km(1, 0), {"meter_digits": 0}]),
    ("batch-scripted-day", "check_batch", [DAY, None]),
    ("batch-scripted-day-shuffled", "check_batch", [[DAY[i] for i in (7, 3, 9, 0, 5, 1, 8, 2, 6, 4)], None]),
    ("batch-legacy-rule", "check_batch",
     [[km(1000, 0, id=1), km(1000, 600, id=2), km(1000, 2 * H, id=3), km(1001, 3 * H, id=4)],
      {"same_value_window_s": 3600}]),
    ("batch-empty", "check_batch", [[], None]),
    ("batch-readable-wins-a-tie-with-garbage", "check_batch",
     [[km(999999, 0, event_id="e1", id=1), km(1000, 0, event_id="e1", id=2)], None]),
    ("entry-accepted-webhook", "meter_entry",
     [[km(50000, 0, id=1)], km(50031.2, H, event_id="e2", received_time=T0 + H + 25), 17, 3, {}]),
    ("entry-accepted-manual-sync", "meter_entry",
     [[], mi("31,120.3", 0, event_id="e4"), "car-9", "sv-1", {"source_type": "smartcar_sync", "sync": "manual"}]),
    ("entry-none-for-duplicate", "meter_entry",
     [[km(1000, 0, event_id="e1", id=1)], km(1000, 0, event_id="e1"), 17, 3, {}]),
    ("entry-none-for-void", "meter_entry", [[km(1000, 0, id=1)], km(900, H), 17, 3, {}]),
]


def decode(arg):
    if isinstance(arg, dict) and "$float" in arg:
        return float(arg["$float"])
    if isinstance(arg, dict):
        return {k: decode(v) for k, v in arg.items()}
    if isinstance(arg, list):
        return [decode(a) for a in arg]
    return arg


def run(fn: str, args: list):
    if fn == "check":
        history, candidate, policy = args
        p = policy_of(policy)
        return check([reading_of(h) for h in history], reading_of(candidate), p)
    if fn == "check_batch":
        readings, policy = args
        p = policy_of(policy)
        rs = [reading_of(r) for r in readings]
        return check_batch(rs, p)
    if fn == "meter_entry":
        history, candidate, car_id, source_id, options = args
        p = policy_of(None)
        r = reading_of(candidate)
        return meter_entry(check([reading_of(h) for h in history], r, p), r, car_id, source_id, **options)
    raise ValueError(fn)


def build() -> dict:
    cases = []
    for cid, fn, args, *dynamic in CASES:
        entry: dict = {"id": cid, "fn": fn, "args": args}
        if dynamic and dynamic[0]:
            entry["dynamic_only"] = True
        try:
            entry["expect"] = run(fn, decode(args))
        except ApiError as e:
            entry["error"] = e.code
        cases.append(entry)
    assert len({c["id"] for c in cases}) == len(cases)
    return {"area": "odometer",
            "about": "Odometer checks. Expected values come from reference/odometer.py (the spec's rules in plain "
                     "Python with exact fractions), not from fleetgate. Readings are dicts with value+unit or "
                     "metres, reading_time (unix seconds or RFC 3339), and optional event_id, source, id, "
                     "received_time, status.",
            "cases": cases}


def main() -> int:
    text = json.dumps(build(), indent=1, ensure_ascii=True) + "\n"
    if "--check" in sys.argv:
        if VECTORS.read_text() != text:
            print(f"{VECTORS} differs from the reference", file=sys.stderr)
            return 1
        print(f"{VECTORS.name}: matches the independent reference")
        return 0
    VECTORS.write_text(text)
    print(f"wrote {VECTORS} ({len(CASES)} cases)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
