"""Rate limiting: sliding-log and GCRA limiters, in memory and in Redis, and client keys.

* :class:`Limiter` -- ``Limiter(limit=10, period=3600, *, burst=None, algorithm="sliding_log" | "gcra",
  quotas=None)``; ``limiter.check(key, *, now=None, cost=1)`` returns a :class:`Decision` (``allowed``,
  ``remaining``, ``retry_after``, ``reset``, ``headers``, ``denied_by``, ``reason``); ``len(limiter)`` is the
  number of keys held (idle keys are evicted). The default, the sliding log, admits at most ``limit`` in any
  rolling ``period``; GCRA "10 per hour" with burst 10 can admit up to 19 in a rolling hour.
  ``quotas=[{"limit": 3, "period": 60}, {"limit": 10, "period": 3600}]`` enforces several quotas together.
* :class:`RedisLimiter` (redis-py) and :class:`AsyncRedisLimiter` (``redis.asyncio``) -- the same limits shared
  by every process and server through Redis (one ``EVALSHA`` per decision, Redis ``TIME``), with a ``timeout``
  and an ``on_error`` policy (``"allow"``, the default, ``"deny"`` or ``"raise"``).
* :func:`gcra_step` -- the pure GCRA step over one integer of state you keep in your own store.
* :data:`REDIS_GCRA_SCRIPT`, :func:`redis_args`, :func:`decision_from_redis` -- the same GCRA in Redis, for
  limits shared by several server instances (one atomic ``EVALSHA``, Redis ``TIME``).
* :func:`client_key` -- the key of a request's client; ``X-Forwarded-For`` / ``Forwarded`` are ignored unless
  the proxy is trusted (``trusted_proxies=1`` or ``["10.0.0.0/8"]``).
* :func:`client_key_from_request` -- the same by hosting platform: ``platform="vercel"`` (``X-Real-IP``),
  ``"cloudflare"`` (``CF-Connecting-IP``), ``"trusted_proxies"`` (``peer`` + the walk above) or ``"none"`` (refuses
  with ``missing_client_address``).

``now`` is unix seconds (default: the system clock). Errors are :class:`fleetgate.RateLimitError`.

>>> from fleetgate import ratelimit
>>> limiter = ratelimit.Limiter(limit=10, period=3600)
>>> [limiter.check("203.0.113.7", now=0).allowed for _ in range(11)].count(True)
10
>>> ratelimit.client_key("10.0.0.2", {"X-Forwarded-For": "6.6.6.6, 198.51.100.9"}, trusted_proxies=1)
'198.51.100.9'
"""

from __future__ import annotations

from fleetgate._fleetgate.ratelimit import (
    REDIS_GCRA_SCRIPT,
    Decision,
    Limiter,
    RedisPlan,
    client_key,
    client_key_from_request,
    decision_from_redis,
    gcra_step,
    redis_args,
)
from fleetgate._redis_limiter import AsyncRedisLimiter, RedisLimiter

__all__ = [
    "REDIS_GCRA_SCRIPT",
    "AsyncRedisLimiter",
    "Decision",
    "Limiter",
    "RedisLimiter",
    "RedisPlan",
    "client_key",
    "client_key_from_request",
    "decision_from_redis",
    "gcra_step",
    "redis_args",
]
