"""Behaviour of fleetgate.ratelimit, retry, sse and odoo beyond the shared vectors: Python types, error classes,
defaults, and the Redis script run by a real redis-server (FLEETGATE_REDIS_URL, started by scripts/test.sh)."""

from __future__ import annotations

import os
import pickle
import time

import pytest

import fleetgate
from fleetgate import odoo, ratelimit, retry, sse


def test_limiter_len_counts_keys_and_evict_idle_drops_them() -> None:
    limiter = ratelimit.Limiter(limit=2, period=10, algorithm="gcra")
    limiter.check("a", now=100)
    limiter.check("b", now=105)
    assert len(limiter) == 2
    assert limiter.evict_idle(now=108) == 1  # "a" is idle from 105 (T = 5 s), "b" from 110
    assert len(limiter) == 1


def test_decision_headers_are_a_dict_in_order() -> None:
    limiter = ratelimit.Limiter(limit=1, period=60, legacy_headers=True)
    limiter.check("k", now=0)
    denied = limiter.check("k", now=1)
    assert not denied.allowed and denied.retry_after == 59
    assert list(denied.headers.items()) == [
        ("RateLimit-Policy", '"default";q=1;w=60'),
        ("RateLimit", '"default";r=0;t=59'),
        ("Retry-After", "59"),
        ("X-RateLimit-Limit", "1"),
        ("X-RateLimit-Remaining", "0"),
        ("X-RateLimit-Reset", "59"),
    ]
    assert denied.at == 1.0
    assert "allowed=False" in repr(denied)


def test_default_now_is_the_clock() -> None:
    before = time.time()
    decision = ratelimit.Limiter().check("k")
    assert before - 1 <= decision.at <= time.time() + 1


def test_errors_are_rate_limit_errors_with_codes_and_pickle() -> None:
    with pytest.raises(fleetgate.RateLimitError) as raised:
        ratelimit.Limiter(limit=0)
    assert raised.value.code == "invalid_quota"
    again = pickle.loads(pickle.dumps(raised.value))
    assert isinstance(again, fleetgate.RateLimitError) and again.code == "invalid_quota"
    with pytest.raises(fleetgate.RateLimitError, match="cost") as raised:
        ratelimit.Limiter(limit=3, period=1).check("k", now=0, cost=4)
    assert raised.value.code == "invalid_cost"
    with pytest.raises(fleetgate.RateLimitError) as raised:
        ratelimit.Limiter().check("k", now=-1)
    assert raised.value.code == "invalid_now"


def test_client_key_takes_a_mapping_and_rejects_bad_trust() -> None:
    headers = {"X-Forwarded-For": "6.6.6.6, 198.51.100.9"}
    assert ratelimit.client_key("10.0.0.2", headers) == "10.0.0.2"
    assert ratelimit.client_key("10.0.0.2", headers, trusted_proxies=["10.0.0.0/8"]) == "198.51.100.9"
    for bad in ("10.0.0.0/8", True, -1, [8]):
        with pytest.raises(fleetgate.RateLimitError) as raised:
            ratelimit.client_key("10.0.0.2", headers, trusted_proxies=bad)
        assert raised.value.code == "invalid_option"
        assert raised.value.details["path"].startswith("trusted_proxies")
    with pytest.raises(fleetgate.RateLimitError) as raised:
        ratelimit.client_key("10.0.0.2", headers, trusted_proxies=["10.0.0.1/8"])
    assert raised.value.code == "invalid_network"
    with pytest.raises(fleetgate.RateLimitError) as raised:
        ratelimit.client_key("10.0.0.2", headers, trusted=1)  # type: ignore[call-arg]
    assert (raised.value.code, raised.value.details["path"]) == ("invalid_option", "trusted")


def test_client_key_reads_every_header_shape_alike() -> None:
    from types import MappingProxyType

    pairs = [("X-Forwarded-For", "6.6.6.6"), ("x-forwarded-for", "198.51.100.9")]
    shapes = [
        {"X-Forwarded-For": "6.6.6.6, 198.51.100.9"},
        {"x-forwarded-for": ["6.6.6.6", "198.51.100.9"]},
        MappingProxyType({"X-Forwarded-For": "6.6.6.6, 198.51.100.9"}),
        pairs,
        tuple(pairs),
    ]
    for headers in shapes:
        assert ratelimit.client_key("10.0.0.2", headers, trusted_proxies=1) == "198.51.100.9", headers
    with pytest.raises(fleetgate.RateLimitError) as raised:
        ratelimit.client_key("10.0.0.2", {"X-Forwarded-For": 5})
    assert (raised.value.code, raised.value.details["path"]) == ("invalid_argument", "X-Forwarded-For")


def test_defaults_live_in_core() -> None:
    limiter = ratelimit.Limiter()
    decision = limiter.check("k", now=0)
    assert dict(decision.headers)["RateLimit-Policy"] == '"default";q=10;w=3600'
    assert ratelimit.client_key("2001:db8:ab12:cd00::1") == "2001:db8:ab12:cd00::/56"
    assert ratelimit.redis_args() == ["360000000", "10", "1"]
    schedule = retry.Backoff(kind="constant", seed=1).delays()
    assert schedule == [0.1, 0.1, 0.1, 0.1]  # base 0.1 s, 5 attempts in all
    with pytest.raises(fleetgate.RateLimitError) as raised:
        ratelimit.Limiter(limit="10")  # type: ignore[arg-type]
    assert (raised.value.code, raised.value.details["path"]) == ("invalid_option", "limit")
    with pytest.raises(fleetgate.RetryError) as raised:
        retry.Backoff(bse=1)  # type: ignore[call-arg]
    assert (raised.value.code, raised.value.details["path"]) == ("invalid_option", "bse")


def test_backoff_without_seed_is_random_but_bounded() -> None:
    a, b = retry.Backoff(max_attempts=8).delays(), retry.Backoff(max_attempts=8).delays()
    assert len(a) == len(b) == 7 and a != b
    assert all(0 <= d <= 30 for d in a + b)
    with pytest.raises(fleetgate.RetryError) as raised:
        retry.Backoff("linear")
    assert raised.value.code == "invalid_backoff"


def test_backoff_tracks_elapsed() -> None:
    backoff = retry.Backoff("constant", base=2, max_attempts=5, max_elapsed=5)
    assert [backoff.next_delay(1), backoff.next_delay(2), backoff.next_delay(3)] == [2.0, 2.0, None]
    assert backoff.elapsed == 4.0


def test_sse_decoder_events_and_errors() -> None:
    decoder = sse.Decoder()
    assert decoder.feed(b"retry: 250\nid: 3\nevent: inventory\ndata: a\r\n") == []
    [event] = decoder.feed(b"\n")
    assert (event.event, event.data, event.id) == ("inventory", "a", "3")
    assert (decoder.last_event_id, decoder.retry) == ("3", 250)
    assert event == sse.Event(event="inventory", data="a", id="3")
    assert event.to_dict() == {"event": "inventory", "data": "a", "id": "3"}
    assert decoder.feed("data: text\n\n") == [sse.Event(event="message", data="text", id="3")]
    assert decoder.reconnect(retry.Backoff(max_attempts=2), 1) == sse.Reconnect(delay=0.25, last_event_id="3")
    with pytest.raises(fleetgate.SseError) as raised:
        sse.encode("x", event="a\nb")
    assert raised.value.code == "field_injection"
    with pytest.raises(fleetgate.SseError) as raised:
        decoder.feed(5)  # type: ignore[arg-type]
    assert raised.value.code == "invalid_argument"
    with pytest.raises(fleetgate.SseError) as raised:
        sse.Decoder(max_bufer=1)
    assert raised.value.code == "invalid_option"


def test_odoo_events_are_typed() -> None:
    event = odoo.parse_event(b'{"event_type": "booking.created", "booking_id": 9, "vehicle_id": 7, "note": "x"}')
    assert isinstance(event, odoo.BookingEvent)
    assert (event.type, event.booking_id, event.vehicle_id, event.fields) == ("booking.created", 9, 7, {"note": "x"})
    assert event.invalidates == (odoo.Invalidation(cache="availability", vehicle_id=7),)
    native = odoo.parse_event(b'{"_id": 3, "_model": "fleet.vehicle", "_action": "Notify(#1)"}')
    assert isinstance(native, odoo.NativeEvent) and native.record_id == 3
    assert native.to_dict()["invalidates"][0] == {"cache": "vehicle_list"}
    with pytest.raises(fleetgate.OdooError) as raised:
        odoo.parse_event('{"event_type": "vehicle.removed", "vehicle_id": 4}')  # type: ignore[arg-type]
    assert raised.value.code == "invalid_odoo_payload"


def test_odoo_errors_list_every_problem() -> None:
    with pytest.raises(fleetgate.OdooError) as raised:
        odoo.parse_event(b'{"event_type": "booking.created", "vehicle_id": "7"}')
    assert raised.value.code == "invalid_odoo_payload"
    assert raised.value.errors == [  # type: ignore[attr-defined]
        {"loc": "booking_id", "code": "missing", "message": "booking_id is required"},
        {"loc": "vehicle_id", "code": "wrong_type", "message": "vehicle_id must be an integer"},
    ]
    with pytest.raises(fleetgate.OdooError, match="vehicle.teleported") as raised:
        odoo.parse_event(b'{"event_type": "vehicle.teleported", "vehicle_id": 1}')
    assert raised.value.code == "unknown_odoo_event"


def test_docstring_examples_run() -> None:
    import doctest

    for module in (ratelimit, retry, sse, odoo):
        result = doctest.testmod(module)
        assert result.attempted > 0 and result.failed == 0, module.__name__


def test_redis_script_agrees_with_the_in_memory_limiter() -> None:
    url = os.environ.get("FLEETGATE_REDIS_URL")
    assert url, "FLEETGATE_REDIS_URL must point at a redis-server (scripts/test.sh starts one on 127.0.0.1)"
    import redis

    client = redis.Redis.from_url(url)
    script = client.register_script(ratelimit.REDIS_GCRA_SCRIPT)
    quota = {"limit": 4, "period": 0.2}
    key = f"fleetgate-py-test:{os.getpid()}:{time.time_ns()}"
    recorded = []
    for i in range(60):
        reply = script(keys=[key], args=ratelimit.redis_args(**quota))
        recorded.append(ratelimit.decision_from_redis(reply, **quota))
        time.sleep(0.001 if i % 10 < 7 else 0.03)
    memory = ratelimit.Limiter(**quota, algorithm="gcra")
    for got in recorded:
        want = memory.check("k", now=got.at)
        assert (got.allowed, got.remaining, got.retry_after, got.reset) == (
            want.allowed, want.remaining, want.retry_after, want.reset)
    assert 0 < sum(d.allowed for d in recorded) < len(recorded)


def test_odoo_rental_models_and_model_map() -> None:
    order = odoo.parse_event(
        b'{"_action": "Rental(#3)", "_id": 41, "_model": "sale.order", "is_rental_order": false, "state": "sale"}'
    )
    assert isinstance(order, odoo.SaleOrderEvent) and order.is_rental is False and order.invalidates == ()
    lot = odoo.parse_event(b'{"_action": "x(#1)", "_id": 70, "_model": "stock.lot", "product_id": [9, "KX057"]}')
    assert isinstance(lot, odoo.StockLotEvent)
    assert lot.invalidates[1] == odoo.Invalidation(cache="product_availability", product_id=9)
    mapped = odoo.parse_event(b'{"_action": "x(#1)", "_id": 7, "_model": "atlas.equipment"}',
                              model_map={"atlas.equipment": "fleet.vehicle"})
    assert isinstance(mapped, odoo.NativeEvent) and mapped.vehicle_id == 7
    with pytest.raises(fleetgate.OdooError) as raised:
        odoo.parse_event(b'{"_action": "x(#1)", "_id": 7, "_model": "atlas.equipment"}')
    assert raised.value.code == "unknown_odoo_event" and "atlas.equipment" in str(raised.value)
    with pytest.raises(fleetgate.OdooError) as raised:
        odoo.parse_event(b"{}", model_map={"atlas.equipment": "res.partner"})
    assert raised.value.code == "invalid_option" and raised.value.details["path"] == "model_map.atlas.equipment"
    with pytest.raises(fleetgate.OdooError) as raised:
        odoo.parse_event(b'{"_action": "x(#1)", "_id": 4, "_model": "sale.order", "rental_start_date": "soon"}')
    assert raised.value.errors[0]["loc"] == "rental_start_date"
    assert raised.value.errors[0]["code"] == "invalid_datetime"
