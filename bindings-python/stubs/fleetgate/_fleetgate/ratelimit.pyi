"""
Rate limiting: GCRA and sliding-log limiters, the same GCRA as a Redis Lua script, and client keys.
"""

from typing import Final, final

__all__ = ["REDIS_GCRA_SCRIPT", "Decision", "Limiter", "client_key", "client_key_from_request", "decision_from_redis", "gcra_step", "redis_args"]

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
    def headers(self, /) -> dict:
        """
        The response headers: ``RateLimit-Policy``, ``RateLimit``, ``Retry-After`` when denied, and the
        ``X-RateLimit-*`` headers when the limiter was made with ``legacy_headers=True``.
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
    def __new__(cls, /, limit: "int" = 10, period: "float" = 3600.0, *, burst: "int | None" = None, algorithm: "str" = "gcra", legacy_headers: "bool" = False) -> Limiter: ...
    def check(self, /, key: "str", *, now: "float | None" = None, cost: "int" = 1) -> "Decision":
        """
        Decides one request of ``cost`` for ``key`` at ``now`` (unix seconds; default: the system clock).
        """
    def evict_idle(self, /, *, now: "float | None" = None) -> "int":
        """
        Drops every key that is idle at ``now``; returns how many were dropped.
        """

def client_key(peer: "str", headers: "dict[str, str] | list[tuple[str, str]] | None" = None, *, trusted_proxies: "int | list[str] | None" = None, ipv6_prefix: "int" = 56) -> "str":
    """
    The rate-limit key of a request's client: the IPv4 address, or the IPv6 network (``/ipv6_prefix``).

    ``headers`` is a mapping or a list of ``(name, value)`` pairs; ``X-Forwarded-For`` and ``Forwarded`` are
    read only when ``trusted_proxies`` is a hop count above 0 or a list of trusted networks (CIDR strings).
    Raises ``fleetgate.RateLimitError`` (``invalid_address``, ``invalid_network``, ``invalid_prefix``,
    ``conflicting_forwarded_headers``).
    """

def client_key_from_request(headers: "dict[str, str] | list[tuple[str, str]] | None", peer: "str | None" = None, *, platform: "str", trusted_proxies: "int | list[str] | None" = None, ipv6_prefix: "int" = 56) -> "str":
    """
    The rate-limit key of a request's client on a hosting ``platform``: ``"vercel"`` trusts only ``X-Real-IP``
    and ``"cloudflare"`` only ``CF-Connecting-IP`` (both set by the platform, whatever the client sent),
    ``"trusted_proxies"`` walks ``X-Forwarded-For`` / ``Forwarded`` from ``peer`` like :func:`client_key`, and
    ``"none"`` refuses. Raises ``fleetgate.RateLimitError`` (``missing_client_address``, ``invalid_platform``,
    ``invalid_address``, ``invalid_network``, ``invalid_prefix``, ``conflicting_forwarded_headers``).
    """

def decision_from_redis(reply: "list[int]", *, limit: "int", period: "float", burst: "int | None" = None, cost: "int" = 1, legacy_headers: "bool" = False) -> "Decision":
    """
    Turns the reply of ``REDIS_GCRA_SCRIPT`` (``[allowed, now_us, state_before_us]``) into a ``Decision``.
    """

def gcra_step(state: "int", now: "float", *, limit: "int", period: "float", burst: "int | None" = None, cost: "int" = 1) -> "tuple[Decision, int]":
    """
    One GCRA step over a state you store yourself: ``state`` is the key's theoretical arrival time in
    microseconds (0 for a new key). Returns ``(decision, new_state)``; store ``new_state`` (with
    compare-and-set if several processes share it).
    """

def redis_args(*, limit: "int", period: "float", burst: "int | None" = None, cost: "int" = 1) -> "list[str]":
    """
    The ``ARGV`` of ``REDIS_GCRA_SCRIPT`` for this quota and cost.
    """
