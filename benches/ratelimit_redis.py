"""Per-decision latency of a Redis-backed limiter through Python: fleetgate's ratelimit.RedisLimiter (redis-py,
sliding log and GCRA) and AsyncRedisLimiter (redis.asyncio) next to the `limits` package with its Redis storage
(moving window and fixed window), in the same run, against one local redis-server. Decisions one at a time.
10 requests per hour per key; "one key" is mostly denials, "distinct keys" all admissions.

    PROFILE=release scripts/build.sh && REDIS_URL=redis://127.0.0.1:6379/ .venv/bin/python benches/ratelimit_redis.py
"""

from __future__ import annotations

import asyncio
import os
import platform
import time
from typing import Callable

import redis
import redis.asyncio
from limits import parse, storage, strategies

from fleetgate import ratelimit

URL = os.environ.get("REDIS_URL") or os.environ.get("FLEETGATE_REDIS_URL") or "redis://127.0.0.1:6379/"
CALLS = int(os.environ.get("CALLS", "20000"))
RUN = f"{os.getpid()}-{time.time_ns()}"
ROUNDS = int(os.environ.get("ROUNDS", "3"))
BEST: dict[str, tuple[float, float]] = {}  # the best of ROUNDS interleaved rounds


def record(name: str, one: float, distinct: float) -> None:
    prev = BEST.get(name, (float("inf"), float("inf")))
    BEST[name] = (min(prev[0], one), min(prev[1], distinct))


def measure(name: str, check: Callable[[str], object], run: str) -> None:
    for i in range(2000):
        check(f"warm-{run}-{i % 50}")
    start = time.perf_counter()
    for _ in range(CALLS):
        check(f"one-{run}")
    one = (time.perf_counter() - start) / CALLS * 1e6
    start = time.perf_counter()
    for i in range(CALLS):
        check(f"k-{run}-{i}")
    distinct = (time.perf_counter() - start) / CALLS * 1e6
    record(name, one, distinct)


async def measure_async(name: str, limiter: ratelimit.AsyncRedisLimiter, run: str) -> None:
    for i in range(2000):
        await limiter.check(f"warm-{run}-{i % 50}")
    start = time.perf_counter()
    for _ in range(CALLS):
        await limiter.check(f"one-{run}")
    one = (time.perf_counter() - start) / CALLS * 1e6
    start = time.perf_counter()
    for i in range(CALLS):
        await limiter.check(f"k-{run}-{i}")
    distinct = (time.perf_counter() - start) / CALLS * 1e6
    record(name, one, distinct)


def main() -> None:
    print(f"CPython {platform.python_version()}; {CALLS} decisions each; {URL}; best of {ROUNDS} rounds\n")
    client = redis.Redis.from_url(URL)
    item = parse("10/hour")
    store = storage.storage_from_string(URL)
    moving = strategies.MovingWindowRateLimiter(store)
    fixed = strategies.FixedWindowRateLimiter(store)
    for r in range(ROUNDS):
        run = f"{RUN}-{r}"
        for algorithm in ("sliding_log", "gcra"):
            limiter = ratelimit.RedisLimiter(client, limit=10, period=3600, algorithm=algorithm, prefix=f"bench-{run}")
            measure(f"fleetgate RedisLimiter {algorithm}, redis-py", lambda key, lim=limiter: lim.check(key), run)
        measure("limits MovingWindowRateLimiter, RedisStorage (hit)", lambda key: moving.hit(item, "m", run, key), run)
        measure("limits FixedWindowRateLimiter, RedisStorage (hit)", lambda key: fixed.hit(item, "f", run, key), run)

        async def run_async() -> None:
            aclient = redis.asyncio.Redis.from_url(URL)
            limiter = ratelimit.AsyncRedisLimiter(aclient, limit=10, period=3600, prefix=f"bench-a-{run}")
            await measure_async("fleetgate AsyncRedisLimiter sliding_log, redis.asyncio", limiter, run)
            await aclient.aclose()

        asyncio.run(run_async())
    print("| limiter | one key | distinct keys |\n|---|---|---|")
    for name, (one, distinct) in BEST.items():
        print(f"| {name} | {one:.1f} µs | {distinct:.1f} µs |")


if __name__ == "__main__":
    main()
