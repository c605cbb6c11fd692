#!/usr/bin/env python3
"""Independent reference for core/tests/vectors/pricing.json.

It does not use fleetgate. Odoo mode is Odoo's rental pricing as docs/pricing.md states it, written with
the standard library (``fractions.Fraction`` for exact durations, ``zoneinfo`` for local calendar time) and
python-dateutil's ``relativedelta`` for calendar months, as Odoo itself does. Best mode is checked by brute force:
every combination of rule counts up to a bound is tried (no dynamic programming), and a combination covers the
period when its calendar months, added to the local start, plus its elapsed hours reach the end.

    python3 core/tests/vectors/reference/pricing.py          # rewrite pricing.json from the cases below
    python3 core/tests/vectors/reference/pricing.py --check  # exit 1 if pricing.json differs
"""

from __future__ import annotations

import itertools
import json
import math
import sys
from datetime import datetime, timezone
from fractions import Fraction
from pathlib import Path
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from _vectors import write_or_check  # noqa: E402

VECTORS = Path(__file__).resolve().parent.parent / "pricing.json"
UTC = timezone.utc
EXPONENT = {"EUR": 2, "USD": 2, "JPY": 0, "KWD": 3}
HOURS = {"hour": 1, "day": 24, "week": 168}


class Rejected(Exception):
    def __init__(self, code: str) -> None:
        self.code = code


def minor(text: str, currency: str) -> int:
    whole, _, frac = text.partition(".")
    frac = frac.rstrip("0")
    if not whole.isdigit() or (frac and not frac.isdigit()) or len(frac) > EXPONENT[currency]:
        raise Rejected("invalid_rate_card")
    return int(whole) * 10 ** EXPONENT[currency] + int(frac.ljust(EXPONENT[currency], "0") or 0)


def fmt(amount: int, currency: str) -> str:
    e = EXPONENT[currency]
    return str(amount) if e == 0 else f"{amount // 10**e}.{amount % 10**e:0{e}d}"


def instant(text: str | int) -> datetime:
    if isinstance(text, int):
        return datetime.fromtimestamp(text, UTC)
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def local(t: datetime, tz: ZoneInfo) -> datetime:
    return t.astimezone(tz).replace(tzinfo=None)


def durations(start: datetime, end: datetime, tz: ZoneInfo) -> dict[str, Fraction]:
    """Odoo's period in every unit (spec: seconds ignored for hours; months by relativedelta in local time)."""
    minutes = int((end - start).total_seconds()) // 60
    hours = Fraction(minutes, 60)
    days = math.ceil(hours / 24)
    rd = relativedelta(local(end, tz), local(start, tz))
    months = rd.years * 12 + rd.months + (1 if (rd.days or rd.hours or rd.minutes) else 0)
    return {"hour": hours, "day": Fraction(days), "week": Fraction(math.ceil(Fraction(days, 7))),
            "month": Fraction(months), "year": Fraction(months, 12)}


def rule_json(rule: dict, currency: str, pricelist: str | None) -> dict:
    return {"unit": rule["unit"], "duration": rule["duration"], "price": fmt(minor(rule["price"], currency), currency),
            "pricelist": pricelist}


def candidates(card: dict, pricelist: str | None) -> list[tuple[dict, str | None]]:
    """Odoo's order: the pricelist's rules, then generic ones, each group by unit price (stable)."""
    cur = card.get("currency", "EUR")
    specific = sorted(card.get("pricelist_rules", {}).get(pricelist, []) if pricelist else [],
                      key=lambda r: minor(r["price"], cur))
    generic = sorted(card["rules"], key=lambda r: minor(r["price"], cur))
    return [(r, pricelist) for r in specific] + [(r, None) for r in generic]


def list_price_quote(card: dict) -> dict:
    cur = card.get("currency", "EUR")
    if card.get("list_price") is None:
        raise Rejected("no_price")
    price = minor(card["list_price"], cur)
    return {"total_minor": price, "total": fmt(price, cur), "currency": cur, "rule": None,
            "breakdown": [{"rule": None, "count": 1, "subtotal_minor": price, "subtotal": fmt(price, cur)}]}


def odoo_quote(card: dict, start: str, end: str, opts: dict) -> dict:
    cur = card.get("currency", "EUR")
    tz = ZoneInfo(opts.get("tz") or "UTC")
    s, e = instant(start), instant(end)
    if e <= s:
        raise Rejected("invalid_quote")
    cands = candidates(card, opts.get("pricelist"))
    if not cands:
        return list_price_quote(card)
    d = durations(s, e, tz)
    best = None
    for rule, pl in cands:
        dur = d[rule["unit"]]
        count = 1 if dur <= 0 or rule["duration"] <= 0 else math.ceil(dur / rule["duration"])
        total = minor(rule["price"], cur) * count
        if best is None or total < best[2]:
            best = (rule_json(rule, cur, pl), count, total)
    rule, count, total = best
    return {"total_minor": total, "total": fmt(total, cur), "currency": cur, "rule": rule,
            "breakdown": [{"rule": rule, "count": count, "subtotal_minor": total, "subtotal": fmt(total, cur)}]}


def best_total(card: dict, start: str, end: str, opts: dict, bound: int = 14) -> int:
    """The cheapest cover by brute force over rule counts 0..bound."""
    cur = card.get("currency", "EUR")
    tz = ZoneInfo(opts.get("tz") or "UTC")
    s, e = instant(start), instant(end)
    cands = candidates(card, opts.get("pricelist"))
    if not cands:
        return list_price_quote(card)["total_minor"]
    if int((e - s).total_seconds()) // 60 == 0:
        return odoo_quote(card, start, end, opts)["total_minor"]
    flat = [minor(r["price"], cur) for r, _ in cands if r["duration"] == 0]
    used = [(r, minor(r["price"], cur)) for r, _ in cands if r["duration"] > 0]
    best = min(flat) if flat else None
    for counts in itertools.product(range(bound + 1), repeat=len(used)):
        months = sum(c * r["duration"] * (12 if r["unit"] == "year" else 1)
                     for c, (r, _) in zip(counts, used) if r["unit"] in ("month", "year"))
        hours = sum(c * r["duration"] * HOURS[r["unit"]] for c, (r, _) in zip(counts, used) if r["unit"] in HOURS)
        after = (local(s, tz) + relativedelta(months=months)).replace(tzinfo=tz).astimezone(UTC)
        left_minutes = max(0, int((e - after).total_seconds()) // 60)
        if hours * 60 >= left_minutes:
            cost = sum(c * p for c, (_, p) in zip(counts, used))
            best = cost if best is None else min(best, cost)
    assert best is not None
    return best


def late_fee(planned: str, actual: str, opts: dict) -> dict:
    cur = opts.get("currency", "EUR")
    grace = opts.get("grace_hours", 2) * 3600
    hourly, daily = minor(opts["extra_hourly"], cur), minor(opts["extra_daily"], cur)
    variant = opts.get("variant", "odoo")
    late = int((instant(actual) - instant(planned)).total_seconds())
    days = hours = fee = 0
    if late > grace:
        if variant == "grace_subtracted":
            late -= grace
        days, hours = late // 86400, late % 86400 // 3600
        hourly_part = hours * hourly
        if variant == "hourly_capped":
            hourly_part = min(hourly_part, daily)
        fee = days * daily + hourly_part
    return {"total_minor": fee, "total": fmt(fee, cur), "currency": cur, "days": days, "hours": hours}


R = lambda unit, duration, price: {"unit": unit, "duration": duration, "price": price}  # noqa: E731
CAR = {"rules": [R("hour", 1, "12.00"), R("day", 1, "60.00"), R("week", 1, "300.00"), R("month", 1, "900.00")],
       "currency": "EUR"}
BXL, NY = {"tz": "Europe/Brussels"}, {"tz": "America/New_York"}

# (id, card, start, end, options)
ODOO = [
    ("four-days-daily-wins", CAR, "2024-02-01T10:00:00Z", "2024-02-05T10:00:00Z", {}),
    ("five-days-week-ties-daily", CAR, "2024-02-01T10:00:00Z", "2024-02-06T10:00:00Z", {}),
    ("five-days-one-minute", CAR, "2024-02-01T10:00:00Z", "2024-02-06T10:01:00Z", {}),
    ("three-hours-hourly", CAR, "2024-02-01T10:00:00Z", "2024-02-01T13:00:00Z", {}),
    ("fractional-hours", {"rules": [R("hour", 1, "10.00"), R("hour", 2, "15.00")]},
     "2024-02-01T10:00:00Z", "2024-02-01T12:30:00Z", {}),
    ("fractional-hours-3h-block", {"rules": [R("hour", 3, "25.00")]},
     "2024-02-01T10:00:00Z", "2024-02-01T13:20:00Z", {}),
    ("seconds-ignored", {"rules": [R("hour", 1, "10.00")]}, "2024-02-01T10:00:00Z", "2024-02-01T12:00:59Z", {}),
    ("under-a-minute-flat", {"rules": [R("hour", 1, "10.00"), R("day", 1, "50.00")]},
     "2024-02-01T10:00:00Z", "2024-02-01T10:00:30Z", {}),
    ("brussels-spring-23h-one-day", {"rules": [R("day", 1, "40.00"), R("hour", 1, "5.00")]},
     "2024-03-30T12:00:00+01:00", "2024-03-31T12:00:00+02:00", BXL),
    ("brussels-autumn-25h-two-days", {"rules": [R("day", 1, "40.00")]},
     "2024-10-26T12:00:00+02:00", "2024-10-27T12:00:00+01:00", BXL),
    ("new-york-spring-23h", {"rules": [R("day", 1, "40.00"), R("hour", 1, "1.50")]},
     "2024-03-09T12:00:00-05:00", "2024-03-10T12:00:00-04:00", NY),
    ("new-york-autumn-25h", {"rules": [R("day", 1, "40.00"), R("hour", 1, "1.50")]},
     "2024-11-02T12:00:00-04:00", "2024-11-03T12:00:00-05:00", NY),
    ("brussels-spring-week-167h", {"rules": [R("week", 1, "250.00"), R("day", 1, "40.00")]},
     "2024-03-28T10:00:00+01:00", "2024-04-04T10:00:00+02:00", BXL),
    ("brussels-autumn-week-169h-two-weeks", {"rules": [R("week", 1, "250.00")]},
     "2024-10-24T10:00:00+02:00", "2024-10-31T10:00:00+01:00", BXL),
    ("brussels-autumn-week-day-rule-8-days", {"rules": [R("week", 1, "350.00"), R("day", 1, "40.00")]},
     "2024-10-24T10:00:00+02:00", "2024-10-31T10:00:00+01:00", BXL),
    ("new-york-autumn-week-169h", {"rules": [R("week", 1, "250.00"), R("day", 1, "40.00")]},
     "2024-11-01T10:00:00-04:00", "2024-11-08T10:00:00-05:00", NY),
    ("new-york-spring-week-167h", {"rules": [R("week", 1, "250.00"), R("hour", 1, "2.00")]},
     "2024-03-07T10:00:00-05:00", "2024-03-14T10:00:00-04:00", NY),
    ("non-leap-jan31-to-feb28", {"rules": [R("month", 1, "500.00")]}, "2023-01-31T10:00:00Z", "2023-02-28T10:00:00Z", {}),
    ("leap-feb28-to-mar1-two-days", {"rules": [R("day", 1, "40.00"), R("month", 1, "500.00")]},
     "2024-02-28T10:00:00Z", "2024-03-01T10:00:00Z", {}),
    ("brussels-month-across-dst", {"rules": [R("month", 1, "500.00"), R("day", 1, "40.00")]},
     "2024-03-15T10:00:00+01:00", "2024-04-15T10:00:00+02:00", BXL),
    ("brussels-month-local-not-utc", {"rules": [R("month", 1, "500.00")]},
     "2024-03-15T10:00:00+01:00", "2024-04-15T09:00:00+00:00", BXL),
    ("jan31-to-feb29-one-month", {"rules": [R("month", 1, "500.00")]},
     "2024-01-31T10:00:00Z", "2024-02-29T10:00:00Z", {}),
    ("jan31-to-mar1-two-months", {"rules": [R("month", 1, "500.00")]},
     "2024-01-31T10:00:00Z", "2024-03-01T10:00:00Z", {}),
    ("jan30-to-feb29", {"rules": [R("month", 1, "500.00")]}, "2024-01-30T10:00:00Z", "2024-02-29T10:00:00Z", {}),
    ("month-leftover-seconds-only", {"rules": [R("month", 1, "500.00")]},
     "2024-01-31T10:00:00Z", "2024-02-29T10:00:45Z", {}),
    ("month-leftover-one-minute", {"rules": [R("month", 1, "500.00")]},
     "2024-01-31T10:00:00Z", "2024-02-29T10:01:00Z", {}),
    ("leap-day-to-feb28-one-year", {"rules": [R("year", 1, "5000.00"), R("month", 1, "500.00")]},
     "2024-02-29T00:00:00Z", "2025-02-28T00:00:00Z", {}),
    ("thirteen-months-two-years", {"rules": [R("year", 1, "4000.00")]},
     "2023-01-15T00:00:00Z", "2024-02-15T00:00:00Z", {}),
    ("year-fraction-vs-months", {"rules": [R("year", 1, "4000.00"), R("month", 3, "1100.00")]},
     "2023-01-15T00:00:00Z", "2024-02-15T00:00:00Z", {}),
    ("two-month-rule", {"rules": [R("month", 2, "900.00")]}, "2024-01-10T00:00:00Z", "2024-03-11T00:00:00Z", {}),
    ("tie-keeps-first-equal-price", {"rules": [R("day", 1, "24.00"), R("hour", 24, "24.00")]},
     "2024-02-01T00:00:00Z", "2024-02-02T00:00:00Z", {}),
    ("tie-cheaper-unit-price-first", {"rules": [R("day", 1, "40.00"), R("hour", 1, "20.00")]},
     "2024-02-01T00:00:00Z", "2024-02-01T02:00:00Z", {}),
    ("pricelist-before-generic-on-tie",
     {"rules": [R("day", 1, "50.00")], "pricelist_rules": {"vip": [R("day", 1, "50.00")]}},
     "2024-02-01T00:00:00Z", "2024-02-03T00:00:00Z", {"pricelist": "vip"}),
    ("pricelist-cheaper", {"rules": [R("day", 1, "50.00")], "pricelist_rules": {"vip": [R("week", 1, "150.00")]}},
     "2024-02-01T00:00:00Z", "2024-02-05T00:00:00Z", {"pricelist": "vip"}),
    ("unknown-pricelist-generic", {"rules": [R("day", 1, "50.00")], "pricelist_rules": {"vip": [R("day", 1, "1.00")]}},
     "2024-02-01T00:00:00Z", "2024-02-03T00:00:00Z", {"pricelist": "other"}),
    ("no-pricelist-ignores-pricelist-rules", {"rules": [R("day", 1, "50.00")],
                                              "pricelist_rules": {"vip": [R("day", 1, "1.00")]}},
     "2024-02-01T00:00:00Z", "2024-02-03T00:00:00Z", {}),
    ("empty-card-list-price", {"rules": [], "list_price": "99.90"}, "2024-02-01T00:00:00Z", "2024-02-09T00:00:00Z", {}),
    ("only-pricelist-rules-list-price", {"rules": [], "list_price": "10", "pricelist_rules": {"vip": [R("day", 1, "5")]}},
     "2024-02-01T00:00:00Z", "2024-02-03T00:00:00Z", {}),
    ("flat-price", {"rules": [R("day", 0, "75.00"), R("day", 1, "30.00")]},
     "2024-02-01T00:00:00Z", "2024-02-04T00:00:00Z", {}),
    ("yen-no-decimals", {"rules": [R("day", 1, "8000")], "currency": "JPY"},
     "2024-02-01T00:00:00+09:00", "2024-02-03T12:00:00+09:00", {"tz": "Asia/Tokyo"}),
    ("kwd-three-decimals", {"rules": [R("hour", 1, "1.250")], "currency": "KWD"},
     "2024-02-01T00:00:00Z", "2024-02-01T03:00:00Z", {}),
    ("price-normalised-decimals", {"rules": [R("hour", 1, "3.5")]}, "2024-02-01T00:00:00Z", "2024-02-01T01:00:00Z", {}),
    ("unix-seconds", CAR, 1706781600, 1707127200, {}),
]
ODOO_ERRORS = [
    ("empty-card-no-list-price", {"rules": []}, "2024-02-01T00:00:00Z", "2024-02-02T00:00:00Z", {}, "no_price"),
    ("end-before-start", CAR, "2024-02-02T00:00:00Z", "2024-02-01T00:00:00Z", {}, "invalid_quote"),
    ("end-equals-start", CAR, "2024-02-01T00:00:00Z", "2024-02-01T00:00:00Z", {}, "invalid_quote"),
    ("bad-time-zone", CAR, "2024-02-01T00:00:00Z", "2024-02-02T00:00:00Z", {"tz": "Mars/Olympus"}, "invalid_quote"),
    ("bad-mode", CAR, "2024-02-01T00:00:00Z", "2024-02-02T00:00:00Z", {"mode": "cheap"}, "invalid_quote"),
    ("naive-instant", CAR, "2024-02-01T00:00:00", "2024-02-02T00:00:00Z", {}, "invalid_quote"),
    ("too-many-decimals", {"rules": [R("day", 1, "3.555")]}, "2024-02-01T00:00:00Z", "2024-02-02T00:00:00Z", {},
     "invalid_rate_card"),
    ("negative-price", {"rules": [R("day", 1, "-3.00")]}, "2024-02-01T00:00:00Z", "2024-02-02T00:00:00Z", {},
     "invalid_rate_card"),
    ("negative-duration", {"rules": [R("day", -1, "3.00")]}, "2024-02-01T00:00:00Z", "2024-02-02T00:00:00Z", {},
     "invalid_rate_card"),
    ("unknown-unit", {"rules": [R("fortnight", 1, "3.00")]}, "2024-02-01T00:00:00Z", "2024-02-02T00:00:00Z", {},
     "invalid_rate_card"),
    ("unknown-rule-field", {"rules": [{**R("day", 1, "3.00"), "min": 2}]}, "2024-02-01T00:00:00Z",
     "2024-02-02T00:00:00Z", {}, "invalid_rate_card"),
    ("float-price", {"rules": [R("day", 1, 3.5)]}, "2024-02-01T00:00:00Z", "2024-02-02T00:00:00Z", {},
     "invalid_rate_card"),
    ("bad-currency", {"rules": [R("day", 1, "3.00")], "currency": "eur"}, "2024-02-01T00:00:00Z",
     "2024-02-02T00:00:00Z", {}, "invalid_rate_card"),
]
BEST = [
    ("best-mix-day-and-hours", {"rules": [R("day", 1, "50.00"), R("hour", 1, "4.00")]},
     "2024-02-01T00:00:00Z", "2024-02-02T03:00:00Z", {}),
    ("best-week-for-four-days", {"rules": [R("day", 1, "90.00"), R("week", 1, "300.00")]},
     "2024-02-01T00:00:00Z", "2024-02-05T00:00:00Z", {}),
    ("best-week-plus-days", CAR, "2024-02-01T10:00:00Z", "2024-02-10T12:00:00Z", {}),
    ("best-month-plus-hours", {"rules": [R("month", 1, "500.00"), R("hour", 1, "5.00"), R("day", 1, "60.00")]},
     "2024-01-31T10:00:00Z", "2024-02-29T13:30:00Z", {}),
    ("best-brussels-autumn", {"rules": [R("day", 1, "40.00"), R("hour", 1, "3.00")]},
     "2024-10-26T12:00:00+02:00", "2024-10-27T12:00:00+01:00", BXL),
    ("best-new-york-spring", {"rules": [R("day", 1, "40.00"), R("hour", 1, "3.00")]},
     "2024-03-09T12:00:00-05:00", "2024-03-10T12:00:00-04:00", NY),
    ("best-brussels-autumn-week", {"rules": [R("week", 1, "250.00"), R("hour", 1, "3.00")]},
     "2024-10-24T10:00:00+02:00", "2024-10-31T10:00:00+01:00", BXL),
    ("best-new-york-autumn-week", {"rules": [R("week", 1, "250.00"), R("day", 1, "40.00"), R("hour", 1, "3.00")]},
     "2024-11-01T10:00:00-04:00", "2024-11-08T10:00:00-05:00", NY),
    ("best-flat-wins", {"rules": [R("day", 0, "70.00"), R("day", 1, "30.00")]},
     "2024-02-01T00:00:00Z", "2024-02-04T00:00:00Z", {}),
    ("best-pricelist-and-generic-mix", {"rules": [R("hour", 1, "5.00")], "pricelist_rules": {"vip": [R("day", 1, "30.00")]}},
     "2024-02-01T00:00:00Z", "2024-02-02T02:00:00Z", {"pricelist": "vip"}),
    ("best-empty-card-list-price", {"rules": [], "list_price": "12.00"}, "2024-02-01T00:00:00Z", "2024-02-03T00:00:00Z",
     {}),
]
LATE = [
    ("late-within-grace", "2024-02-05T10:00:00Z", "2024-02-05T11:59:00Z", {}),
    ("late-exactly-grace", "2024-02-05T10:00:00Z", "2024-02-05T12:00:00Z", {}),
    ("late-just-past-grace", "2024-02-05T10:00:00Z", "2024-02-05T12:00:01Z", {}),
    ("late-one-day-five-and-a-half-hours", "2024-02-05T10:00:00Z", "2024-02-06T15:30:00Z", {}),
    ("late-grace-subtracted", "2024-02-05T10:00:00Z", "2024-02-06T15:30:00Z", {"variant": "grace_subtracted"}),
    ("late-hourly-capped", "2024-02-05T10:00:00Z", "2024-02-06T08:00:00Z", {"variant": "hourly_capped"}),
    ("late-hourly-uncapped", "2024-02-05T10:00:00Z", "2024-02-06T08:00:00Z", {}),
    ("late-zero-grace", "2024-02-05T10:00:00Z", "2024-02-05T11:00:00Z", {"grace_hours": 0}),
    ("late-early-return", "2024-02-05T10:00:00Z", "2024-02-04T10:00:00Z", {}),
    ("late-across-dst-elapsed", "2024-10-26T12:00:00+02:00", "2024-10-27T12:00:00+01:00", {}),
]
RATES = {"extra_hourly": "8.00", "extra_daily": "70.00"}


def build() -> dict:
    cases = []
    for id_, card, start, end, opts in ODOO:
        cases.append({"id": id_, "fn": "quote", "args": [card, start, end, {**opts, "mode": "odoo"}],
                      "expect": odoo_quote(card, start, end, opts)})
    for id_, card, start, end, opts, code in ODOO_ERRORS:
        try:
            odoo_quote(card, start, end, opts) if code in ("no_price",) else None
        except Rejected as r:
            assert r.code == code
        cases.append({"id": id_, "fn": "quote", "args": [card, start, end, {"mode": "odoo", **opts}], "error": code})
    for id_, card, start, end, opts in BEST:
        total = best_total(card, start, end, opts)
        odoo = odoo_quote(card, start, end, opts)["total_minor"]
        assert total <= odoo, id_
        cases.append({"id": id_, "fn": "quote_total", "args": [card, start, end, {**opts, "mode": "best"}],
                      "expect": total})
    for id_, planned, actual, opts in LATE:
        full = {**RATES, **opts}
        cases.append({"id": id_, "fn": "late_fee", "args": [planned, actual, full], "expect": late_fee(planned, actual, full)})
    cases.append({"id": "late-bad-variant", "fn": "late_fee",
                  "args": ["2024-02-05T10:00:00Z", "2024-02-06T10:00:00Z", {**RATES, "variant": "lenient"}],
                  "error": "invalid_quote"})
    cases.append({"id": "late-bad-rate", "fn": "late_fee",
                  "args": ["2024-02-05T10:00:00Z", "2024-02-06T10:00:00Z", {**RATES, "extra_daily": "seventy"}],
                  "error": "invalid_quote"})
    return {
        "area": "pricing",
        "about": "Rental prices. Expected values come from reference/pricing.py (Odoo's rules with Fraction, "
                 "zoneinfo and dateutil.relativedelta; best mode by brute force), not from fleetgate. quote: args "
                 "[card {rules, currency?, list_price?, pricelist_rules?}, start, end, options {mode, pricelist?, "
                 "tz?}]; quote_total: the same, expecting total_minor; late_fee: [planned, actual, options].",
        "cases": cases,
    }


if __name__ == "__main__":
    sys.exit(write_or_check(VECTORS, build()))
