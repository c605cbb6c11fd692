"""Retries: backoff policies with jitter and budgets, ``Retry-After`` parsing, and which responses to retry.

>>> from fleetgate import retry
>>> retry.Backoff("constant", base=0.5, cap=30, max_attempts=3).delays()
[0.5, 0.5]
>>> retry.parse_retry_after("Fri, 21 Nov 2025 04:42:00 GMT", now=1763700000)
120.0
>>> retry.is_retryable(503, "POST"), retry.is_retryable(503, "POST", idempotency_key=True)
(False, True)

Errors are :class:`fleetgate.RetryError`.
"""

from __future__ import annotations

from fleetgate._fleetgate.retry import Backoff, is_retryable, parse_retry_after

__all__ = ["Backoff", "is_retryable", "parse_retry_after"]
