#!/usr/bin/env python3
"""Independent reference for core/tests/vectors/retry.json.

Backoff: the spec's formulas (full jitter rand(0, min(cap, base*2^(attempt-1))), equal jitter, decorrelated
min(cap, rand(base, prev*3)), constant) over SplitMix64 as published by Steele, Lea and Flood (the constants of
Java's SplittableRandom), mapped to a range by 128-bit multiply-shift. Retry-After: ``datetime.strptime`` with the
three HTTP-date formats of RFC 9110 and ``calendar.timegm``. Retryable: the spec's status and method tables.

    python3 core/tests/vectors/reference/retry.py [--check]
"""

from __future__ import annotations

import calendar
import re
import sys
from datetime import datetime, timezone

from vectorfile import Rejected, write

MASK = (1 << 64) - 1
KINDS = {"full_jitter", "equal_jitter", "decorrelated", "constant"}


class SplitMix64:
    def __init__(self, seed: int) -> None:
        self.state = seed & MASK

    def next(self) -> int:
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def uniform(self, low: int, high: int) -> int:
        return low + ((self.next() * (high - low + 1)) >> 64)


def us(seconds: float) -> int:
    return round(seconds * 1_000_000)


class Policy:
    def __init__(self, c: dict) -> None:
        if c["kind"] not in KINDS:
            raise Rejected("invalid_backoff")
        self.kind, self.base, self.cap = c["kind"], us(c["base"]), us(c["cap"])
        self.max_attempts = c["max_attempts"]
        self.max_elapsed = None if c.get("max_elapsed") is None else us(c["max_elapsed"])
        if self.base < 1 or self.cap < self.base or self.max_attempts < 1 or (self.max_elapsed or 0) < 0:
            raise Rejected("invalid_backoff")
        self.rng = SplitMix64(c["seed"])
        self.prev = self.base
        self.elapsed = 0

    def next(self, attempt: int, retry_after: float | None) -> float | None:
        if attempt >= self.max_attempts:
            return None
        v = min(self.cap, self.base * 2 ** (attempt - 1))
        if retry_after is not None:
            d = min(max(us(retry_after), 0), self.cap)
        elif self.kind == "full_jitter":
            d = self.rng.uniform(0, v)
        elif self.kind == "equal_jitter":
            d = v // 2 + self.rng.uniform(0, v - v // 2)
        elif self.kind == "decorrelated":
            d = min(self.cap, self.rng.uniform(self.base, max(self.base, self.prev * 3)))
        else:
            d = self.base
        if self.max_elapsed is not None and self.elapsed + d > self.max_elapsed:
            return None
        self.elapsed += d
        self.prev = d
        return d / 1_000_000


def delays(config: dict) -> list:
    p, out, attempt = Policy(config), [], 1
    while (d := p.next(attempt, None)) is not None:
        out.append(d)
        attempt += 1
    return out


def next_delays(config: dict, calls: list) -> list:
    p = Policy(config)
    return [p.next(attempt, retry_after) for attempt, retry_after in calls]


def http_date(value: str, now: int) -> int | None:
    v = " ".join(value.split())
    for fmt in ("%a, %d %b %Y %H:%M:%S GMT", "%A, %d-%b-%y %H:%M:%S GMT", "%a %b %d %H:%M:%S %Y"):
        try:
            dt = datetime.strptime(v, fmt)
        except ValueError:
            continue
        if "%y" in fmt:  # RFC 9110: a two-digit year more than 50 years ahead is in the past century
            now_year = datetime.fromtimestamp(now, timezone.utc).year
            year = now_year - now_year % 100 + dt.year % 100
            if year > now_year + 50:
                year -= 100
            elif year + 100 <= now_year + 50:
                year += 100
            dt = dt.replace(year=year)
        return calendar.timegm(dt.timetuple())
    return None


def parse_retry_after(value: str, now: int) -> float:
    v = value.strip(" \t")
    if re.fullmatch(r"[0-9]+", v):
        return float(int(v))
    at = http_date(v, now)
    if at is None or not re.fullmatch(r"[A-Za-z]{3,9},? [0-9 A-Za-z:-]+", v):
        raise Rejected("invalid_retry_after")
    return float(max(0, at - now))


IDEMPOTENT = {"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"}
RETRYABLE = {408, 425, 429, 500, 502, 503, 504}


def is_retryable(status: int | None, method: str, idempotency_key: bool) -> bool:
    if not re.fullmatch(r"[A-Za-z0-9!#$%&'*+.^_`|~-]+", method):
        raise Rejected("invalid_method")
    if status is not None and not 100 <= status <= 599:
        raise Rejected("invalid_status")
    return (status is None or status in RETRYABLE) and (idempotency_key or method in IDEMPOTENT)


def cfg(kind: str, **kw) -> dict:
    return {"kind": kind, "base": 0.1, "cap": 10.0, "max_attempts": 6, "max_elapsed": None, "seed": 42, **kw}


NOW = 1_763_700_000  # 2025-11-21 04:40:00 UTC
CASES = [
    ("full-jitter", "delays", [cfg("full_jitter")]),
    ("full-jitter-other-seed", "delays", [cfg("full_jitter", seed=7)]),
    ("full-jitter-cap", "delays", [cfg("full_jitter", cap=0.5, max_attempts=10)]),
    ("equal-jitter", "delays", [cfg("equal_jitter")]),
    ("decorrelated", "delays", [cfg("decorrelated", max_attempts=8)]),
    ("decorrelated-cap", "delays", [cfg("decorrelated", cap=0.3, max_attempts=8)]),
    ("constant", "delays", [cfg("constant", base=0.5, max_attempts=4)]),
    ("max-elapsed-budget", "delays", [cfg("constant", base=1.5, max_attempts=10, max_elapsed=5)]),
    ("single-attempt-no-retry", "delays", [cfg("full_jitter", max_attempts=1)]),
    ("large-seed", "delays", [cfg("full_jitter", seed=2**53 - 1)]),  # the largest seed a JS number holds
    ("unknown-kind", "delays", [cfg("linear")]),
    ("cap-below-base", "delays", [cfg("full_jitter", base=2.0, cap=1.0)]),
    ("zero-base", "delays", [cfg("full_jitter", base=0.0)]),
    ("zero-attempts", "delays", [cfg("full_jitter", max_attempts=0)]),
    ("retry-after-overrides", "next_delays", [cfg("full_jitter"), [[1, None], [2, 3.0], [3, None]]]),
    ("retry-after-capped", "next_delays", [cfg("constant", cap=10.0), [[1, 60.0]]]),
    ("retry-after-budget", "next_delays", [cfg("constant", max_elapsed=30.0), [[1, 9.0], [2, 9.0], [3, 9.0],
                                                                                [4, 9.0]]]),
    ("attempts-exhausted", "next_delays", [cfg("constant", max_attempts=3), [[1, None], [2, None], [3, None]]]),
    ("ra-delta", "parse_retry_after", ["120", NOW]),
    ("ra-delta-zero", "parse_retry_after", ["0", NOW]),
    ("ra-delta-spaces", "parse_retry_after", [" 30 ", NOW]),
    ("ra-imf-fixdate", "parse_retry_after", ["Fri, 21 Nov 2025 04:42:00 GMT", NOW]),
    ("ra-rfc850", "parse_retry_after", ["Friday, 21-Nov-25 04:41:30 GMT", NOW]),
    ("ra-asctime", "parse_retry_after", ["Fri Nov 21 04:40:05 2025", NOW]),
    ("ra-asctime-padded-day", "parse_retry_after", ["Sat Nov  1 00:00:00 2025", NOW - 86400 * 40]),
    ("ra-past-date-is-zero", "parse_retry_after", ["Sun, 06 Nov 1994 08:49:37 GMT", NOW]),
    ("ra-rfc850-old-year", "parse_retry_after", ["Sunday, 06-Nov-94 08:49:37 GMT", NOW]),
    ("ra-leap-day", "parse_retry_after", ["Thu, 29 Feb 2028 00:00:00 GMT", NOW]),
    ("ra-negative", "parse_retry_after", ["-5", NOW]),
    ("ra-fraction", "parse_retry_after", ["1.5", NOW]),
    ("ra-empty", "parse_retry_after", ["", NOW]),
    ("ra-garbage", "parse_retry_after", ["soon", NOW]),
    ("ra-bad-month", "parse_retry_after", ["Fri, 21 Foo 2025 04:42:00 GMT", NOW]),
    ("ra-bad-day", "parse_retry_after", ["Sat, 31 Nov 2025 04:42:00 GMT", NOW]),
    ("ra-not-gmt", "parse_retry_after", ["Fri, 21 Nov 2025 04:42:00 PST", NOW]),
    ("get-503", "is_retryable", [503, "GET", False]),
    ("get-429", "is_retryable", [429, "GET", False]),
    ("get-408", "is_retryable", [408, "GET", False]),
    ("get-425", "is_retryable", [425, "GET", False]),
    ("get-404-never", "is_retryable", [404, "GET", False]),
    ("get-400-never", "is_retryable", [400, "GET", False]),
    ("get-501-no", "is_retryable", [501, "GET", False]),
    ("get-200-no", "is_retryable", [200, "GET", False]),
    ("put-502", "is_retryable", [502, "PUT", False]),
    ("delete-504", "is_retryable", [504, "DELETE", False]),
    ("post-503-not-idempotent", "is_retryable", [503, "POST", False]),
    ("post-503-with-key", "is_retryable", [503, "POST", True]),
    ("patch-500-with-key", "is_retryable", [500, "PATCH", True]),
    ("post-404-with-key-never", "is_retryable", [404, "POST", True]),
    ("connect-error-get", "is_retryable", [None, "GET", False]),
    ("connect-error-post", "is_retryable", [None, "POST", False]),
    ("lowercase-method-not-get", "is_retryable", [503, "get", False]),
    ("status-out-of-range", "is_retryable", [600, "GET", False]),
    ("status-too-small", "is_retryable", [99, "GET", False]),
    ("method-empty", "is_retryable", [503, "", False]),
    ("method-space", "is_retryable", [503, "GE T", False]),
]

ABOUT = ("Backoff schedules (seconds), Retry-After parsing (seconds to wait from `now`, unix seconds) and "
         "retryability. Expected values come from reference/retry.py (the spec's formulas over SplitMix64, "
         "datetime.strptime for HTTP-dates), not from fleetgate.")

if __name__ == "__main__":
    sys.exit(write("retry", ABOUT, CASES, {"delays": delays, "next_delays": next_delays,
                                           "parse_retry_after": parse_retry_after, "is_retryable": is_retryable}))
