"""
Rate limiting: GCRA and sliding-log limiters, the same GCRA as a Redis Lua script, and client keys.
"""

from typing import Final, final

__all__ = ["REDIS_GCRA_SCRIPT", "Decision", "Limiter", "RedisPlan", "client_key", "client_key_from_request", "decision_from_redis", "gcra_step", "redis_args"]

REDIS_GCRA_SCRIPT: Final[str]
"""
The GCRA as a Redis Lua script: ``KEYS[1]`` is the key, ``ARGV`` is ``redis_args(...)``; it replies
``[allowed, now_us, state_before_us]`` (pass that to ``decision_from_redis``). Uses Redis ``TIME``.
"""

@final
class Decision:
    """
    One rate-limit decision.
    """
    def __repr__(self, /) -> str: ...
    @property
    def allowed(self, /) -> bool:
        """
        Whether the request may proceed.
        """
    @property
    def at(self, /) -> float:
        """
        The instant of the decision in unix seconds (the caller's ``now`` or Redis' ``TIME``).
        """
    @property
    def denied_by(self, /) -> int | None:
        """
        With several quotas, the index of the quota that denied; ``None`` when allowed or with one quota.
        """
    @property
    def headers(self, /) -> dict:
        """
        The response headers: ``RateLimit-Policy``, ``RateLimit``, ``Retry-After`` when denied, and the
        ``X-RateLimit-*`` headers when the limiter was made with ``legacy_headers=True``.
        """
    @property
    def reason(self, /) -> str | None:
        """
        ``None`` normally; ``"timeout"`` or ``"store_error"`` when a ``RedisLimiter`` decided by its
        ``on_error`` policy because Redis failed.
        """
    @property
    def remaining(self, /) -> int:
        """
        How many more requests of cost 1 the key could make right now.
        """
    @property
    def reset(self, /) -> int:
        """
        Seconds (rounded up) until the key is back to its full quota.
        """
    @property
    def retry_after(self, /) -> int:
        """
        When denied, seconds (rounded up) until the request would be allowed; 0 when allowed.
        """

@final
class Limiter:
    """
    A keyed in-memory rate limiter: ``limit`` requests per ``period`` seconds per key, with the GCRA
    (``burst`` defaults to ``limit``) or the sliding log (at most ``limit`` in any window; no burst).

    Idle keys are evicted automatically; ``len(limiter)`` is the number of keys held.
    """
    def __len__(self, /) -> int: ...
    def __new__(cls, /, limit: "int | None" = None, period: "float | None" = None, *, burst: "int | None" = None, algorithm: "str | None" = None, legacy_headers: "bool | None" = None, quotas: "list[dict[str, float]] | None" = None, **unknown: "object") -> Limiter: ...
    def check(self, /, key: "str", *, now: "float | None" = None, cost: "int | None" = None, **unknown: "object") -> "Decision":
        """
        Decides one request of ``cost`` (default 1) for ``key`` at ``now`` (unix seconds; default: the system
        clock).
        """
    def evict_idle(self, /, *, now: "float | None" = None) -> "int":
        """
        Drops every key that is idle at ``now``; returns how many were dropped.
        """

@final
class RedisPlan:
    """
    What a ``RedisLimiter`` runs: the script, its SHA-1, the keys and arguments of each call, and the decision in
    each reply. ``RedisPlan({"limit": 10, "period": 3600, ...})`` takes the options of ``RedisLimiter`` as a dict.
    """
    def __new__(cls, /, options: "dict[str, object]") -> RedisPlan: ...
    @property
    def algorithm(self, /) -> str:
        """
        ``"sliding_log"`` or ``"gcra"``.
        """
    def args(self, /, cost: "int | None" = None) -> "list[str]":
        """
        The script's ``ARGV`` for a request of ``cost``.
        """
    def decision(self, /, reply: "list[int]", cost: "int | None" = None) -> "Decision":
        """
        The decision in the script's reply (a list of ints) to a request of ``cost``.
        """
    def failure(self, /, reason: "str", message: "str") -> "Decision":
        """
        The decision when Redis failed (``"store_error"``) or did not answer in time (``"timeout"``), by the
        ``on_error`` policy: allowed, denied for 1 s, or ``RateLimitError`` ``redis_error`` (``raise``).
        """
    def keys(self, /, key: "str") -> "list[str]":
        """
        The script's ``KEYS`` for a client key (one per quota, hash-tagged ``{prefix:key}``).
        """
    @property
    def script(self, /) -> str:
        """
        The Lua script (``EVAL`` it when ``EVALSHA`` answers ``NOSCRIPT``).
        """
    @property
    def sha(self, /) -> str:
        """
        The script's SHA-1, for ``EVALSHA``.
        """
    @property
    def timeout(self, /) -> float:
        """
        How long one decision may take, in seconds, before the ``on_error`` policy applies.
        """

def client_key(peer: "str", headers: "dict[str, str] | list[tuple[str, str]] | None" = None, *, trusted_proxies: "int | list[str] | None" = None, ipv6_prefix: "int | None" = None, **unknown: "object") -> "str":
    """
    The rate-limit key of a request's client: the IPv4 address, or the IPv6 network (``/ipv6_prefix``, 56 by
    default).

    ``headers`` is a mapping or a list of ``(name, value)`` pairs; ``X-Forwarded-For`` and ``Forwarded`` are
    read only when ``trusted_proxies`` is a hop count above 0 or a list of trusted networks (CIDR strings).
    Raises ``fleetgate.RateLimitError`` (``invalid_address``, ``invalid_network``, ``invalid_prefix``,
    ``conflicting_forwarded_headers``, ``invalid_argument``, ``invalid_option``).
    """

def client_key_from_request(headers: "dict[str, str] | list[tuple[str, str]] | None", peer: "str | None" = None, *, platform: "str | None" = None, trusted_proxies: "int | list[str] | None" = None, ipv6_prefix: "int | None" = None, **unknown: "object") -> "str":
    """
    The rate-limit key of a request's client on a hosting ``platform``: ``"vercel"`` trusts only ``X-Real-IP``
    and ``"cloudflare"`` only ``CF-Connecting-IP`` (both set by the platform, whatever the client sent),
    ``"trusted_proxies"`` walks ``X-Forwarded-For`` / ``Forwarded`` from ``peer`` like :func:`client_key`, and
    ``"none"`` refuses. ``headers`` is a mapping or ``(name, value)`` pairs. Raises ``fleetgate.RateLimitError``
    (``missing_client_address``, ``invalid_platform``, ``invalid_address``, ``invalid_network``,
    ``invalid_prefix``, ``conflicting_forwarded_headers``, ``invalid_argument``, ``invalid_option``).
    """

def decision_from_redis(reply: "list[int]", *, limit: "int | None" = None, period: "float | None" = None, burst: "int | None" = None, cost: "int | None" = None, legacy_headers: "bool | None" = None, **unknown: "object") -> "Decision":
    """
    Turns the reply of ``REDIS_GCRA_SCRIPT`` (``[allowed, now_us, state_before_us]``) into a ``Decision``.
    """

def gcra_step(state: "int", now: "float", *, limit: "int | None" = None, period: "float | None" = None, burst: "int | None" = None, cost: "int | None" = None, legacy_headers: "bool | None" = None, **unknown: "object") -> "tuple[Decision, int]":
    """
    One GCRA step over a state you store yourself: ``state`` is the key's theoretical arrival time in
    microseconds (0 for a new key). Returns ``(decision, new_state)``; store ``new_state`` (with
    compare-and-set if several processes share it). The quota defaults to 10 per 3600 s, the cost to 1.
    """

def redis_args(*, limit: "int | None" = None, period: "float | None" = None, burst: "int | None" = None, cost: "int | None" = None, **unknown: "object") -> "list[str]":
    """
    The ``ARGV`` of ``REDIS_GCRA_SCRIPT`` for this quota and cost.
    """
