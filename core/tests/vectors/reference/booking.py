#!/usr/bin/env python3
"""Independent reference for core/tests/vectors/booking.json.

It does not use fleetgate. Every expected cleaned request and every expected error list is written by hand from
docs/booking.md; only the resolved instants are computed, with ``zoneinfo`` (the start or end of a local
day, or a local clock time, in the location's time zone, converted to UTC).

Errors are compared as ``{loc, code}`` (messages are for people and may be reworded); they are listed in field
order: unknown fields (alphabetically), vehicle_id, customer_name, customer_email, customer_phone, notes,
date_from, date_to, then the checks across the two dates (pickup in the past, pickup weekday, return weekday,
period length).

    python3 core/tests/vectors/reference/booking.py          # rewrite booking.json
    python3 core/tests/vectors/reference/booking.py --check  # exit 1 if booking.json differs
"""

from __future__ import annotations

import json
import sys
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from _vectors import write_or_check  # noqa: E402

VECTORS = Path(__file__).resolve().parent.parent / "booking.json"
NOW = "2024-01-15T12:00:00Z"


def local_instant(day: str, tz: str, clock: time = time(0, 0), plus_days: int = 0) -> str:
    """The UTC instant of a local wall-clock time (zoneinfo, fold=0)."""
    d = date.fromisoformat(day) + timedelta(days=plus_days)
    return datetime.combine(d, clock, ZoneInfo(tz)).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


GOOD = {"vehicle_id": 7, "customer_name": "Ann Peeters", "customer_email": "ann@example.be",
        "customer_phone": "+32470123456", "date_from": "2024-02-01T09:00:00+01:00",
        "date_to": "2024-02-05T18:00:00+01:00"}
GOOD_OUT = {**GOOD, "start": "2024-02-01T08:00:00Z", "end": "2024-02-05T17:00:00Z"}
BXL = {"time_zone": "Europe/Brussels"}


def with_(base: dict, **changes: object) -> dict:
    out = {**base, **changes}
    return {k: v for k, v in out.items() if v is not ...}


# (id, request, rules, now, cleaned request)
VALID = [
    ("instants", GOOD, None, NOW, GOOD_OUT),
    ("sanitised", {
        "vehicle_id": "42", "customer_name": "  Zoe\u0308   Van\tDamme ", "customer_email": "  Jan.Peeters@Example.BE ",
        "customer_phone": "0470 12 34 56", "date_from": " 2024-02-01T09:00:00+01:00 ",
        "date_to": "2024-02-05T18:00:00+01:00", "notes": "  line one  \r\n  line   two \n\n"},
     {"default_region": "BE"}, NOW,
     {"vehicle_id": 42, "customer_name": "Zo\u00eb Van Damme", "customer_email": "Jan.Peeters@example.be",
      "customer_phone": "+32470123456", "date_from": "2024-02-01T09:00:00+01:00",
      "date_to": "2024-02-05T18:00:00+01:00", "notes": "line one\nline two",
      "start": "2024-02-01T08:00:00Z", "end": "2024-02-05T17:00:00Z"}),
    ("notes-null-kept", with_(GOOD, notes=None), None, NOW, {**GOOD_OUT, "notes": None}),
    ("idn-email-domain", with_(GOOD, customer_email="anna@B\u00fccher.Example"), None, NOW,
     {**GOOD_OUT, "customer_email": "anna@b\u00fccher.example"}),
    ("phone-international-trunk", with_(GOOD, customer_phone="+32 (0)470 12.34.56"), None, NOW, GOOD_OUT),
    ("phone-00-prefix", with_(GOOD, customer_phone="0032 470 123456"), None, NOW, GOOD_OUT),
    ("phone-us-national", with_(GOOD, customer_phone="(415) 555-2671"), {"default_region": "US"}, NOW,
     {**GOOD_OUT, "customer_phone": "+14155552671"}),
    ("phone-us-with-trunk", with_(GOOD, customer_phone="1 415 555 2671"), {"default_region": "US"}, NOW,
     {**GOOD_OUT, "customer_phone": "+14155552671"}),
    ("phone-fr-national", with_(GOOD, customer_phone="06 12 34 56 78"), {"default_region": "FR"}, NOW,
     {**GOOD_OUT, "customer_phone": "+33612345678"}),
    ("date-only-inclusive-brussels", with_(GOOD, date_from="2024-02-01", date_to="2024-02-05"), BXL, NOW,
     {**GOOD_OUT, "date_from": "2024-02-01", "date_to": "2024-02-05",
      "start": local_instant("2024-02-01", "Europe/Brussels"),
      "end": local_instant("2024-02-05", "Europe/Brussels", plus_days=1)}),
    ("date-only-exclusive-brussels", with_(GOOD, date_from="2024-02-01", date_to="2024-02-05"),
     {**BXL, "date_only": "exclusive"}, NOW,
     {**GOOD_OUT, "date_from": "2024-02-01", "date_to": "2024-02-05",
      "start": local_instant("2024-02-01", "Europe/Brussels"), "end": local_instant("2024-02-05", "Europe/Brussels")}),
    ("date-only-clock-times", with_(GOOD, date_from="2024-02-01", date_to="2024-02-05"),
     {**BXL, "date_only": "clock", "pickup_time": "08:30", "return_time": "17:45"}, NOW,
     {**GOOD_OUT, "date_from": "2024-02-01", "date_to": "2024-02-05",
      "start": local_instant("2024-02-01", "Europe/Brussels", time(8, 30)),
      "end": local_instant("2024-02-05", "Europe/Brussels", time(17, 45))}),
    ("date-only-brussels-spring-dst", with_(GOOD, date_from="2024-03-30", date_to="2024-03-31"), BXL, NOW,
     {**GOOD_OUT, "date_from": "2024-03-30", "date_to": "2024-03-31",
      "start": local_instant("2024-03-30", "Europe/Brussels"),
      "end": local_instant("2024-03-31", "Europe/Brussels", plus_days=1)}),
    ("date-only-new-york-autumn-dst", with_(GOOD, date_from="2024-11-02", date_to="2024-11-03"),
     {"time_zone": "America/New_York"}, NOW,
     {**GOOD_OUT, "date_from": "2024-11-02", "date_to": "2024-11-03",
      "start": local_instant("2024-11-02", "America/New_York"),
      "end": local_instant("2024-11-03", "America/New_York", plus_days=1)}),
    ("date-only-new-york-spring-week", with_(GOOD, date_from="2024-03-07", date_to="2024-03-13"),
     {"time_zone": "America/New_York"}, NOW,
     {**GOOD_OUT, "date_from": "2024-03-07", "date_to": "2024-03-13",
      "start": local_instant("2024-03-07", "America/New_York"),
      "end": local_instant("2024-03-13", "America/New_York", plus_days=1)}),
    ("leap-day-pickup", with_(GOOD, date_from="2024-02-29", date_to="2024-03-01"), BXL, NOW,
     {**GOOD_OUT, "date_from": "2024-02-29", "date_to": "2024-03-01",
      "start": local_instant("2024-02-29", "Europe/Brussels"),
      "end": local_instant("2024-03-01", "Europe/Brussels", plus_days=1)}),
    ("date-only-today-is-not-past", with_(GOOD, date_from="2024-01-15", date_to="2024-01-16"), None, NOW,
     {**GOOD_OUT, "date_from": "2024-01-15", "date_to": "2024-01-16",
      "start": "2024-01-15T00:00:00Z", "end": "2024-01-17T00:00:00Z"}),
    ("past-within-tolerance", with_(GOOD, date_from="2024-01-15T11:56:00Z", date_to="2024-01-15T15:00:00Z"), None,
     NOW, {**GOOD_OUT, "date_from": "2024-01-15T11:56:00Z", "date_to": "2024-01-15T15:00:00Z",
           "start": "2024-01-15T11:56:00Z", "end": "2024-01-15T15:00:00Z"}),
    ("now-as-unix-seconds", GOOD, None, 1705320000, GOOD_OUT),
    ("exactly-minimum", with_(GOOD, date_to="2024-02-01T10:00:00+01:00"), None, NOW,
     {**GOOD_OUT, "date_to": "2024-02-01T10:00:00+01:00", "end": "2024-02-01T09:00:00Z"}),
]

E = lambda field, code: {"loc": [field], "code": code}  # noqa: E731
# (id, request, rules, now, expected errors)
INVALID = [
    ("empty-request", {}, None, NOW, [E("vehicle_id", "required"), E("customer_name", "required"),
                                       E("customer_email", "required"), E("customer_phone", "required"),
                                       E("date_from", "required"), E("date_to", "required")]),
    ("blank-strings", with_(GOOD, customer_name="   ", customer_email="", vehicle_id=""), None, NOW,
     [E("vehicle_id", "required"), E("customer_name", "required"), E("customer_email", "required")]),
    ("everything-wrong", {
        "vehicle_id": 0, "customer_name": "Ann\u0007", "customer_email": "no-at-sign", "customer_phone": "call me",
        "date_from": "2024-02-30", "date_to": "tomorrow", "coupon": "FREE", "admin": True},
     None, NOW,
     [E("admin", "unknown_field"), E("coupon", "unknown_field"), E("vehicle_id", "invalid_vehicle_id"),
      E("customer_name", "control_characters"), E("customer_email", "invalid_email"),
      E("customer_phone", "invalid_phone"), E("date_from", "invalid_date"), E("date_to", "invalid_date")]),
    ("wrong-types", with_(GOOD, vehicle_id=True, customer_name=123, date_from=5), None, NOW,
     [E("vehicle_id", "invalid_vehicle_id"), E("customer_name", "wrong_type"), E("date_from", "invalid_date")]),
    ("vehicle-id-float", with_(GOOD, vehicle_id=1.5), None, NOW, [E("vehicle_id", "invalid_vehicle_id")]),
    ("vehicle-id-leading-zero", with_(GOOD, vehicle_id="042"), None, NOW, [E("vehicle_id", "invalid_vehicle_id")]),
    ("vehicle-id-negative", with_(GOOD, vehicle_id=-3), None, NOW, [E("vehicle_id", "invalid_vehicle_id")]),
    ("name-too-long", with_(GOOD, customer_name="a" * 101), None, NOW, [E("customer_name", "too_long")]),
    ("name-limit-configurable", with_(GOOD, customer_name="Ann Peeters"), {"max_lengths": {"customer_name": 5}}, NOW,
     [E("customer_name", "too_long")]),
    ("notes-too-long", with_(GOOD, notes="x" * 2001), None, NOW, [E("notes", "too_long")]),
    ("notes-control-character", with_(GOOD, notes="ok\u0000"), None, NOW, [E("notes", "control_characters")]),
    ("email-double-dot", with_(GOOD, customer_email="a..b@example.com"), None, NOW, [E("customer_email", "invalid_email")]),
    ("email-no-tld", with_(GOOD, customer_email="user@example"), None, NOW, [E("customer_email", "invalid_email")]),
    ("email-bad-label", with_(GOOD, customer_email="user@-bad-.com"), None, NOW, [E("customer_email", "invalid_email")]),
    ("email-space", with_(GOOD, customer_email="us er@example.com"), None, NOW, [E("customer_email", "invalid_email")]),
    ("email-two-at", with_(GOOD, customer_email="a@b@example.com"), None, NOW, [E("customer_email", "invalid_email")]),
    ("phone-national-without-region", with_(GOOD, customer_phone="0470 12 34 56"), None, NOW,
     [E("customer_phone", "invalid_phone")]),
    ("phone-wrong-length-for-region", with_(GOOD, customer_phone="0470 12"), {"default_region": "BE"}, NOW,
     [E("customer_phone", "invalid_phone")]),
    ("phone-too-long-international", with_(GOOD, customer_phone="+32 470 123 456 789 012"), None, NOW,
     [E("customer_phone", "invalid_phone")]),
    ("not-a-leap-year", with_(GOOD, date_from="2023-02-29", date_to="2023-03-02"), None, NOW,
     [E("date_from", "invalid_date")]),
    ("naive-instant", with_(GOOD, date_from="2024-02-01T09:00:00"), None, NOW, [E("date_from", "invalid_date")]),
    ("past-beyond-tolerance", with_(GOOD, date_from="2024-01-15T11:54:00Z", date_to="2024-01-15T15:00:00Z"), None,
     NOW, [E("date_from", "date_in_past")]),
    ("date-only-yesterday", with_(GOOD, date_from="2024-01-14", date_to="2024-01-16"), None, NOW,
     [E("date_from", "date_in_past")]),
    ("end-before-start", with_(GOOD, date_to="2024-01-31T09:00:00+01:00"), None, NOW,
     [E("date_to", "end_not_after_start")]),
    ("end-equals-start", with_(GOOD, date_to=GOOD["date_from"]), None, NOW, [E("date_to", "end_not_after_start")]),
    ("exclusive-same-day-is-empty", with_(GOOD, date_from="2024-02-01", date_to="2024-02-01"),
     {"date_only": "exclusive"}, NOW, [E("date_to", "end_not_after_start")]),
    ("too-short", with_(GOOD, date_to="2024-02-01T09:59:00+01:00"), None, NOW, [E("date_to", "rental_too_short")]),
    ("too-long", with_(GOOD, date_to="2024-05-02T09:00:01+02:00"), None, NOW, [E("date_to", "rental_too_long")]),
    ("max-days-configurable", GOOD, {"max_rental_days": 3}, NOW, [E("date_to", "rental_too_long")]),
    ("min-hours-configurable", with_(GOOD, date_to="2024-02-01T12:00:00+01:00"), {"min_rental_hours": 4}, NOW,
     [E("date_to", "rental_too_short")]),
    ("weekday-pickup-and-return", with_(GOOD, date_from="2024-02-04", date_to="2024-02-11"),
     {**BXL, "forbidden_weekdays": ["sun"]}, NOW,
     [E("date_from", "weekday_not_allowed"), E("date_to", "weekday_not_allowed")]),
    ("weekday-in-local-time", with_(GOOD, date_from="2024-02-03T23:30:00Z", date_to="2024-02-05T10:00:00Z"),
     {**BXL, "forbidden_weekdays": ["sun"]}, NOW, [E("date_from", "weekday_not_allowed")]),
    ("weekday-utc-saturday", with_(GOOD, date_from="2024-02-03T23:30:00Z", date_to="2024-02-05T10:00:00Z"),
     {"forbidden_weekdays": ["sun"]}, NOW, []),
]
# (id, request, rules, now, error code of the call)
CALL_ERRORS = [
    ("rules-bad-time-zone", GOOD, {"time_zone": "Europe/Atlantis"}, NOW, "invalid_booking_rules"),
    ("rules-unknown-key", GOOD, {"timezone": "UTC"}, NOW, "invalid_booking_rules"),
    ("rules-bad-weekday", GOOD, {"forbidden_weekdays": ["sunday"]}, NOW, "invalid_booking_rules"),
    ("rules-unsupported-region", GOOD, {"default_region": "ZZ"}, NOW, "invalid_booking_rules"),
    ("rules-clock-time-without-clock", GOOD, {"pickup_time": "09:00"}, NOW, "invalid_booking_rules"),
    ("bad-now", GOOD, None, "yesterday", "invalid_now"),
    ("request-not-an-object", ["not", "an", "object"], None, NOW, "validation_failed"),
]


def clean_booking(cleaned: dict) -> dict:
    """The result's fixed shape: ``notes`` is always there (null when the request has none)."""
    out = {}
    for key, value in cleaned.items():
        if key == "date_from" and "notes" not in cleaned:
            out["notes"] = None
        out[key] = value
    return out


def build() -> dict:
    cases = []
    for id_, request, rules, now, cleaned in VALID:
        cases.append({"id": id_, "fn": "validate", "args": [request, rules, now], "expect": clean_booking(cleaned)})
    for id_, request, rules, now, errors in INVALID:
        if errors:
            cases.append({"id": id_, "fn": "validate_errors", "args": [request, rules, now], "expect": errors})
        else:
            cases.append({"id": id_, "fn": "validate_errors", "args": [request, rules, now], "expect": []})
    for id_, request, rules, now, code in CALL_ERRORS:
        cases.append({"id": id_, "fn": "validate", "args": [request, rules, now], "error": code})
    return {
        "area": "booking",
        "about": "Booking request validation. Expected values are written by hand from the spec in "
                 "reference/booking.py (instants computed with zoneinfo), not taken from fleetgate. validate: args "
                 "[request, rules or null, now] -> the cleaned request; validate_errors: the same call's "
                 "errors as [{loc, code}] ([] when the request is valid).",
        "cases": cases,
    }


if __name__ == "__main__":
    sys.exit(write_or_check(VECTORS, build()))
