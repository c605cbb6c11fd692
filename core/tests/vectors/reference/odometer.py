#!/usr/bin/env python3
"""Independent reference for core/tests/vectors/odometer.json, written from the rules in docs/odometer.md (the
product's odometer spec), not from fleetgate's code: plain Python, exact ``Fraction`` arithmetic, no fleetgate.

    python3 core/tests/vectors/reference/odometer.py          # rewrite odometer.json
    python3 core/tests/vectors/reference/odometer.py --check  # exit 1 if odometer.json differs

How each rule is read here (where the spec leaves a choice open, the choice and its reason are stated):

1. Normalise. A number means the decimal it is written as (a JSON number, Python's ``repr``); a string is a plain
   unsigned decimal, optionally with thousands commas. Units: km / kilometers / kilometres / metric and mi / miles /
   imperial, any case. metres = value x 1000 (km) or x 1609.344 (mi), exactly, rounded once half to even. Void
   (``invalid_value``): NaN, infinities, negatives, an unreadable string or unit, the sentinels 999999 and 16777215
   and, with ``meter_digits`` = d, the value 10^d - 1 (all nines) -- all judged on the value *as delivered* --, more
   metres than the meter shows ((10^d - 1) in the reading's unit), or more than 2^53 - 1 metres (fleetgate's range,
   the largest integer every binding holds exactly). A ``metres`` input is already converted by the caller, so only
   the range and the capacity (in km) apply to it.
2. Duplicates by identity: the same event id as any reading in the history; else the same (source, reading time)
   as a history reading whose value is readable (an unreadable value must not swallow a good reading at the same
   instant); else, with ``same_value_window_s``, the same metres as a valid reading within that many seconds.
   ``duplicate_of`` is the matched reading's ``id``, else its ``event_id``; the first match in history order.
3. Order: the valid readings are the history's readable ones whose status is absent or ``accept``. The value must
   not be lower than any valid reading taken at or before it, nor higher than any taken at or after it (give or take
   ``tolerance_m``): ``prev`` is the highest of the earlier ones, ``next`` the lowest of the later ones (for a valid,
   non-decreasing history these are its neighbours in time; for an inconsistent one they are the bounds that keep a
   lower reading from passing).
4. Why it does not fit, in the spec's order. Rollover: ``meter_digits`` set, ``prev`` at 90% of the capacity or more
   and the value at 10% of it or less (the spec's "near capacity" / "near 0", fixed at 10% by the docs). Unit swap:
   the value multiplied or divided by 1.609344, exactly, would be accepted -- it fits the range within the tolerance
   *and* passes rule 5 (a swapped value that implies an impossible speed is not a plausible reading either).
   Otherwise ``out_of_sequence``. ``allowed_range_m`` is ``[prev, next]``, with 0 when there is no earlier reading.
5. Speed: against ``prev`` and ``next``, distance / max(elapsed, ``min_elapsed_s``) must not exceed
   ``max_speed_kmh`` (compared exactly).
7. Batch: the readings are taken in reading-time order, each checked against the ones before it with their
   verdicts. The spec leaves equal times open; fleetgate's documented rule, kept here because it makes the verdicts
   independent of input order, takes them by (event id, source, readable before unreadable, metres, input order),
   absent before present.

8. Meter entries (docs/odometer.md, "Meter entry"): options ``source_type`` (a string, default ``manual``) and
   ``sync`` (``webhook``, the default, or ``manual``); anything else, a wrong type or an unknown option is
   ``invalid_option``.
9. Current odometer (docs/odometer.md, "Current odometer"): the entries whose status is void or duplicate are left
   out; the others are judged together as a batch (rule 7); of the accepted ones, the latest reading time wins, then
   the highest metres, then the first in history order. None when nothing is accepted.
10. From a Smartcar delivery (docs/odometer.md "From a Smartcar delivery", spec smartcar.md "Delivery facts"): the body is read here with the json module
   (numbers kept as written), not with fleetgate: each odometer signal of a VEHICLE_STATE body (or each
   ``/odometer`` item of a legacy v2 body) is one reading with the value as written, the unit as delivered (legacy:
   the ``sc-unit-system`` header, ``metric`` by default), source ``smartcar``, the event id (legacy: the vehicle's
   ``requestId``), and the car's ``oemUpdatedAt`` as the reading time, because deliveries are ordered by it and not
   by arrival. Without it the reading is ``missing_reading_time``, unless ``time_fallback`` is ``fetched`` (the
   signal's ``fetchedAt`` / ``retrievedAt``) or ``received`` (that, else the received time). A value written in
   exponent form is a float (parse_event refuses those today); any other stays the decimal text it was.
11. Columns (``check_batch_columns``): column i is the reading ``{value, unit, reading_time, event_id, source}``
   of the batch (rule 7), ``duplicate_of`` is the repeated input's index; columns of different lengths are
   ``invalid_reading``.

Inputs (fleetgate's documented boundary): a reading is a dict with ``value`` + ``unit`` or ``metres``,
``reading_time`` and optional ``event_id``, ``source`` (strings), ``id`` (a string or a whole number), ``received_time``,
``status``; ``None`` is absent. Unknown keys, wrong types, no time, neither or both of value and metres are
``invalid_reading``; an unreadable time (not unix seconds to the millisecond, not an RFC 3339 instant to the
millisecond) is ``invalid_time``. A policy's bounds: 0 < max_speed_kmh <= 1,000,000 with at most 3 decimals;
min_elapsed_s and same_value_window_s 0 to 31,536,000; meter_digits 1 to 15; tolerance_m 0 to 2^53 - 1; anything
else, an unknown key or a wrong type is ``invalid_policy``.
"""

from __future__ import annotations

import json
import math
import re
import sys
from fractions import Fraction
from pathlib import Path

VECTORS = Path(__file__).resolve().parent.parent / "odometer.json"
MAX_METRES = 2**53 - 1
MILE_M = Fraction("1609.344")
UNIT_M = {"km": Fraction(1000), "mi": MILE_M}
UNIT_NAMES = {"km": "km", "kilometers": "km", "kilometres": "km", "metric": "km",
              "mi": "mi", "miles": "mi", "imperial": "mi"}
DECIMAL = re.compile(r"^(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)(?:\.[0-9]+)?$")
RFC3339 = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$")
SENTINELS = (999_999, 16_777_215)
YEAR_S = 31_536_000
POLICY_DEFAULTS = {"max_speed_kmh": Fraction(250), "min_elapsed_s": 60, "meter_digits": None, "tolerance_m": 0,
                   "same_value_window_s": None}
READING_KEYS = {"value", "metres", "unit", "reading_time", "event_id", "source", "id", "received_time", "status"}


class ApiError(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def is_number(x: object) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def whole(x: object) -> int | None:
    """An integer, or a float with no fraction (JavaScript cannot tell them apart), else None."""
    if isinstance(x, bool):
        return None
    if isinstance(x, int):
        return x
    if isinstance(x, float) and math.isfinite(x) and x == int(x):
        return int(x)
    return None


# -- inputs -------------------------------------------------------------------------------------------------------

def policy_of(raw: dict | None) -> dict:
    if raw is None:
        return dict(POLICY_DEFAULTS)
    if not isinstance(raw, dict) or set(raw) - set(POLICY_DEFAULTS):
        raise ApiError("invalid_policy")
    p = dict(POLICY_DEFAULTS)
    for key, given in raw.items():
        if key == "max_speed_kmh":
            if not is_number(given) or not math.isfinite(given):
                raise ApiError("invalid_policy")
            speed = Fraction(repr(float(given)))
            if not (0 < speed <= 1_000_000) or (speed * 1000).denominator != 1:
                raise ApiError("invalid_policy")
            p[key] = speed
            continue
        if given is None and key in ("meter_digits", "same_value_window_s"):
            p[key] = None
            continue
        n = whole(given)
        limits = {"min_elapsed_s": (0, YEAR_S), "meter_digits": (1, 15), "tolerance_m": (0, MAX_METRES),
                  "same_value_window_s": (0, YEAR_S)}[key]
        if n is None or not limits[0] <= n <= limits[1]:
            raise ApiError("invalid_policy")
        p[key] = n
    return p


def instant_ms(value: object) -> int:
    """Unix seconds (to the millisecond) or an RFC 3339 instant (to the millisecond) as unix milliseconds."""
    if isinstance(value, bool):
        raise ApiError("invalid_reading")
    if is_number(value):
        if isinstance(value, float) and not math.isfinite(value):
            raise ApiError("invalid_time")
        ms = Fraction(repr(value)) * 1000
        if ms.denominator != 1:
            raise ApiError("invalid_time")
        return int(ms)
    if isinstance(value, str):
        m = RFC3339.match(value)
        if not m:
            raise ApiError("invalid_time")
        year, month, day, hour, minute, second = (int(g) for g in m.groups()[:6])
        fraction = Fraction(m.group(7)[1:]) / 10 ** (len(m.group(7)) - 1) if m.group(7) else Fraction(0)
        if not (1 <= month <= 12 and 1 <= day <= days_in(year, month) and hour < 24 and minute < 60 and second < 60):
            raise ApiError("invalid_time")
        offset = 0 if m.group(8) else (1 if m.group(9) == "+" else -1) * (int(m.group(10)) * 60 + int(m.group(11)))
        ms = (days_from_epoch(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offset * 60) * 1000
        ms_fraction = fraction * 1000
        if ms_fraction.denominator != 1:
            raise ApiError("invalid_time")
        return ms + int(ms_fraction)
    raise ApiError("invalid_reading")


def days_in(year: int, month: int) -> int:
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]


def days_from_epoch(year: int, month: int, day: int) -> int:
    days = sum(366 if days_in(y, 2) == 29 else 365 for y in range(1970, year)) if year >= 1970 else \
        -sum(366 if days_in(y, 2) == 29 else 365 for y in range(year, 1970))
    return days + sum(days_in(year, m) for m in range(1, month)) + day - 1


def reading_of(raw: object) -> dict:
    if not isinstance(raw, dict) or set(raw) - READING_KEYS:
        raise ApiError("invalid_reading")
    r = {k: v for k, v in raw.items() if v is not None}
    value = r.get("value")
    if value is not None and not (is_number(value) or isinstance(value, str)):
        raise ApiError("invalid_reading")
    if "metres" in r and whole(r["metres"]) is None:
        raise ApiError("invalid_reading")
    for key in ("unit", "event_id", "source"):
        if key in r and not isinstance(r[key], str):
            raise ApiError("invalid_reading")
    if "id" in r and not (isinstance(r["id"], str) or whole(r["id"]) is not None):
        raise ApiError("invalid_reading")
    if "status" in r and r["status"] not in ("accept", "duplicate", "void"):
        raise ApiError("invalid_reading")
    if "reading_time" not in r:
        raise ApiError("invalid_reading")
    time = instant_ms(r["reading_time"])
    received = instant_ms(r["received_time"]) if "received_time" in r else None
    if ("value" in r) == ("metres" in r):
        raise ApiError("invalid_reading")
    out = dict(r, time=time, received=received)
    if "id" in r and not isinstance(r["id"], str):
        out["id"] = whole(r["id"])
    return out


def decimal_of(value: object) -> Fraction | None:
    """The exact non-negative decimal a value stands for, or None when it is not one."""
    if isinstance(value, str):
        return Fraction(value.replace(",", "")) if DECIMAL.match(value) else None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    x = Fraction(repr(value))
    return x if x >= 0 else None


def capacity_m(policy: dict, unit: str) -> int | None:
    d = policy["meter_digits"]
    return None if d is None else round((10**d - 1) * UNIT_M[unit])


def metres_of(r: dict, policy: dict) -> tuple[int, int | None] | None:
    """Rule 1: (metres, capacity) or None when the value is not a usable distance."""
    if "metres" in r:
        m, cap = whole(r["metres"]), capacity_m(policy, "km")
        return (m, cap) if 0 <= m <= MAX_METRES and (cap is None or m <= cap) else None
    unit = UNIT_NAMES.get(r["unit"].lower()) if isinstance(r.get("unit"), str) and r["unit"].isascii() else None
    x = decimal_of(r["value"])
    if unit is None or x is None:
        return None
    if x.denominator == 1:
        d = policy["meter_digits"]
        if int(x) in SENTINELS or (d is not None and int(x) == 10**d - 1):
            return None
    m = round(x * UNIT_M[unit])  # Fraction.__round__ rounds half to even
    cap = capacity_m(policy, unit)
    return (m, cap) if m <= MAX_METRES and (cap is None or m <= cap) else None


# -- the rules ----------------------------------------------------------------------------------------------------

def verdict(status: str, reason: str | None = None, metres: int | None = None, allowed=None, dup=None) -> dict:
    return {"status": status, "reason": reason, "metres": metres,
            "km": None if metres is None else float(Fraction(metres, 1000)),
            "allowed_range_m": allowed, "duplicate_of": dup}


def ident(r: dict):
    return r["id"] if "id" in r else r.get("event_id")


def too_fast(distance_m: Fraction, elapsed_ms: int, policy: dict) -> bool:
    hours = Fraction(max(elapsed_ms, policy["min_elapsed_s"] * 1000), 3_600_000)
    return distance_m / 1000 > policy["max_speed_kmh"] * hours


def acceptable(v: Fraction, t: int, prev, nxt, policy: dict) -> tuple[bool, bool]:
    """(fits the order range within the tolerance, passes the speed check) for a value of v metres at t."""
    tol = policy["tolerance_m"]
    fits = (prev is None or v >= prev[0] - tol) and (nxt is None or v <= nxt[0] + tol)
    fast = (prev is not None and too_fast(v - prev[0], t - prev[1], policy)) or (
        nxt is not None and too_fast(nxt[0] - v, nxt[1] - t, policy))
    return fits, not fast


def check(history: list[dict], candidate: dict, policy: dict) -> dict:
    n = metres_of(candidate, policy)
    if n is None:
        return verdict("void", "invalid_value")
    m, cap = n
    t = candidate["time"]
    if "event_id" in candidate:
        for h in history:
            if h.get("event_id") == candidate["event_id"]:
                return verdict("duplicate", None, m, dup=ident(h))
    for h in history:
        if h.get("source") == candidate.get("source") and h["time"] == t and metres_of(h, policy) is not None:
            return verdict("duplicate", None, m, dup=ident(h))
    valid = [(metres_of(h, policy)[0], h["time"], h) for h in history
             if h.get("status", "accept") == "accept" and metres_of(h, policy) is not None]
    window = policy["same_value_window_s"]
    if window is not None:
        for vm, vt, h in valid:
            if vm == m and abs(vt - t) <= window * 1000:
                return verdict("duplicate", None, m, dup=ident(h))
    earlier = [(vm, vt) for vm, vt, _ in valid if vt <= t]
    later = [(vm, vt) for vm, vt, _ in valid if vt >= t]
    prev = max(earlier, key=lambda x: (x[0], x[1])) if earlier else None
    nxt = min(later, key=lambda x: (x[0], x[1])) if later else None
    fits, slow_enough = acceptable(Fraction(m), t, prev, nxt, policy)
    if not fits:
        allowed = [prev[0] if prev else 0, nxt[0] if nxt else None]
        if cap is not None and prev is not None and 10 * prev[0] >= 9 * cap and 10 * m <= cap:
            return verdict("void", "rollover_suspected", m, allowed)
        for swapped in (m * MILE_M / 1000, m * 1000 / MILE_M):
            if acceptable(swapped, t, prev, nxt, policy) == (True, True):
                return verdict("void", "unit_mismatch", m, allowed)
        return verdict("void", "out_of_sequence", m, allowed)
    if not slow_enough:
        return verdict("void", "exceeds_max_rate", m)
    return verdict("accept", None, m)


def tie_key(r: dict, policy: dict, i: int):
    n = metres_of(r, policy)
    present = lambda x: (x is not None, x if x is not None else "")  # noqa: E731 (absent first)
    return (r["time"], present(r.get("event_id")), present(r.get("source")), n is None, n[0] if n else 0, i)


def check_batch(readings: list[dict], policy: dict) -> list[dict]:
    order = sorted(range(len(readings)), key=lambda i: tie_key(readings[i], policy, i))
    history: list[dict] = []
    out: list = [None] * len(readings)
    for i in order:
        v = check(history, readings[i], policy)
        history.append(dict(readings[i], status=v["status"]))
        out[i] = v
    return out


def rfc3339(ms: int) -> str:
    days, rest = divmod(ms, 86_400_000)
    year, month = 1970, 1
    while days < 0:
        year -= 1
        days += 366 if days_in(year, 2) == 29 else 365
    while days >= (366 if days_in(year, 2) == 29 else 365):
        days -= 366 if days_in(year, 2) == 29 else 365
        year += 1
    while days >= days_in(year, month):
        days -= days_in(year, month)
        month += 1
    seconds, millis = divmod(rest, 1000)
    text = f"{year:04d}-{month:02d}-{days + 1:02d}T{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    return f"{text}Z" if millis == 0 else f"{text}.{millis:03d}Z"


ENTRY_OPTIONS = {"source_type": "manual", "sync": "webhook"}  # the defaults of docs/odometer.md


def entry_options(given: dict) -> dict:
    if set(given) - set(ENTRY_OPTIONS):
        raise ApiError("invalid_option")
    out = {**ENTRY_OPTIONS, **{k: v for k, v in given.items() if v is not None}}
    if not isinstance(out["source_type"], str) or out["sync"] not in ("webhook", "manual"):
        raise ApiError("invalid_option")
    return out


def meter_entry(v: dict, r: dict, car_id, source_id, source_type: str = "manual", sync: str = "webhook"):
    """The meter_entries row of an accepted reading (docs/odometer.md, "Meter entries")."""
    if v["status"] != "accept":
        return None
    notes = {"webhook": "Automatically synced from Smartcar",
             "manual": "Automatically synced from Smartcar (manual sync)"}[sync]
    return {"car_id": car_id, "odometer_reading": float(Fraction(v["metres"], 1000)), "entry_date": rfc3339(r["time"]),
            "source_type": source_type, "source_id": source_id, "notes": notes, "metres": v["metres"],
            "raw_value": r["value"] if "value" in r else r["metres"], "raw_unit": r.get("unit"),
            "event_id": r.get("event_id"), "reading_time": rfc3339(r["time"]),
            "received_time": None if r["received"] is None else rfc3339(r["received"])}



MAX_EPOCH_MS = 253_402_300_799_999  # 9999-12-31T23:59:59.999Z
FALLBACKS = ("none", "fetched", "received")


def current(history: list[dict], policy: dict):
    """Rule 9: the newest accepted reading of a history, or None."""
    kept = [i for i, h in enumerate(history) if h.get("status", "accept") == "accept"]
    verdicts = check_batch([history[i] for i in kept], policy)
    best = None
    for i, v in zip(kept, verdicts):
        if v["status"] != "accept":
            continue
        key = (history[i]["time"], v["metres"], -i)
        if best is None or key > best[0]:
            best = (key, i, v["metres"])
    if best is None:
        return None
    _, i, m = best
    return {"index": i, "id": ident(history[i]), "metres": m, "km": float(Fraction(m, 1000)),
            "reading_time": rfc3339(history[i]["time"])}


def smartcar_readings(body: str) -> list[dict]:
    """Rule 10: the odometer readings of a Smartcar body, numbers as written (strings)."""
    doc = json.loads(body, parse_float=str, parse_int=str)
    out = []
    if doc.get("version") == "2.0":
        for vehicle in doc["payload"].get("vehicles", []):
            for item in vehicle.get("data", []):
                if item.get("path") != "/odometer":
                    continue
                headers = {k.lower(): v for k, v in (item.get("headers") or {}).items()}
                out.append({"event_id": vehicle.get("requestId"), "raw_value": item["body"]["distance"],
                            "raw_unit": headers.get("sc-unit-system", "metric"), "read_at": None, "fetched_at": None})
        return out
    for signal in doc["data"].get("signals", []):
        status = signal.get("status") or {}
        if signal["code"].lower() != "odometer-traveleddistance" or status.get("value") == "ERROR":
            continue
        meta = signal.get("meta") or {}
        fetched = meta.get("fetchedAt", meta.get("retrievedAt"))
        out.append({"event_id": doc.get("eventId"), "raw_value": signal["body"]["value"],
                    "raw_unit": signal["body"]["unit"],
                    "read_at": None if meta.get("oemUpdatedAt") is None else int(meta["oemUpdatedAt"]),
                    "fetched_at": None if fetched is None else int(fetched)})
    return out


def from_smartcar(delivered: dict, options: dict) -> dict:
    """Rule 10: the reading check takes, as a dict (times as RFC 3339 UTC)."""
    if set(options) - {"received_time", "time_fallback"}:
        raise ApiError("invalid_option")
    fallback = options.get("time_fallback") or "none"
    if fallback not in FALLBACKS:
        raise ApiError("invalid_option")
    received = instant_ms(options["received_time"])
    if not 0 <= received <= MAX_EPOCH_MS:  # every instant of the reading is one parse_event could read
        raise ApiError("invalid_time")
    for key in ("read_at", "fetched_at"):
        if delivered[key] is not None and not 0 <= delivered[key] <= MAX_EPOCH_MS:
            raise ApiError("invalid_time")
    time = delivered["read_at"]
    if time is None and fallback != "none":
        time = delivered["fetched_at"]
    if time is None and fallback == "received":
        time = received
    if time is None:
        raise ApiError("missing_reading_time")
    text = delivered["raw_value"]
    value = float(text) if "e" in text.lower() else text
    out = {"value": value, "unit": delivered["raw_unit"], "reading_time": rfc3339(time), "source": "smartcar",
           "received_time": rfc3339(received)}
    if delivered["event_id"] is not None:
        out["event_id"] = delivered["event_id"]
    return out


def columns_readings(values, units, times, event_ids, sources) -> list[dict]:
    """Rule 11: the columns as readings, each with its index as id (so duplicate_of is the index)."""
    n = len(values)
    each_unit = units if isinstance(units, list) else [units] * n
    for column in (each_unit, times, event_ids, sources):
        if column is not None and len(column) != n:
            raise ApiError("invalid_reading")
    out = []
    for i in range(n):
        r = {"value": values[i], "unit": each_unit[i], "reading_time": times[i], "id": i}
        if event_ids is not None and event_ids[i] is not None:
            r["event_id"] = event_ids[i]
        if sources is not None and sources[i] is not None:
            r["source"] = sources[i]
        out.append(r)
    return out

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


def state_body(event_id: str, signals: str) -> str:
    """A VEHICLE_STATE delivery with these signals (JSON text, numbers as Smartcar writes them)."""
    return ('{"eventId":"%s","eventType":"VEHICLE_STATE","data":{"user":{"id":"u-1"},"vehicle":{"id":"veh-9",'
            '"make":"TESLA","model":"3","year":2020},"signals":[%s]},"meta":{"version":"4.0","webhookId":"wh-1",'
            '"deliveryId":"dl-1","deliveredAt":1717200031000,"signalCount":1,"mode":"LIVE"}}' % (event_id, signals))


ODO = '{"code":"odometer-traveleddistance","name":"TraveledDistance","group":"Odometer","body":%s%s}'
STATE_KM = state_body("evt-1", ODO % ('{"unit":"kilometers","value":104.320}',
                                      ',"meta":{"oemUpdatedAt":%d,"fetchedAt":%d}' % (T0 * 1000, T0 * 1000 + 5000)))
STATE_MILES = state_body("evt-2", ODO % ('{"unit":"miles","value":62.50}',
                                                  ',"meta":{"oemUpdatedAt":%d}' % (T0 * 1000 + 250)))
STATE_NO_META = state_body("evt-3", ODO % ('{"unit":"km","value":250000}', ""))
STATE_FETCHED_ONLY = state_body("evt-4", ODO % ('{"unit":"km","value":120.5}',
                                                ',"meta":{"retrievedAt":%d}' % (T0 * 1000 + 1500)))
LEGACY_SCHEDULE = ('{"version":"2.0","webhookId":"wh-l","eventName":"schedule","mode":"live","payload":{"vehicles":['
                   '{"vehicleId":"veh-a","requestId":"req-a","data":[{"path":"/odometer","code":200,'
                   '"body":{"distance":104.32}}]},{"vehicleId":"veh-b","requestId":"req-b","data":[{"path":"/odometer",'
                   '"code":200,"body":{"distance":64.8},"headers":{"SC-Unit-System":"imperial"}}]}]}}')

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
    # 621.371 "km" is exactly 999.999... km as miles: it fits only with the tolerance, computed exactly
    ("void-unit-swap-needs-the-tolerance", "check", [[km(1000, 0, id=1)], km(621.371, D), None]),
    ("void-unit-swap-within-tolerance", "check", [[km(1000, 0, id=1)], km(621.371, D), {"tolerance_m": 1}]),
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
    ("accept-speed-with-decimals-at-the-limit", "check",
     [[km(1000, 0, id=1)], km(1250.125, H), {"max_speed_kmh": 250.125}]),
    ("void-speed-with-decimals-just-over", "check",
     [[km(1000, 0, id=1)], km(1250.126, H), {"max_speed_kmh": 250.125}]),
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
    ("duplicate-of-a-whole-float-id", "check", [[km(1000, 0, id=7.0, event_id="e")], km(1000, 60, event_id="e"), None]),
    ("error-bad-time", "check", [[], {"value": 1, "unit": "km", "reading_time": "yesterday"}, None]),
    ("error-sub-millisecond-time", "check", [[], {"value": 1, "unit": "km", "reading_time": 1.0001}, None]),
    ("error-missing-time", "check", [[], {"value": 1, "unit": "km"}, None]),
    ("error-no-value", "check", [[], {"unit": "km", "reading_time": T0}, None]),
    ("error-value-and-metres", "check", [[], {"value": 1, "metres": 1000, "unit": "km", "reading_time": T0}, None]),
    ("error-value-wrong-type", "check", [[], {"value": [1], "unit": "km", "reading_time": T0}, None], True),
    ("error-value-bool", "check", [[], {"value": True, "unit": "km", "reading_time": T0}, None], True),
    ("error-unknown-reading-key", "check", [[], {**km(1, 0), "colour": "red"}, None]),
    ("error-fractional-id", "check", [[km(1, 0, id=7.5)], km(1, 60), None]),
    ("error-bad-time-in-history", "check", [[km(1, 0), {**km(1, 0), "reading_time": "noon"}], km(1, 60), None]),
    ("error-bad-policy-speed", "check", [[], km(1, 0), {"max_speed_kmh": -1}]),
    ("error-bad-policy-speed-decimals", "check", [[], km(1, 0), {"max_speed_kmh": 250.0001}]),
    ("error-bad-policy-digits", "check", [[], km(1, 0), {"meter_digits": 0}]),
    ("error-bad-policy-window-huge", "check", [[], km(1, 0), {"same_value_window_s": 10**12}]),
    ("error-bad-policy-unknown-key", "check", [[], km(1, 0), {"max_speed": 100}]),
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
    ("entry-explicit-webhook-and-source-type", "meter_entry",
     [[], km(1000, 0, event_id="e5"), 17, 3, {"source_type": "smartcar_sync", "sync": "webhook"}]),
    ("entry-manual-sync-default-source-type", "meter_entry", [[], km(1000, 0), 17, 3, {"sync": "manual"}]),
    ("entry-null-options-are-the-defaults", "meter_entry", [[], km(1000, 0), 17, 3, {"source_type": None, "sync": None}]),
    ("error-entry-unknown-sync", "meter_entry", [[], km(1000, 0), 17, 3, {"sync": "cron"}]),
    ("error-entry-source-type-number", "meter_entry", [[], km(1000, 0), 17, 3, {"source_type": 5}]),
    ("error-entry-unknown-option", "meter_entry", [[], km(1000, 0), 17, 3, {"source": "smartcar"}]),
    ("current-empty-history", "current", [[], None]),
    ("current-newest-by-reading-time-not-input-order", "current",
     [[km(1100, 2 * H, id=2), km(1000, 0, id=1), km(1050, H, id=3)], None]),
    ("current-skips-a-newer-out-of-sequence-reading", "current",
     [[km(1000, 0, id=1), km(1100, 2 * H, id=2), km(900, 3 * H, id=3)], None]),
    ("current-skips-unit-swap-rollover-speed-and-sentinel", "current",
     [[km(1000, 0, id=1), km(1010, 2 * H, id=2), km(621.5, D, id=3), km(999999, D + H, id=4),
       km(1900, 2 * H + 60, id=5)], None]),
    ("current-skips-a-rollover", "current", [[km(999000, 0, id=1), km(12, D, id=2)], {"meter_digits": 6}]),
    ("current-skips-duplicates-and-void-entries", "current",
     [[km(1000, 0, event_id="e1", id=1), km(1300, 5 * H, event_id="e1", id=2),
       km(5000, 6 * H, id=3, status="void"), km(1200, 7 * H, id=4, status="duplicate")], None]),
    ("current-none-when-nothing-is-accepted", "current",
     [[km(999999, 0, id=1), km(5, H, id=2, status="void")], None]),
    ("current-tie-at-one-time-highest-metres-then-first", "current",
     [[km(1000, 0, id=1), km(1010, H, source="manual", id=2), km(1010.004, H, source="smartcar", id=3),
       km(1010.004, H, source="phone", id=4)], {"tolerance_m": 10}]),
    ("current-reports-the-event-id-without-a-row-id", "current",
     [[km(1000, 0, event_id="evt-1"), km(1001, H, event_id="evt-2")], None]),
    ("current-with-a-policy", "current", [[km(1000, 0, id=1), km(1300, H, id=2)], {"max_speed_kmh": 320}]),
    ("error-current-bad-policy", "current", [[km(1000, 0, id=1)], {"max_speed_kmh": 0}]),
    ("error-current-bad-reading", "current", [[km(1000, 0, id=1), {"value": 1, "unit": "km"}], None]),
    ("smartcar-reading-km-text-kept", "reading_from_smartcar", [STATE_KM, {"received_time": T0 + 30}]),
    ("smartcar-reading-miles-millisecond-time", "reading_from_smartcar",
     [STATE_MILES, {"received_time": "2024-06-01T00:00:30.250Z"}]),
    ("smartcar-reading-no-time-is-an-error", "reading_from_smartcar", [STATE_NO_META, {"received_time": T0}]),
    ("smartcar-reading-fetched-fallback", "reading_from_smartcar",
     [STATE_FETCHED_ONLY, {"received_time": T0 + 60, "time_fallback": "fetched"}]),
    ("smartcar-reading-fetched-fallback-without-fetch-time", "reading_from_smartcar",
     [STATE_NO_META, {"received_time": T0, "time_fallback": "fetched"}]),
    ("smartcar-reading-received-fallback-legacy", "reading_from_smartcar",
     [LEGACY_SCHEDULE, {"received_time": T0 + 90, "time_fallback": "received"}]),
    ("smartcar-reading-legacy-is-an-error-by-default", "reading_from_smartcar",
     [LEGACY_SCHEDULE, {"received_time": T0}]),
    ("smartcar-reading-oem-time-wins-over-fallback", "reading_from_smartcar",
     [STATE_KM, {"received_time": T0 + 30, "time_fallback": "received"}]),
    ("error-smartcar-reading-unknown-fallback", "reading_from_smartcar",
     [STATE_KM, {"received_time": T0, "time_fallback": "arrival"}]),
    ("error-smartcar-reading-unknown-option", "reading_from_smartcar", [STATE_KM, {"received_time": T0, "now": T0}]),
    ("error-smartcar-reading-bad-received-time", "reading_from_smartcar", [STATE_KM, {"received_time": "soon"}]),
    ("error-smartcar-reading-received-time-before-1970", "reading_from_smartcar",
     [STATE_KM, {"received_time": "1969-12-31T23:59:59Z"}]),
    ("smartcar-to-entry-accepted", "smartcar_meter_entry",
     [STATE_KM, [km(104.0, -H, id=1)], 42, 7, {}, {"received_time": T0 + 30}]),
    ("smartcar-to-entry-retry-is-a-duplicate", "smartcar_meter_entry",
     [STATE_KM, [{**km(104.32, -10), "event_id": "evt-1", "source": "smartcar", "id": 9}], 42, 7, {},
      {"received_time": T0 + 60}]),
    ("smartcar-to-entry-late-delivery-fits", "smartcar_meter_entry",
     [STATE_KM, [km(100.0, -D, id=1), km(110.0, D, id=2)], 42, 7, {"source_type": "smartcar_sync"},
      {"received_time": T0 + 30}]),
    ("smartcar-to-entry-miles-manual-sync", "smartcar_meter_entry",
     [STATE_MILES, [], "car-1", "sv-1", {"sync": "manual"}, {"received_time": T0 + 30}]),
    ("columns-scripted-day", "check_batch_columns",
     [[r["value"] for r in DAY], "km", [r["reading_time"] for r in DAY], [r["event_id"] for r in DAY],
      [r["source"] for r in DAY], None]),
    ("columns-units-per-value-and-policy", "check_batch_columns",
     [[1000.0, 621.5, 1010.0, 12.0], ["km", "mi", "kilometers", "km"], [T0, T0 + D, T0 + 2 * D, T0 + 3 * D], None,
      None, {"meter_digits": 4}]),
    ("columns-same-instant-sources", "check_batch_columns",
     [[1000.0, 1000.0, 1000.0, 1002.5], "km", [T0, T0, T0, T0 + 0.5], None, ["smartcar", "smartcar", None, None],
      None]),
    ("columns-empty", "check_batch_columns", [[], "km", [], None, None, None]),
    ("error-columns-length", "check_batch_columns", [[1.0, 2.0], "km", [T0], None, None, None]),
    ("error-columns-bad-time", "check_batch_columns", [[1.0], "km", [0.0001], None, None, None]),
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
        return check_batch([reading_of(r) for r in readings], p)
    if fn == "meter_entry":
        history, candidate, car_id, source_id, options = args
        r = reading_of(candidate)
        chosen = entry_options(options)
        return meter_entry(check([reading_of(h) for h in history], r, policy_of(None)), r, car_id, source_id,
                           **chosen)
    if fn == "current":
        history, policy = args
        p = policy_of(policy)
        return current([reading_of(h) for h in history], p)
    if fn == "reading_from_smartcar":
        body, options = args
        return [from_smartcar(d, options) for d in smartcar_readings(body)]
    if fn == "smartcar_meter_entry":
        body, history, car_id, source_id, options, from_options = args
        past = [reading_of(h) for h in history]
        chosen = entry_options(options)
        out = []
        for delivered in smartcar_readings(body):
            r = reading_of(from_smartcar(delivered, from_options))
            v = check(past, r, policy_of(None))
            out.append({"verdict": v, "meter_entry": meter_entry(v, r, car_id, source_id, **chosen)})
        return out
    if fn == "check_batch_columns":
        values, units, times, event_ids, sources, policy = args
        p = policy_of(policy)
        verdicts = check_batch([reading_of(r) for r in columns_readings(values, units, times, event_ids, sources)], p)
        return {"status": [v["status"] for v in verdicts], "reason": [v["reason"] for v in verdicts],
                "metres": [v["metres"] for v in verdicts], "duplicate_of": [v["duplicate_of"] for v in verdicts]}
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
            "about": "Odometer checks. Expected values come from reference/odometer.py (the rules of docs/odometer.md "
                     "in plain Python with exact fractions), not from fleetgate. Readings are dicts with value+unit or "
                     "metres, reading_time (unix seconds or RFC 3339), and optional event_id, source, id, "
                     "received_time, status. reading_from_smartcar and smartcar_meter_entry take a Smartcar body: "
                     "every runner parses it with its smartcar.parse_event and passes each reading exactly as that "
                     "returns it.",
            "cases": cases}


def main() -> int:
    text = json.dumps(build(), indent=1, ensure_ascii=True) + "\n"
    if "--check" in sys.argv:
        if VECTORS.read_text() != text:
            print(f"{VECTORS} differs from the reference (run it without --check and review the diff)",
                  file=sys.stderr)
            return 1
        print(f"{VECTORS.name}: matches the independent reference")
        return 0
    VECTORS.write_text(text)
    print(f"wrote {VECTORS} ({len(CASES)} cases)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
