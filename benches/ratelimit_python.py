"""Rate-limit decisions per second through Python: fleetgate next to the `limits` package (memory storage), in the
same run. All limit 10 requests per hour per key.

    PROFILE=release scripts/build.sh && .venv/bin/python benches/ratelimit_python.py
"""

from __future__ import annotations

import platform
import time
from typing import Callable

import limits
from limits import storage, strategies

from fleetgate import ratelimit

ONE_KEY_CALLS = 300_000
MANY = 1_000_000
KEYS = [f"10.{i >> 16}.{(i >> 8) & 255}.{i & 255}" for i in range(MANY)]


def measure(name: str, calls: int, body: Callable[[int], None]) -> None:
    body(min(calls, 10_000))  # warm up
    start = time.perf_counter()
    body(calls)
    seconds = time.perf_counter() - start
    print(f"| {name} | {seconds / calls * 1e9:.0f} ns | {calls / seconds / 1e6:.2f} M/s |")


def fleetgate_one(algorithm: str) -> Callable[[int], None]:
    limiter = ratelimit.Limiter(limit=10, period=3600, algorithm=algorithm)
    return lambda n: [limiter.check("203.0.113.7") for _ in range(n)] and None


def fleetgate_many() -> Callable[[int], None]:
    limiter = ratelimit.Limiter(limit=10, period=3600)
    return lambda n: [limiter.check(KEYS[i]) for i in range(n)] and None


def limits_strategy(cls: type, many: bool) -> Callable[[int], None]:
    limiter = cls(storage.MemoryStorage())
    item = limits.parse("10/hour")
    if many:
        return lambda n: [limiter.hit(item, KEYS[i]) for i in range(n)] and None
    return lambda n: [limiter.hit(item, "203.0.113.7") for _ in range(n)] and None


if __name__ == "__main__":
    print(f"Python {platform.python_version()}, limits {limits.__version__}; 10 per hour per key\n")
    print("| decision | time per decision | throughput |\n|---|---|---|")
    measure("fleetgate Limiter (GCRA), one key", ONE_KEY_CALLS, fleetgate_one("gcra"))
    measure("fleetgate Limiter (sliding log), one key", ONE_KEY_CALLS, fleetgate_one("sliding_log"))
    measure("limits MovingWindowRateLimiter, one key", ONE_KEY_CALLS, limits_strategy(strategies.MovingWindowRateLimiter, False))
    measure("limits FixedWindowRateLimiter, one key", ONE_KEY_CALLS, limits_strategy(strategies.FixedWindowRateLimiter, False))
    measure("fleetgate Limiter (GCRA), 1M distinct keys", MANY, fleetgate_many())
    measure("limits MovingWindowRateLimiter, 1M distinct keys", MANY, limits_strategy(strategies.MovingWindowRateLimiter, True))
    measure("limits FixedWindowRateLimiter, 1M distinct keys", MANY, limits_strategy(strategies.FixedWindowRateLimiter, True))
