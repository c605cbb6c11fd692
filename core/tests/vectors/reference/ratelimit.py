#!/usr/bin/env python3
"""Independent reference for core/tests/vectors/ratelimit.json.

Written from the spec text, not from fleetgate: the GCRA keeps TAT as an exact ``Fraction`` of seconds and checks
``now < TAT - tau`` literally; the sliding log is a plain list of timestamps counted over the window. ``remaining``
and ``retry_after`` are found by *simulation* (how many cost-1 requests a copy of the state would still admit now;
the first microsecond at which a copy would admit the request), not by the closed formulas fleetgate uses.
Quotas are chosen so that period / limit is a whole number of microseconds (fleetgate rounds T up otherwise).

    python3 core/tests/vectors/reference/ratelimit.py [--check]
"""

from __future__ import annotations

import copy
import math
import sys
from fractions import Fraction

from vectorfile import Rejected, write

US = Fraction(1, 1_000_000)


class Gcra:
    def __init__(self, limit: int, period: Fraction, burst: int) -> None:
        self.t = period / limit
        self.tau = self.t * (burst - 1)
        self.burst = burst
        self.tat: dict[str, Fraction] = {}

    def admits(self, key: str, now: Fraction, cost: int) -> bool:
        # cost n = n back-to-back requests of cost 1, all or nothing
        trial = copy.deepcopy(self.tat)
        for _ in range(cost):
            tat = trial.get(key, now)
            if now < tat - self.tau:
                return False
            trial[key] = max(tat, now) + self.t
        return True

    def apply(self, key: str, now: Fraction, cost: int) -> None:
        for _ in range(cost):
            self.tat[key] = max(self.tat.get(key, now), now) + self.t

    def reset(self, key: str, now: Fraction) -> Fraction:
        return max(Fraction(0), self.tat.get(key, now) - now)


class SlidingLog:
    def __init__(self, limit: int, period: Fraction) -> None:
        self.limit, self.period = limit, period
        self.log: dict[str, list[Fraction]] = {}

    def in_window(self, key: str, now: Fraction) -> list[Fraction]:
        return [t for t in self.log.get(key, []) if now - t < self.period]

    def admits(self, key: str, now: Fraction, cost: int) -> bool:
        return len(self.in_window(key, now)) + cost <= self.limit

    def apply(self, key: str, now: Fraction, cost: int) -> None:
        self.log[key] = self.in_window(key, now) + [now] * cost

    def reset(self, key: str, now: Fraction) -> Fraction:
        live = self.in_window(key, now)
        return max(live) + self.period - now if live else Fraction(0)


class Quotas:
    """Several quotas on one key: a request is admitted only if every quota admits it, and then counts in all."""

    def __init__(self, parts: list) -> None:
        self.parts = parts
        self.limit = min(p.burst if isinstance(p, Gcra) else p.limit for p in parts)  # the largest cost any admits

    def admits(self, key: str, now: Fraction, cost: int) -> bool:
        return all(p.admits(key, now, cost) for p in self.parts)

    def apply(self, key: str, now: Fraction, cost: int) -> None:
        for p in self.parts:
            p.apply(key, now, cost)

    def reset(self, key: str, now: Fraction) -> Fraction:
        return max(p.reset(key, now) for p in self.parts)


def first_admit(limiter, key: str, now: Fraction, cost: int) -> int:
    """The first whole microsecond from `now` at which `limiter` would admit the request (binary search)."""
    lo, hi = 0, 10**13
    while lo < hi:
        mid = (lo + hi) // 2
        if limiter.admits(key, now + mid * US, cost):
            hi = mid
        else:
            lo = mid + 1
    return lo


def make_options(options: dict) -> Gcra | SlidingLog | Quotas:
    """A limiter from the options a user passes to `Limiter(...)`: the algorithm defaults to the sliding log
    ("10 per hour" means at most 10 in any hour), limit / period to 10 per 3600 s, or `quotas` instead."""
    algorithm = options.get("algorithm", "sliding_log")
    if "quotas" in options:
        if not options["quotas"] or len(options["quotas"]) > 16 or {"limit", "period", "burst"} & options.keys():
            raise Rejected("invalid_quota")
        return Quotas([make({"burst": None, **q, "algorithm": algorithm}) for q in options["quotas"]])
    return make({"limit": 10, "period": 3600, "burst": None, **options, "algorithm": algorithm})


def make(config: dict) -> Gcra | SlidingLog:
    limit, period, burst = config["limit"], config["period"], config.get("burst")
    if limit < 1 or period <= 0 or (burst is not None and burst < 1):
        raise Rejected("invalid_quota")
    period = Fraction(str(period))
    if config["algorithm"] == "gcra":
        return Gcra(limit, period, burst or limit)
    if config["algorithm"] == "sliding_log" and burst in (None, limit):  # the log has no burst of its own
        return SlidingLog(limit, period)
    raise Rejected("invalid_quota")


def ceil_s(x: Fraction) -> int:
    return math.ceil(x)


def decide(limiter: Gcra | SlidingLog, key: str, now: Fraction, cost: int) -> dict:
    max_cost = limiter.burst if isinstance(limiter, Gcra) else limiter.limit
    if cost < 1 or cost > max_cost:
        raise Rejected("invalid_cost")
    allowed = limiter.admits(key, now, cost)
    retry_after = Fraction(0)
    denied_by = None
    if allowed:
        limiter.apply(key, now, cost)
    else:
        # the first whole microsecond at which the same request would be admitted
        retry_after = first_admit(limiter, key, now, cost) * US
        if isinstance(limiter, Quotas):
            # the quota that denied and frees last (the first of those on ties)
            waits = [first_admit(p, key, now, cost) for p in limiter.parts]
            denied_by = waits.index(max(waits))
    probe = copy.deepcopy(limiter)
    remaining = 0
    while probe.admits(key, now, 1):
        probe.apply(key, now, 1)
        remaining += 1
    out = {"allowed": allowed, "remaining": remaining, "retry_after": ceil_s(retry_after),
           "reset": ceil_s(limiter.reset(key, now))}
    if isinstance(limiter, Quotas):
        out["denied_by"] = denied_by
    return out


def limiter_options(options: dict, requests: list) -> list:
    lim = make_options(options)
    return [{"denied_by": None, **decide(lim, key, Fraction(str(now)), cost)} for key, now, cost in requests]


def limiter(config: dict, requests: list) -> list:
    lim = make(config)
    return [decide(lim, key, Fraction(str(now)), cost) for key, now, cost in requests]


def headers(config: dict, requests: list, legacy: bool) -> list:
    last = limiter(config, requests)[-1]
    period = math.ceil(Fraction(str(config["period"])))
    out = [["RateLimit-Policy", f'"default";q={config["limit"]};w={period}'],
           ["RateLimit", f'"default";r={last["remaining"]};t={last["reset"]}']]
    if not last["allowed"]:
        out.append(["Retry-After", str(last["retry_after"])])
    if legacy:
        out += [["X-RateLimit-Limit", str(config["limit"])], ["X-RateLimit-Remaining", str(last["remaining"])],
                ["X-RateLimit-Reset", str(last["reset"])]]
    return out


def gcra_step(config: dict, state_us: int, now: float, cost: int) -> dict:
    lim = make(config)
    assert isinstance(lim, Gcra)
    now_f = Fraction(str(now))
    if state_us and state_us * US > now_f:
        lim.tat["k"] = state_us * US
    out = decide(lim, "k", now_f, cost)
    tat = lim.tat.get("k")
    out["state"] = int(tat / US) if tat is not None and tat > now_f or out["allowed"] else state_us
    return out


def redis_reply(config: dict, reply: list, cost: int) -> dict:
    allowed, now_us, before_us = reply
    out = gcra_step(config, before_us, float(Fraction(now_us, 1_000_000)), cost)
    if bool(allowed) != out["allowed"]:
        raise Rejected("invalid_state")
    del out["state"]
    return out


HOUR = {"limit": 10, "period": 3600, "burst": None, "algorithm": "gcra"}
LOG = {"limit": 10, "period": 3600, "burst": None, "algorithm": "sliding_log"}
SMALL = {"limit": 3, "period": 30, "burst": None, "algorithm": "gcra"}
BURSTY = {"limit": 2, "period": 10, "burst": 5, "algorithm": "gcra"}
SMALL_LOG = {"limit": 3, "period": 30, "burst": None, "algorithm": "sliding_log"}
T0 = 1_700_000_000

CASES = [
    ("gcra-10-per-hour-burst-then-deny", "limiter", [HOUR, [["a", T0, 1]] * 11]),
    ("gcra-refills-one-per-interval", "limiter",
     [HOUR, [["a", T0, 1]] * 10 + [["a", T0 + 359, 1], ["a", T0 + 360, 1], ["a", T0 + 360, 1]]]),
    ("gcra-19-in-a-rolling-hour", "limiter",
     [HOUR, [["a", T0, 1]] * 10 + [["a", T0 + 360 * i, 1] for i in range(1, 10)] + [["a", T0 + 3599, 1]]]),
    ("gcra-keys-are-independent", "limiter", [SMALL, [["a", T0, 1]] * 4 + [["b", T0, 1]]]),
    ("gcra-fractional-now", "limiter",
     [SMALL, [["a", T0 + 0.25, 1], ["a", T0 + 0.5, 1], ["a", T0 + 0.75, 1], ["a", T0 + 1.0, 1],
              ["a", T0 + 10.25, 1], ["a", T0 + 10.5, 1]]]),
    ("gcra-cost-2", "limiter", [SMALL, [["a", T0, 2], ["a", T0, 2], ["a", T0 + 10, 2], ["a", T0 + 20, 2]]]),
    ("gcra-burst-above-limit", "limiter",
     [BURSTY, [["a", T0, 1]] * 6 + [["a", T0 + 4, 1], ["a", T0 + 5, 1], ["a", T0 + 5, 1]]]),
    ("gcra-burst-cost", "limiter", [BURSTY, [["a", T0, 5], ["a", T0 + 5, 1], ["a", T0 + 5, 1]]]),
    ("gcra-idle-key-full-again", "limiter", [SMALL, [["a", T0, 1]] * 3 + [["a", T0 + 30, 1]] * 4]),
    ("gcra-cost-above-burst", "limiter", [SMALL, [["a", T0, 4]]]),
    ("gcra-cost-zero", "limiter", [SMALL, [["a", T0, 0]]]),
    ("quota-limit-zero", "limiter", [{**SMALL, "limit": 0}, [["a", T0, 1]]]),
    ("quota-burst-zero", "limiter", [{**SMALL, "burst": 0}, [["a", T0, 1]]]),
    ("quota-period-zero", "limiter", [{**SMALL, "period": 0}, [["a", T0, 1]]]),
    ("quota-unknown-algorithm", "limiter", [{**SMALL, "algorithm": "token_bucket"}, [["a", T0, 1]]]),
    ("log-burst-not-allowed", "limiter", [{**SMALL_LOG, "burst": 5}, [["a", T0, 1]]]),
    ("log-burst-equal-to-limit-is-no-burst", "limiter", [{**SMALL_LOG, "burst": 3}, [["a", T0, 1]]]),
    ("log-10-per-hour", "limiter", [LOG, [["a", T0 + i, 1] for i in range(11)]]),
    ("log-never-more-than-n-in-window", "limiter",
     [SMALL_LOG, [["a", T0, 1], ["a", T0 + 10, 1], ["a", T0 + 20, 1], ["a", T0 + 29, 1], ["a", T0 + 30, 1],
                  ["a", T0 + 30, 1], ["a", T0 + 39.5, 1], ["a", T0 + 40, 1]]]),
    ("log-cost", "limiter", [SMALL_LOG, [["a", T0, 2], ["a", T0 + 5, 2], ["a", T0 + 5, 1], ["a", T0 + 30, 2]]]),
    ("log-cost-above-limit", "limiter", [SMALL_LOG, [["a", T0, 4]]]),
    ("log-keys-are-independent", "limiter", [SMALL_LOG, [["a", T0, 3], ["a", T0, 1], ["b", T0, 1]]]),
    ("headers-allowed", "headers", [HOUR, [["a", T0, 1]], False]),
    ("headers-denied", "headers", [HOUR, [["a", T0, 1]] * 11, False]),
    ("headers-denied-legacy", "headers", [SMALL, [["a", T0, 1]] * 4, True]),
    ("headers-log-legacy", "headers", [SMALL_LOG, [["a", T0, 1], ["a", T0 + 12.5, 1]], True]),
    ("step-empty-state", "gcra_step", [HOUR, 0, T0, 1]),
    ("step-full-state-denied", "gcra_step", [SMALL, (T0 + 30) * 1_000_000, T0, 1]),
    ("step-partial-state", "gcra_step", [SMALL, (T0 + 15) * 1_000_000, T0, 1]),
    ("step-stale-state", "gcra_step", [SMALL, (T0 - 100) * 1_000_000, T0, 1]),
    ("step-cost-above-burst", "gcra_step", [SMALL, 0, T0, 9]),
    # The options as users pass them: the default algorithm is the sliding log, and several quotas at once.
    ("default-is-the-sliding-log-one-a-minute", "limiter_options",
     [{"limit": 10, "period": 3600}, [["a", T0 + 60 * i, 1] for i in range(70)]]),
    ("default-quota-10-per-hour", "limiter_options", [{}, [["a", T0, 1]] * 11]),
    ("gcra-by-name-admits-19-in-an-hour", "limiter_options",
     [{"limit": 10, "period": 3600, "algorithm": "gcra"}, [["a", T0 + 60 * i, 1] for i in range(60)]]),
    ("quotas-3-per-minute-10-per-hour", "limiter_options",
     [{"quotas": [{"limit": 3, "period": 60}, {"limit": 10, "period": 3600}]},
      [["a", T0 + 10 * i, 1] for i in range(30)] + [["a", T0 + 3599, 1], ["a", T0 + 3600, 1], ["b", T0, 1]]]),
    ("quotas-denied-consumes-nothing", "limiter_options",
     [{"quotas": [{"limit": 2, "period": 10}, {"limit": 3, "period": 100}]},
      [["a", T0, 1], ["a", T0, 1], ["a", T0 + 1, 1], ["a", T0 + 10, 1], ["a", T0 + 10, 1], ["a", T0 + 20, 1]]]),
    ("quotas-cost", "limiter_options",
     [{"quotas": [{"limit": 3, "period": 60}, {"limit": 4, "period": 3600}]},
      [["a", T0, 2], ["a", T0 + 1, 2], ["a", T0 + 60, 2], ["a", T0 + 61, 1], ["a", T0 + 62, 1]]]),
    ("quotas-cost-above-the-smallest-limit", "limiter_options",
     [{"quotas": [{"limit": 5, "period": 60}, {"limit": 4, "period": 3600}]}, [["a", T0, 5]]]),
    ("quotas-gcra", "limiter_options",
     [{"quotas": [{"limit": 2, "period": 10}, {"limit": 5, "period": 100}], "algorithm": "gcra"},
      [["a", T0 + 2 * i, 1] for i in range(20)]]),
    ("quotas-empty", "limiter_options", [{"quotas": []}, [["a", T0, 1]]]),
    ("quotas-with-limit", "limiter_options", [{"limit": 3, "quotas": [{"limit": 3, "period": 60}]}, [["a", T0, 1]]]),
    ("quotas-limit-zero", "limiter_options", [{"quotas": [{"limit": 0, "period": 60}]}, [["a", T0, 1]]]),
    ("redis-reply-allowed", "redis_reply", [SMALL, [1, T0 * 1_000_000, (T0 + 10) * 1_000_000], 1]),
    ("redis-reply-denied", "redis_reply", [SMALL, [0, T0 * 1_000_000, (T0 + 30) * 1_000_000], 1]),
    ("redis-reply-disagrees", "redis_reply", [SMALL, [1, T0 * 1_000_000, (T0 + 30) * 1_000_000], 1]),
]

ABOUT = ("Rate-limit decisions with explicit `now` (unix seconds). Each `limiter` case runs its requests "
         "[key, now, cost] through a fresh limiter and expects every decision {allowed, remaining, retry_after, "
         "reset} (seconds, rounded up). Expected values come from reference/ratelimit.py (the spec's GCRA in exact "
         "fractions and a literal sliding log, remaining and retry_after found by simulation), not from fleetgate.")

if __name__ == "__main__":
    sys.exit(write("ratelimit", ABOUT, CASES, {"limiter": limiter, "headers": headers, "gcra_step": gcra_step,
                                               "redis_reply": redis_reply, "limiter_options": limiter_options}))
