"""Hostile input (issue 12) through the Python package: each case measured on the binding before the fix (an
abort, a segmentation fault, quadratic work, unbounded memory) ends in a fleetgate error or a correct answer."""

from __future__ import annotations

from typing import Any, Callable

import pytest

import fleetgate
from fleetgate import booking, odometer, pricing, ratelimit, smartcar, sse, webhooks

SMARTCAR = (
    '{"eventId":"e1","eventType":"VEHICLE_STATE","vehicleId":"v1","data":{"signals":[{"code":'
    '"odometer-traveleddistance","body":{"unit":"km","value":1},"meta":{"oemUpdatedAt":%s}}]},'
    '"meta":{"version":"4.0","webhookId":"w","deliveryId":"d","deliveredAt":1}}'
)


def code_of(call: Callable[[], Any]) -> str:
    try:
        call()
    except fleetgate.FleetgateError as error:
        return error.code
    return "no error"


def test_sliding_log_cost_of_2_40_is_decided_in_bounded_memory() -> None:
    limiter = ratelimit.Limiter(limit=2**40, period=2**40 / 1e6, algorithm="sliding_log")
    assert limiter.check("k", cost=2**40, now=1).allowed
    assert not limiter.check("k", cost=1, now=1).allowed


def test_a_list_nested_200000_deep_is_invalid_argument_not_a_segfault() -> None:
    nested: list[Any] = []
    for _ in range(200_000):
        nested = [nested]
    assert code_of(lambda: booking.validate({"vehicle_id": 1, "notes": nested})) == "invalid_argument"


def test_readings_sharing_one_reading_time_are_judged_without_a_quadratic_scan() -> None:
    n = 100_000
    columns = odometer.check_batch_columns(
        values=[1000.0 + i for i in range(n)], units="km", times=[1_700_000_000.0] * n
    )
    assert len(columns["status"]) == n


def test_a_same_value_window_of_2_62_is_invalid_policy() -> None:
    assert code_of(lambda: odometer.Policy(same_value_window_s=2**62)) == "invalid_policy"


def test_sse_decoder_buffer_is_bounded() -> None:
    decoder = sse.Decoder()
    assert code_of(lambda: decoder.feed(b"a" * (2 * 1024 * 1024))) == "buffer_overflow"
    assert code_of(lambda: sse.Decoder(max_buffer=0)) == "invalid_option"
    small = sse.Decoder(max_buffer=16)
    assert [e.data for e in small.feed("data: ok\n\n")] == ["ok"]


def test_best_mode_work_is_bounded() -> None:
    rules = [
        {"unit": "hour", "duration": d, "price": str(d * 100_000 - (d - 4000) ** 2)} for d in range(4001, 5001)
    ]
    card = pricing.RateCard(rules)
    start, end = "2024-01-01T00:00:00Z", "2123-12-31T00:00:00Z"
    assert code_of(lambda: card.quote(start, end, mode="best")) == "quote_too_complex"
    assert card.quote(start, end, mode="odoo").total_minor > 0


def test_smartcar_instants_past_9999_are_invalid_payload() -> None:
    assert code_of(lambda: smartcar.parse_event((SMARTCAR % "253402300800000").encode())) == "invalid_payload"
    assert code_of(lambda: smartcar.parse_event((SMARTCAR % "1700000000000").encode())) == "no error"


def test_webhook_header_counts_are_bounded() -> None:
    verifier = webhooks.Verifier.github("It's a Secret to Everybody")
    many = [(f"x-{i}", "v") for i in range(1001)]
    assert code_of(lambda: verifier.verify(many, b"", check_time=False)) == "invalid_argument"
    some = [(f"x-{i}", "v") for i in range(300)]
    assert code_of(lambda: verifier.verify(some, b"", check_time=False)) == "too_many_headers"


def test_a_client_refuses_a_vehicle_id_that_would_leave_its_path() -> None:
    client = smartcar.Client("id", "secret", auth_base_url="http://127.0.0.1:9", api_base_url="http://127.0.0.1:9")
    with pytest.raises(fleetgate.ClientError) as raised:
        client.odometer("..", "token")
    assert raised.value.code == "invalid_path_segment"
