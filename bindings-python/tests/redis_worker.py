"""A worker process of the mixed-language Redis tests (bindings-node/__test__/redis-limiter.test.mjs and
test_redis_limiter.py): one RedisLimiter on one key, one JSON line per decision on stdout ({allowed, reason, at}).
Runs `count` checks, or until stdin closes when count is 0.

    python redis_worker.py URL sync|async KEY OPTIONS_JSON COUNT PACE_MS
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import threading
import time

import redis
import redis.asyncio

from fleetgate import ratelimit


def main() -> None:
    url, kind, key, options_json, count_text, pace_text = sys.argv[1:7]
    options = json.loads(options_json)
    count, pace = int(count_text), float(pace_text) / 1000
    stop = threading.Event()
    if count == 0:
        threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()

    def more(i: int) -> bool:
        return not stop.is_set() if count == 0 else i < count

    def emit(d: ratelimit.Decision) -> None:
        sys.stdout.write(json.dumps({"allowed": d.allowed, "reason": d.reason, "at": d.at}) + "\n")
        sys.stdout.flush()

    if kind == "sync":
        limiter = ratelimit.RedisLimiter(redis.Redis.from_url(url), **options)
        i = 0
        while more(i):
            emit(limiter.check(key))
            i += 1
            if pace:
                time.sleep(pace)
    else:

        async def run() -> None:
            client = redis.asyncio.Redis.from_url(url)
            limiter = ratelimit.AsyncRedisLimiter(client, **options)
            i = 0
            while more(i):
                emit(await limiter.check(key))
                i += 1
                if pace:
                    await asyncio.sleep(pace)
            await client.aclose()

        asyncio.run(run())
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
