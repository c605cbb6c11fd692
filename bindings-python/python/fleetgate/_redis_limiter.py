"""``RedisLimiter`` (redis-py) and ``AsyncRedisLimiter`` (``redis.asyncio``): one quota per key shared by every
process and server, on the Redis client the application already has.

These classes only do I/O. The script, its SHA-1, the key names, the arguments, the timeout, the failure policy
and the reading of each reply come from the core (``fleetgate._fleetgate.ratelimit.RedisPlan``).
"""

from __future__ import annotations

import asyncio
from typing import Any

from fleetgate._fleetgate.ratelimit import Decision, RedisPlan

__all__ = ["AsyncRedisLimiter", "RedisLimiter"]


def _plan(options: dict[str, Any]) -> RedisPlan:
    # Only what the caller gave goes to the core, which holds the defaults and rejects unknown options.
    return RedisPlan({name: value for name, value in options.items() if value is not None})


def _is_noscript(error: BaseException) -> bool:
    # redis-py raises NoScriptError ("No matching script"); other clients keep the server's "NOSCRIPT ..." text.
    return type(error).__name__ == "NoScriptError" or "NOSCRIPT" in str(error)


class _PlannedLimiter:
    """What both Redis limiters share: the options decoded once into a core ``RedisPlan``, and the failure policy."""

    def __init__(
        self,
        client: Any,
        limit: int | None = None,
        period: float | None = None,
        *,
        burst: int | None = None,
        algorithm: str | None = None,
        prefix: str | None = None,
        timeout: float | None = None,
        on_error: str | None = None,
        quotas: list[dict[str, float]] | None = None,
        legacy_headers: bool | None = None,
        **unknown: object,
    ) -> None:
        self._client = client
        self._plan = _plan(
            dict(
                limit=limit,
                period=period,
                burst=burst,
                algorithm=algorithm,
                prefix=prefix,
                timeout=timeout,
                on_error=on_error,
                quotas=quotas,
                legacy_headers=legacy_headers,
                **unknown,
            )
        )
        self._sha = self._plan.sha
        self._script = self._plan.script
        self._timeout = self._plan.timeout
        self._args1 = self._plan.args(1)

    def _call(self, key: str, cost: int) -> tuple[list[str], list[str]]:
        """The script's ``KEYS`` and ``ARGV`` for a request of ``cost`` for ``key``."""
        return self._plan.keys(key), self._args1 if cost == 1 else self._plan.args(cost)

    def _failure(self, error: BaseException) -> Decision:
        """The decision by the ``on_error`` policy for a call that failed: a timeout (this limiter's or the
        client's own) or any other store error (connection refused, reset, READONLY, ...)."""
        if isinstance(error, (TimeoutError, asyncio.TimeoutError)):
            return self._plan.failure("timeout", str(error) or f"no reply within {self._timeout} s")
        if type(error).__name__ == "TimeoutError":  # redis.exceptions.TimeoutError
            return self._plan.failure("timeout", str(error))
        return self._plan.failure("store_error", str(error) or type(error).__name__)


class RedisLimiter(_PlannedLimiter):
    """A rate limiter whose state lives in Redis, for a redis-py client (``redis.Redis``, also
    ``redis.RedisCluster``). Same options and :class:`Decision` as :class:`Limiter`, plus:

    * ``prefix`` -- key prefix (default ``"fleetgate"``); keys are ``{prefix:key}:...``, a Redis Cluster hash tag.
    * ``timeout`` -- seconds one decision may wait for Redis (default 1.0).
    * ``on_error`` -- when Redis fails or times out: ``"allow"`` (default), ``"deny"`` (``Retry-After: 1``), with
      ``decision.reason`` ``"timeout"`` or ``"store_error"``; or ``"raise"`` (``RateLimitError`` ``redis_error``).
    * ``quotas`` -- several quotas enforced together, e.g. ``[{"limit": 3, "period": 60}, {"limit": 10,
      "period": 3600}]``, instead of ``limit`` / ``period``.

    The default algorithm is the sliding log (at most ``limit`` in any rolling ``period``); ``algorithm="gcra"``
    is smooth and allows bursts. ``limit`` and ``period`` default to 10 per 3600 s.

    With a ``redis.Redis`` client the timeout is enforced on the connection (``timeout``, not the client's own
    ``socket_timeout``); with other clients (``RedisCluster``) their socket timeouts apply.

    >>> import redis  # doctest: +SKIP
    >>> limiter = RedisLimiter(redis.Redis.from_url(REDIS_URL), limit=10, period=3600)  # doctest: +SKIP
    >>> limiter.check(ratelimit.client_key(peer, headers)).allowed  # doctest: +SKIP
    True
    """

    def check(self, key: str, cost: int = 1) -> Decision:
        """Decides one request of ``cost`` for ``key``: one ``EVALSHA`` (``EVAL`` after ``NOSCRIPT``)."""
        keys, args = self._call(key, cost)
        try:
            reply = self._run(keys, args)
        except Exception as error:  # ours or the client's: a timeout, connection refused, reset, READONLY, ...
            return self._failure(error)
        return self._plan.decision(reply, cost)

    def _run(self, keys: list[str], args: list[str]) -> Any:
        pool = getattr(self._client, "connection_pool", None)
        if pool is None:
            try:
                return self._client.evalsha(self._sha, len(keys), *keys, *args)
            except Exception as error:
                if not _is_noscript(error):
                    raise
                return self._client.eval(self._script, len(keys), *keys, *args)
        # redis.Redis: one connection from the pool, with this limiter's timeout on the reply.
        connection = pool.get_connection()
        try:
            for command, first in (("EVALSHA", self._sha), ("EVAL", self._script)):
                connection.send_command(command, first, len(keys), *keys, *args)
                if not connection.can_read(timeout=self._timeout):
                    connection.disconnect()  # a late reply must not be read by the next command
                    raise TimeoutError(f"no reply within {self._timeout} s")
                try:
                    return connection.read_response()
                except Exception as error:
                    if command == "EVAL" or not _is_noscript(error):
                        raise
            raise AssertionError("unreachable")
        except BaseException:
            connection.disconnect()
            raise
        finally:
            pool.release(connection)


class AsyncRedisLimiter(_PlannedLimiter):
    """:class:`RedisLimiter` for an asyncio client (``redis.asyncio.Redis`` or ``RedisCluster``):
    ``await limiter.check(key, cost=1)``. The same options; the timeout wraps each call."""

    async def check(self, key: str, cost: int = 1) -> Decision:
        """Decides one request of ``cost`` for ``key``: one ``EVALSHA`` (``EVAL`` after ``NOSCRIPT``)."""
        keys, args = self._call(key, cost)
        try:
            reply = await asyncio.wait_for(self._run(keys, args), self._timeout)
        except Exception as error:
            return self._failure(error)
        return self._plan.decision(reply, cost)

    async def _run(self, keys: list[str], args: list[str]) -> Any:
        try:
            return await self._client.evalsha(self._sha, len(keys), *keys, *args)
        except Exception as error:
            if not _is_noscript(error):
                raise
            return await self._client.eval(self._script, len(keys), *keys, *args)
