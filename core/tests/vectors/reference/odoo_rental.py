#!/usr/bin/env python3
"""Independent reference for core/tests/vectors/odoo_rental.json: stock Odoo's website rental routes
(/rental/product/constraints, /rental/product/availabilities) read with Python's standard library, not fleetgate:
``json`` for the replies, ``datetime.strptime`` + ``calendar.timegm`` for Odoo's naive UTC datetimes (unix seconds
by hand), ``zoneinfo`` for the website's time zone, integer arithmetic for the booking rules (hour 1, day 24,
week 168, month 720 hours: Odoo's website counts a month as 30 days).

Shapes follow Odoo 17/18 Enterprise: website_sale_renting/controllers/main.py (renting_product_constraints:
``{day: day in weekdays for day in range(1, 8)}``, ISO weekdays from res.company._get_renting_forbidden_days, Monday
= 1) and website_sale_stock_renting/controllers/main.py + models/product_product.py (_get_availabilities).

    python3 core/tests/vectors/reference/odoo_rental.py [--check]
"""

from __future__ import annotations

import calendar
import json
import math
import sys
from datetime import datetime, timezone
from typing import Any
from zoneinfo import ZoneInfo

from vectorfile import Rejected, write

PAYLOAD = "invalid_odoo_payload"
RPC = "odoo_rpc_error"
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
UNIT_HOURS = {"hour": 1, "day": 24, "week": 24 * 7, "month": 24 * 30}
MAX_MIN_HOURS = 24 * 3660
MAX_PREPARATION = 24 * 366


def is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def result_of(reply: Any) -> dict:
    """The JSON-RPC envelope: an object, jsonrpc "2.0" when given, an error object or a result object."""
    if isinstance(reply, str):
        try:
            reply = json.loads(reply)
        except ValueError:
            raise Rejected(PAYLOAD) from None
    if not isinstance(reply, dict):
        raise Rejected(PAYLOAD)
    if "jsonrpc" in reply and reply["jsonrpc"] != "2.0":
        raise Rejected(PAYLOAD)
    if reply.get("error") is not None:
        raise Rejected(RPC if isinstance(reply["error"], dict) else PAYLOAD)
    if not isinstance(reply.get("result"), dict):
        raise Rejected(PAYLOAD)
    return reply["result"]


def constraints(reply: Any) -> dict:
    result = result_of(reply)
    days = result.get("renting_unavailabity_days")
    if not isinstance(days, dict):
        raise Rejected(PAYLOAD)
    forbidden = []
    for key, flag in days.items():
        if key not in {"1", "2", "3", "4", "5", "6", "7"} or not isinstance(flag, bool):
            raise Rejected(PAYLOAD)
        if flag:
            forbidden.append(int(key))
    minimal = result.get("renting_minimal_time")
    if not isinstance(minimal, dict):
        raise Rejected(PAYLOAD)
    duration, unit = minimal.get("duration"), minimal.get("unit")
    if not is_int(duration) or duration < 0 or unit not in UNIT_HOURS:
        raise Rejected(PAYLOAD)
    hours = duration * UNIT_HOURS[unit]
    if hours > MAX_MIN_HOURS:
        raise Rejected(PAYLOAD)
    tz = result.get("website_tz")
    if tz is None or tz is False:
        tz = None
    elif isinstance(tz, str):
        try:
            ZoneInfo(tz)
        except Exception:
            raise Rejected(PAYLOAD) from None
    else:
        raise Rejected(PAYLOAD)
    weekdays = [DAYS[d - 1] for d in sorted(forbidden)]
    rules: dict[str, Any] = {"forbidden_weekdays": weekdays, "min_rental_hours": hours}
    if tz is not None:
        rules["time_zone"] = tz
    return {"forbidden_weekdays": weekdays, "minimal_time": {"duration": duration, "unit": unit}, "time_zone": tz,
            "booking_rules": rules}


def odoo_seconds(text: Any) -> int:
    if not isinstance(text, str) or len(text) != 19:
        raise Rejected(PAYLOAD)
    try:
        naive = datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        raise Rejected(PAYLOAD) from None
    return calendar.timegm(naive.timetuple())


def rfc3339(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def whole(q: Any) -> int:
    if is_int(q):
        return q
    if not isinstance(q, float) or abs(q - round(q)) > 1e-6:
        raise Rejected(PAYLOAD)
    return int(round(q))


def availabilities(reply: Any) -> dict:
    result = result_of(reply)
    hours = result.get("preparation_time", 0.0)  # absent: Odoo 19's website_sale_renting alone answers {}
    if not is_number(hours) or not 0 <= hours <= MAX_PREPARATION:
        raise Rejected(PAYLOAD)
    seconds = math.floor(hours * 3600 + 0.5)  # to the nearest second, halves up
    items = result.get("renting_availabilities")
    segments = []
    if items is not None:
        if not isinstance(items, list):
            raise Rejected(PAYLOAD)
        for item in items:
            if not isinstance(item, dict):
                raise Rejected(PAYLOAD)
            start, end = odoo_seconds(item.get("start")), odoo_seconds(item.get("end"))
            q = whole(item.get("quantity_available"))
            if end <= start:
                raise Rejected(PAYLOAD)
            segments.append((start, end, q))
        segments.sort()
        for (_, previous_end, _), (start, _, _) in zip(segments, segments[1:]):
            if start < previous_end:
                raise Rejected(PAYLOAD)
    return {"preparation_time": float(hours), "padding_seconds": seconds, "padding_hours": -(-seconds // 3600),
            "stock_limited": items is not None,
            "segments": [{"start": rfc3339(s), "end": rfc3339(e), "quantity_available": q} for s, e, q in segments]}


def ok(result: Any) -> dict:
    return {"jsonrpc": "2.0", "id": 1, "result": result}


def week(**flags: bool) -> dict:
    return {str(i + 1): flags.get(d, False) for i, d in enumerate(DAYS)}


def cons(days: Any, duration: Any = 1, unit: Any = "day", tz: Any = "Europe/Brussels", **extra: Any) -> dict:
    result = {"renting_unavailabity_days": days, "renting_minimal_time": {"duration": duration, "unit": unit}}
    if tz != "absent":
        result["website_tz"] = tz
    result.update(extra)
    return ok(result)


def seg(start: str, end: str, q: Any) -> dict:
    return {"start": start, "end": end, "quantity_available": q}


def avail(prep: Any, items: Any = "absent") -> dict:
    result: dict[str, Any] = {"preparation_time": prep}
    if items != "absent":
        result["renting_availabilities"] = items
    return ok(result)


ERROR = {"jsonrpc": "2.0", "id": 1, "error": {"code": 200, "message": "Odoo Server Error", "data": {
    "name": "odoo.exceptions.AccessError", "debug": "Traceback (most recent call last): ...",
    "message": "You are not allowed to access this document.", "arguments": [], "context": {}}}}
EXPIRED = {"jsonrpc": "2.0", "id": 1, "error": {"code": 100, "message": "Odoo Session Expired",
                                                "data": {"name": "odoo.http.SessionExpiredException"}}}
TIMELINE = [seg("2026-02-01 00:00:00", "2026-02-03 09:30:00", 2.0), seg("2026-02-03 09:30:00", "2026-02-05 17:00:00", 1.0),
            seg("2026-02-05 17:00:00", "2026-03-01 00:00:00", 3.0)]

CASES = [
    ("constraints-weekend-closed", "constraints", [cons(week(sat=True, sun=True))]),
    ("constraints-monday-is-1", "constraints", [cons({"1": True}, 3, "hour", "UTC")]),
    ("constraints-sunday-is-7", "constraints", [cons({"7": True, "1": False}, 2, "day")]),
    ("constraints-all-open-no-minimum", "constraints", [cons(week(), 0, "hour", "America/New_York")]),
    ("constraints-all-closed", "constraints", [cons({str(d): True for d in range(1, 8)}, 1, "day")]),
    ("constraints-weeks", "constraints", [cons(week(wed=True), 2, "week", "Asia/Tokyo")]),
    ("constraints-month-is-30-days", "constraints", [cons(week(), 1, "month")]),
    ("constraints-longest-minimum", "constraints", [cons(week(), 122, "month")]),
    ("constraints-minimum-too-long", "constraints", [cons(week(), 123, "month")]),
    ("constraints-no-website-tz", "constraints", [cons(week(sun=True), 1, "day", "absent")]),
    ("constraints-website-tz-false", "constraints", [cons(week(), 1, "day", False)]),
    ("constraints-website-tz-null", "constraints", [cons(week(), 1, "day", None)]),
    ("constraints-extra-keys-ignored", "constraints",
     [{**cons(week(fri=True), 4, "hour", "Europe/Paris", renting_pickup_hours=[9, 17]), "extra": True}]),
    ("constraints-no-jsonrpc-member", "constraints", [{"result": cons(week(), 1, "day")["result"]}]),
    ("constraints-text-reply", "constraints", [json.dumps(cons(week(sat=True), 1, "week"))]),
    ("constraints-rpc-error", "constraints", [ERROR]),
    ("constraints-session-expired", "constraints", [EXPIRED]),
    ("constraints-error-not-object", "constraints", [{"jsonrpc": "2.0", "id": 1, "error": "boom"}]),
    ("constraints-null-error-and-result", "constraints", [{"jsonrpc": "2.0", "id": 1, "error": None,
                                                           "result": cons(week(), 1, "day")["result"]}]),
    ("constraints-corrected-spelling-refused", "constraints",
     [ok({"renting_unavailability_days": week(), "renting_minimal_time": {"duration": 1, "unit": "day"}})]),
    ("constraints-days-list", "constraints", [cons([6, 7])]),
    ("constraints-weekday-0", "constraints", [cons({"0": True})]),
    ("constraints-weekday-8", "constraints", [cons({"8": False})]),
    ("constraints-weekday-padded", "constraints", [cons({"01": True})]),
    ("constraints-flag-not-bool", "constraints", [cons({"6": 1})]),
    ("constraints-unit-year", "constraints", [cons(week(), 1, "year")]),
    ("constraints-unit-plural", "constraints", [cons(week(), 2, "days")]),
    ("constraints-duration-negative", "constraints", [cons(week(), -1, "day")]),
    ("constraints-duration-float", "constraints", [cons(week(), 1.5, "day")]),
    ("constraints-duration-string", "constraints", [cons(week(), "2", "day")]),
    ("constraints-minimal-time-missing", "constraints", [ok({"renting_unavailabity_days": week()})]),
    ("constraints-unknown-tz", "constraints", [cons(week(), 1, "day", "Mars/Olympus")]),
    ("constraints-tz-number", "constraints", [cons(week(), 1, "day", 2)]),
    ("constraints-result-list", "constraints", [ok([1, 2])]),
    ("constraints-no-result", "constraints", [{"jsonrpc": "2.0", "id": 1}]),
    ("constraints-jsonrpc-1", "constraints", [{**cons(week()), "jsonrpc": "1.0"}]),
    ("constraints-reply-list", "constraints", [[cons(week())]]),
    ("constraints-not-json-text", "constraints", ["<html>login</html>"]),
    ("availabilities-timeline", "availabilities", [avail(1.5, TIMELINE)]),
    ("availabilities-unsorted-are-sorted", "availabilities", [avail(0.0, list(reversed(TIMELINE)))]),
    ("availabilities-integer-quantities", "availabilities",
     [avail(2, [seg("2024-02-28 12:00:00", "2024-03-01 12:00:00", 4)])]),
    ("availabilities-leap-day-and-year-end", "availabilities",
     [avail(24.0, [seg("2024-02-29 00:00:00", "2024-12-31 23:59:59", 1), seg("2024-12-31 23:59:59", "2025-01-01 00:00:01", 0)])]),
    ("availabilities-overbooked-negative", "availabilities",
     [avail(0.25, [seg("2026-05-01 08:00:00", "2026-05-02 08:00:00", -1.0)])]),
    ("availabilities-gaps-allowed", "availabilities",
     [avail(0, [seg("2026-05-01 08:00:00", "2026-05-02 08:00:00", 1), seg("2026-05-03 08:00:00", "2026-05-04 08:00:00", 2)])]),
    ("availabilities-float-time-1h20", "availabilities", [avail(1.3333333333333333, [])]),
    ("availabilities-near-whole-quantity", "availabilities",
     [avail(0.5, [seg("2026-05-01 08:00:00", "2026-05-02 08:00:00", 0.9999999999)])]),
    ("availabilities-not-stock-limited", "availabilities", [avail(3.0)]),
    ("availabilities-null-list", "availabilities", [avail(0.0, None)]),
    ("availabilities-empty-list", "availabilities", [avail(0.0, [])]),
    ("availabilities-longest-preparation", "availabilities", [avail(8784.0)]),
    ("availabilities-text-reply", "availabilities", [json.dumps(avail(1.0, TIMELINE[:1]))]),
    ("availabilities-rpc-error", "availabilities", [ERROR]),
    ("availabilities-overlap", "availabilities",
     [avail(0, [seg("2026-05-01 08:00:00", "2026-05-03 08:00:00", 1), seg("2026-05-02 08:00:00", "2026-05-04 08:00:00", 1)])]),
    ("availabilities-empty-segment", "availabilities", [avail(0, [seg("2026-05-01 08:00:00", "2026-05-01 08:00:00", 1)])]),
    ("availabilities-end-before-start", "availabilities",
     [avail(0, [seg("2026-05-02 08:00:00", "2026-05-01 08:00:00", 1)])]),
    ("availabilities-rfc3339-refused", "availabilities", [avail(0, [seg("2026-05-01T08:00:00Z", "2026-05-02 08:00:00", 1)])]),
    ("availabilities-date-only-refused", "availabilities", [avail(0, [seg("2026-05-01", "2026-05-02 08:00:00", 1)])]),
    ("availabilities-microseconds-refused", "availabilities",
     [avail(0, [seg("2026-05-01 08:00:00.000001", "2026-05-02 08:00:00", 1)])]),
    ("availabilities-invalid-date", "availabilities", [avail(0, [seg("2026-02-30 08:00:00", "2026-03-02 08:00:00", 1)])]),
    ("availabilities-fractional-quantity", "availabilities", [avail(0, [seg("2026-05-01 08:00:00", "2026-05-02 08:00:00", 1.5)])]),
    ("availabilities-quantity-string", "availabilities", [avail(0, [seg("2026-05-01 08:00:00", "2026-05-02 08:00:00", "1")])]),
    ("availabilities-quantity-bool", "availabilities", [avail(0, [seg("2026-05-01 08:00:00", "2026-05-02 08:00:00", True)])]),
    ("availabilities-segment-missing-end", "availabilities", [avail(0, [{"start": "2026-05-01 08:00:00", "quantity_available": 1}])]),
    ("availabilities-segment-not-object", "availabilities", [avail(0, [["2026-05-01 08:00:00"]])]),
    ("availabilities-list-is-object", "availabilities", [avail(0, {"start": "2026-05-01 08:00:00"})]),
    ("availabilities-preparation-negative", "availabilities", [avail(-1.0)]),
    ("availabilities-preparation-too-long", "availabilities", [avail(8784.5)]),
    ("availabilities-preparation-absent-is-zero", "availabilities", [ok({"renting_availabilities": []})]),
    ("availabilities-empty-result", "availabilities", [ok({})]),
    ("availabilities-preparation-string", "availabilities", [avail("1.5")]),
    ("availabilities-preparation-false", "availabilities", [avail(False)]),
]

ABOUT = ("Stock Odoo 17/18's website rental routes: JSON-RPC replies of /rental/product/constraints (constraints) "
         "and /rental/product/availabilities (availabilities), given as the parsed reply or its text, read into "
         "fleetgate's types. Expected values come from reference/odoo_rental.py (Python's json, datetime, calendar "
         "and zoneinfo), not fleetgate.")

if __name__ == "__main__":
    sys.exit(write("odoo_rental", ABOUT, CASES, {"constraints": constraints, "availabilities": availabilities}))
