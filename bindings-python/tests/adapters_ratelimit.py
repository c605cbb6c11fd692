"""Vector adapters for the ratelimit, client_key, retry, sse and odoo areas: call the public API with a case's
positional arguments and return the result in the vector file's JSON shape."""

from __future__ import annotations

from typing import Any

from fleetgate import odoo, ratelimit, retry, sse


def _decision(d: ratelimit.Decision) -> dict[str, Any]:
    return {"allowed": d.allowed, "remaining": d.remaining, "retry_after": d.retry_after, "reset": d.reset}


def _limiter(config: dict[str, Any], legacy: bool = False) -> ratelimit.Limiter:
    return ratelimit.Limiter(config["limit"], config["period"], burst=config["burst"],
                             algorithm=config["algorithm"], legacy_headers=legacy)


def limiter(config: dict[str, Any], requests: list[list[Any]]) -> list[dict[str, Any]]:
    lim = _limiter(config)
    return [_decision(lim.check(key, now=now, cost=cost)) for key, now, cost in requests]


def limiter_options(options: dict[str, Any], requests: list[list[Any]]) -> list[dict[str, Any]]:
    lim = ratelimit.Limiter(**options)
    return [{**_decision(d), "denied_by": d.denied_by} for d in (lim.check(k, now=n, cost=c) for k, n, c in requests)]


def headers(config: dict[str, Any], requests: list[list[Any]], legacy: bool) -> list[list[str]]:
    lim = _limiter(config, legacy)
    last = [lim.check(key, now=now, cost=cost) for key, now, cost in requests][-1]
    return [[name, value] for name, value in last.headers.items()]


def gcra_step(config: dict[str, Any], state: int, now: float, cost: int) -> dict[str, Any]:
    d, new_state = ratelimit.gcra_step(state, now, limit=config["limit"], period=config["period"],
                                       burst=config["burst"], cost=cost)
    return {**_decision(d), "state": new_state}


def redis_reply(config: dict[str, Any], reply: list[int], cost: int) -> dict[str, Any]:
    return _decision(ratelimit.decision_from_redis(reply, limit=config["limit"], period=config["period"],
                                                   burst=config["burst"], cost=cost))


def client_key(peer: str, header_pairs: list[list[str]], trusted: Any, prefix: int) -> str:
    return ratelimit.client_key(peer, [tuple(p) for p in header_pairs], trusted_proxies=trusted, ipv6_prefix=prefix)


def _backoff(c: dict[str, Any]) -> retry.Backoff:
    return retry.Backoff(c["kind"], c["base"], c["cap"], c["max_attempts"], c["max_elapsed"], c["seed"])


def delays(config: dict[str, Any]) -> list[float]:
    return _backoff(config).delays()


def next_delays(config: dict[str, Any], calls: list[list[Any]]) -> list[float | None]:
    b = _backoff(config)
    return [b.next_delay(attempt, retry_after) for attempt, retry_after in calls]


def parse_retry_after(value: str, now: float) -> float:
    return retry.parse_retry_after(value, now=now)


def is_retryable(status: int | None, method: str, key: bool) -> bool:
    return retry.is_retryable(status, method, idempotency_key=key)


def _bytes(chunk: Any) -> bytes:
    return bytes.fromhex(chunk["$bytes_hex"]) if isinstance(chunk, dict) else chunk.encode()


def decode(chunks: list[Any]) -> dict[str, Any]:
    decoder = sse.Decoder()
    events = [e for c in chunks for e in decoder.feed(_bytes(c))]
    return {"events": [{"event": e.event, "data": e.data, "id": e.id} for e in events],
            "last_event_id": decoder.last_event_id, "retry": decoder.retry}


def decode_text(chunks: list[Any]) -> dict[str, Any]:
    """``decode`` with string chunks fed as ``str`` (``Decoder.feed`` takes ``str`` and ``bytes``)."""
    decoder = sse.Decoder()
    events = [e for c in chunks for e in decoder.feed(c if isinstance(c, str) else _bytes(c))]
    return {"events": [{"event": e.event, "data": e.data, "id": e.id} for e in events],
            "last_event_id": decoder.last_event_id, "retry": decoder.retry}


def encode(data: str, event: str | None, id: str | None, retry_ms: int | None) -> str:
    return sse.encode(data, event=event, id=id, retry=retry_ms)


def roundtrip(data: str, event: str | None, id: str | None) -> dict[str, Any]:
    return decode([sse.encode(data, event=event, id=id)])


def parse_event(body: Any, options: dict[str, Any] | None = None) -> dict[str, Any]:
    return odoo.parse_event(_bytes(body), **(options or {})).to_dict()


def reconnect(chunks: list[Any], config: dict[str, Any], attempts: list[int]) -> list[Any]:
    decoder = sse.Decoder()
    for c in chunks:
        decoder.feed(_bytes(c))
    backoff = _backoff(config)
    out = [decoder.reconnect(backoff, attempt) for attempt in attempts]
    return [None if r is None else [r.delay, r.last_event_id] for r in out]
