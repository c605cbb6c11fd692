"""
Retries: backoff with jitter and budgets, ``Retry-After`` parsing, which responses to retry.
"""

from typing import final

__all__ = ["Backoff", "is_retryable", "parse_retry_after"]

@final
class Backoff:
    """
    A retry policy: ``kind`` is ``full_jitter`` (default), ``equal_jitter``, ``decorrelated`` or ``constant``;
    delays start at ``base`` seconds (default 0.1) and never exceed ``cap`` (default 30); at most
    ``max_attempts`` attempts in all (default 5, the first one included); the delays handed out total at most
    ``max_elapsed`` seconds when given. ``seed`` makes the random draws reproducible (default: a random seed).
    """
    def __new__(cls, /, kind: "str | None" = None, base: "float | None" = None, cap: "float | None" = None, max_attempts: "int | None" = None, max_elapsed: "float | None" = None, seed: "int | None" = None, **unknown: "object") -> Backoff: ...
    def delays(self, /) -> "list[float]":
        """
        The whole schedule (seconds) a fresh policy with these settings and seed hands out.
        """
    @property
    def elapsed(self, /) -> float:
        """
        The total of the delays handed out so far, in seconds.
        """
    def next_delay(self, /, attempt: "int", retry_after: "float | None" = None) -> "float | None":
        """
        The delay (seconds) before the next attempt after ``attempt`` attempts (1 after the first failure), or
        ``None`` to give up. A server's ``retry_after`` (seconds) replaces the computed delay, capped at ``cap``;
        the attempt and elapsed budgets still apply.
        """

def is_retryable(status: "int | None", method: "str", *, idempotency_key: "bool | None" = None) -> "bool":
    """
    Whether a failed request may be retried: ``status`` is the response status, or ``None`` for a connect or
    timeout error. Only 408, 425, 429, 500, 502, 503, 504; only idempotent methods unless
    ``idempotency_key`` is true. Raises ``fleetgate.RetryError`` (``invalid_status``, ``invalid_method``,
    ``invalid_argument``).
    """

def parse_retry_after(value: "str", *, now: "float | None" = None) -> "float":
    """
    Seconds to wait for a ``Retry-After`` value: delta-seconds or an HTTP-date (IMF-fixdate, RFC 850 or
    asctime), relative to ``now`` (unix seconds; default: the system clock). A past date means 0.
    Raises ``fleetgate.RetryError`` with code ``invalid_retry_after`` (or ``invalid_argument``).
    """
