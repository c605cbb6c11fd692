"""ratelimit.RedisLimiter (redis-py) and AsyncRedisLimiter (redis.asyncio) against real redis-servers: the shared
one of scripts/test.sh (FLEETGATE_REDIS_URL) and, for the failure tests, private ones started and stopped here.
Without FLEETGATE_REDIS_URL these tests fail: they must not pass silently when Redis is missing. The multi-process,
mixed-language tests are in bindings-node/__test__/redis-limiter.test.mjs (they run tests/redis_worker.py)."""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from typing import Any

import pytest
import redis
import redis.asyncio

from fleetgate import RateLimitError, ratelimit

CASES: list[dict[str, Any]] = [
    {"limit": 5, "period": 0.2},
    {"limit": 5, "period": 0.2, "algorithm": "gcra"},
    {"quotas": [{"limit": 3, "period": 0.05}, {"limit": 8, "period": 0.4}]},
    {"quotas": [{"limit": 3, "period": 0.05}, {"limit": 8, "period": 0.4}], "algorithm": "gcra"},
]


def url() -> str:
    value = os.environ.get("FLEETGATE_REDIS_URL")
    assert value, "FLEETGATE_REDIS_URL must point at a redis-server (scripts/test.sh starts one on 127.0.0.1)"
    return value


def fresh(name: str) -> str:
    return f"{name}-{os.getpid()}-{time.monotonic_ns()}"


def view(d: ratelimit.Decision) -> tuple[Any, ...]:
    return (d.allowed, d.remaining, d.retry_after, d.reset, d.denied_by, d.reason, d.headers)


def cost(i: int) -> int:
    return 2 if i % 5 == 3 else 1


def replay(recorded: list[ratelimit.Decision], options: dict[str, Any]) -> None:
    memory = ratelimit.Limiter(**options)
    for i, got in enumerate(recorded):
        assert got.reason is None
        want = memory.check("k", now=got.at, cost=cost(i))
        assert view(got) == view(want), f"{options}: decision {i}"
    allowed = sum(d.allowed for d in recorded)
    assert 0 < allowed < len(recorded), f"{options}: both outcomes ({allowed} allowed)"
    if "quotas" in options:
        assert {d.denied_by for d in recorded} >= {0, 1}, f"{options}: each quota denies some"


@pytest.mark.parametrize("options", CASES)
def test_sync_limiter_agrees_with_memory(options: dict[str, Any]) -> None:
    client = redis.Redis.from_url(url())
    client.script_flush()  # the first EVALSHA answers NOSCRIPT: the limiter loads the script with EVAL
    limiter = ratelimit.RedisLimiter(client, prefix="fleetgate-test", **options)
    key = fresh("recorded")
    recorded = []
    for i in range(80):
        recorded.append(limiter.check(key, cost(i)))
        if i % 10 >= 7:
            time.sleep(0.025)
    replay(recorded, options)


@pytest.mark.parametrize("options", CASES)
def test_async_limiter_agrees_with_memory(options: dict[str, Any]) -> None:
    async def run() -> list[ratelimit.Decision]:
        client = redis.asyncio.Redis.from_url(url())
        await client.script_flush()
        limiter = ratelimit.AsyncRedisLimiter(client, prefix="fleetgate-test", **options)
        key = fresh("recorded")
        out = []
        for i in range(80):
            out.append(await limiter.check(key, cost(i)))
            if i % 10 >= 7:
                await asyncio.sleep(0.025)
        await client.aclose()
        return out

    replay(asyncio.run(run()), options)


def test_keys_carry_the_prefix_one_hash_tag_and_a_ttl() -> None:
    client = redis.Redis.from_url(url(), decode_responses=True)
    key = fresh("ttl")
    limiter = ratelimit.RedisLimiter(client, quotas=[{"limit": 3, "period": 60}, {"limit": 10, "period": 3600}],
                                     prefix="fleetgate-test")
    limiter.check(key)
    keys = sorted(client.keys(f"{{fleetgate-test:{key}}}:*"))
    assert keys == [f"{{fleetgate-test:{key}}}:sliding_log:10:3600000000",
                    f"{{fleetgate-test:{key}}}:sliding_log:3:60000000"]
    assert all(client.pttl(k) > 0 for k in keys)


def test_bad_options_have_fleetgate_codes() -> None:
    client = redis.Redis.from_url(url())
    with pytest.raises(RateLimitError) as e:
        ratelimit.RedisLimiter(client, on_error="ignore")
    assert e.value.code == "invalid_option"
    with pytest.raises(RateLimitError) as e:
        ratelimit.RedisLimiter(client, limti=3)
    assert e.value.code == "invalid_option"
    with pytest.raises(RateLimitError) as e:
        ratelimit.RedisLimiter(client, limit=3, quotas=[{"limit": 3, "period": 60}])
    assert e.value.code == "invalid_quota"
    with pytest.raises(RateLimitError) as e:
        ratelimit.AsyncRedisLimiter(client, timeout=0)
    assert e.value.code == "invalid_quota"


class PrivateRedis:
    """A redis-server on 127.0.0.1 (no persistence) that can be stopped and started again on the same port."""

    def __init__(self) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.dir = tempfile.mkdtemp(prefix="fleetgate-redis-")
        self.url = f"redis://127.0.0.1:{self.port}/"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", "", "--appendonly", "no",
             "--dir", self.dir], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            if subprocess.run(["redis-cli", "-p", str(self.port), "ping"], capture_output=True).stdout.strip() == b"PONG":
                return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        assert self.process is not None
        self.process.kill()
        self.process.wait()
        self.process = None

    def close(self) -> None:
        if self.process is not None:
            self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def private_redis() -> Iterator[PrivateRedis]:
    server = PrivateRedis()
    server.start()
    yield server
    server.close()


def test_sync_policies_across_a_stop_and_restart(private_redis: PrivateRedis) -> None:
    client = redis.Redis.from_url(private_redis.url)
    key = fresh("outage")
    limiters = {p: ratelimit.RedisLimiter(client, limit=100, period=60, on_error=p, timeout=0.3)
                for p in ("allow", "deny", "raise")}
    for limiter in limiters.values():
        assert limiter.check(key).reason is None
    private_redis.stop()
    for _ in range(3):
        allowed = limiters["allow"].check(key)
        assert allowed.allowed and allowed.reason in ("timeout", "store_error")
        denied = limiters["deny"].check(key)
        assert not denied.allowed and denied.reason in ("timeout", "store_error") and denied.retry_after == 1
        with pytest.raises(RateLimitError) as e:
            limiters["raise"].check(key)
        assert e.value.code == "redis_error"
    private_redis.start()
    resumed = None
    for _ in range(200):  # a bounded wait for the reconnection, not a timing assertion
        d = limiters["deny"].check(key)
        if d.reason is None:
            resumed = d
            break
        time.sleep(0.05)
    assert resumed is not None and resumed.allowed
    assert limiters["raise"].check(key).reason is None


def test_async_policies_across_a_stop_and_restart(private_redis: PrivateRedis) -> None:
    async def run() -> None:
        client = redis.asyncio.Redis.from_url(private_redis.url)
        key = fresh("outage")
        limiters = {p: ratelimit.AsyncRedisLimiter(client, limit=100, period=60, on_error=p, timeout=0.3)
                    for p in ("allow", "deny", "raise")}
        for limiter in limiters.values():
            assert (await limiter.check(key)).reason is None
        private_redis.stop()
        for _ in range(3):
            allowed = await limiters["allow"].check(key)
            assert allowed.allowed and allowed.reason in ("timeout", "store_error")
            denied = await limiters["deny"].check(key)
            assert not denied.allowed and denied.reason in ("timeout", "store_error")
            with pytest.raises(RateLimitError) as e:
                await limiters["raise"].check(key)
            assert e.value.code == "redis_error"
        private_redis.start()
        resumed = None
        for _ in range(200):
            d = await limiters["deny"].check(key)
            if d.reason is None:
                resumed = d
                break
            await asyncio.sleep(0.05)
        assert resumed is not None and resumed.allowed
        await client.aclose()

    asyncio.run(run())


def test_a_stalled_server_times_out(private_redis: PrivateRedis) -> None:
    """A server that accepts but never answers (SIGSTOP): the timeout applies instead of a hang."""
    client = redis.Redis.from_url(private_redis.url)
    limiter = ratelimit.RedisLimiter(client, limit=100, period=60, on_error="deny", timeout=0.2)
    key = fresh("stalled")
    assert limiter.check(key).reason is None
    assert private_redis.process is not None
    private_redis.process.send_signal(19)  # SIGSTOP
    try:
        d = limiter.check(key)
        assert (d.allowed, d.reason) == (False, "timeout")
    finally:
        private_redis.process.send_signal(18)  # SIGCONT
    resumed = [limiter.check(key).reason for _ in range(3)]
    assert resumed[-1] is None


def test_in_memory_quotas_and_default() -> None:
    limiter = ratelimit.Limiter(quotas=[{"limit": 3, "period": 60}, {"limit": 10, "period": 3600}])
    ds = [limiter.check("k", now=1000 + i) for i in range(4)]
    assert [d.allowed for d in ds] == [True, True, True, False]
    assert ds[-1].denied_by == 0 and ds[0].denied_by is None and ds[0].reason is None
    # the default is the sliding log: one a minute for an hour admits 10
    default = ratelimit.Limiter(limit=10, period=3600)
    assert sum(default.check("k", now=60 * i).allowed for i in range(60)) == 10
    with pytest.raises(RateLimitError) as e:
        ratelimit.Limiter(quotas=[{"limit": 3, "period": 60, "extra": 1}])
    assert e.value.code == "invalid_option"
