"""The Python webhook and Smartcar surface beyond the vectors: header and body shapes, options decoded by the core,
typed results and error details."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import pickle
from collections import OrderedDict
from types import MappingProxyType

import pytest

import fleetgate
from fleetgate import smartcar, webhooks

AMT = "amt-0123456789abcdef0123456789"
BODY = b'{"eventId":"e1","eventType":"VERIFY","data":{"challenge":"c-1"}}'
SIGNATURE = hmac.new(AMT.encode(), BODY, hashlib.sha256).hexdigest()


class LegacyHeaders:
    """A framework headers class that is not a registered Mapping but has items() (like werkzeug's)."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self._pairs = pairs

    def items(self) -> list[tuple[str, str]]:
        return list(self._pairs)


def test_every_header_shape_verifies_alike() -> None:
    v = webhooks.Verifier.smartcar(AMT)
    pairs = [("SC-Signature", SIGNATURE)]
    for headers in [dict(pairs), OrderedDict(pairs), MappingProxyType(dict(pairs)), pairs, tuple(pairs),
                    [list(p) for p in pairs], LegacyHeaders(pairs), {"sc-signature": [SIGNATURE]}]:
        assert v.verify(headers, BODY) == webhooks.Verified(key_index=0, msg_id=None, timestamp=None), headers


@pytest.mark.parametrize(
    "headers, path",
    [(42, ""), ("SC-Signature: x", ""), ([("SC-Signature",)], "[0]"), ({"SC-Signature": 5}, "SC-Signature"),
     ({1: "x"}, "")],
)
def test_bad_headers_are_invalid_argument(headers: object, path: str) -> None:
    v = webhooks.Verifier.smartcar(AMT)
    with pytest.raises(fleetgate.WebhookError) as info:
        v.verify(headers, BODY)  # type: ignore[arg-type]
    assert (info.value.code, info.value.details["argument"], info.value.details["path"]) == (
        "invalid_argument", "headers", path)
    with pytest.raises(fleetgate.WebhookError, match="headers"):
        v.stream(headers)  # type: ignore[arg-type]


def test_bodies_are_bytes_bytearray_or_memoryview() -> None:
    v = webhooks.Verifier.smartcar(AMT)
    headers = {"SC-Signature": SIGNATURE}
    for body in [BODY, bytearray(BODY), memoryview(BODY)]:
        assert v.verify(headers, body).key_index == 0
        assert v.sign(body) == {"SC-Signature": SIGNATURE}
        assert smartcar.parse_event(body).challenge == "c-1"
    for bad in [BODY.decode(), {"eventId": "e1"}, 42, None]:
        with pytest.raises(fleetgate.WebhookError) as info:
            v.verify(headers, bad)  # type: ignore[arg-type]
        assert info.value.code == "body_not_bytes"
        assert "raw" in info.value.message
    with pytest.raises(fleetgate.WebhookError, match="raw"):
        smartcar.parse_event({"eventId": "e1"})  # type: ignore[arg-type]


def test_options_are_decoded_by_the_core() -> None:
    cases = [
        (lambda: webhooks.Verifier.smartcar(AMT, max_body="1000"), "invalid_option", "max_body"),
        (lambda: webhooks.Verifier.stripe("s", tolerance=[1, 2, 3]), "invalid_option", "tolerance"),
        (lambda: webhooks.Verifier.stripe("s", tolerance=(300, -1)), "invalid_option", "tolerance[1]"),
        (lambda: webhooks.Verifier.odoo("s", timestamped="yes"), "invalid_option", "timestamped"),
        (lambda: webhooks.Verifier.hmac("s", header="X-Sig", encoding="base32"), "invalid_option", "encoding"),
        (lambda: webhooks.Verifier.smartcar(42), "invalid_secret", ""),
        (lambda: webhooks.Verifier.github(["a" * 30, 2]), "invalid_secret", "[1]"),
    ]
    for call, code, path in cases:
        with pytest.raises(fleetgate.WebhookError) as info:
            call()  # type: ignore[no-untyped-call]
        assert (info.value.code, info.value.details["path"]) == (code, path)
    limited = webhooks.Verifier.smartcar(AMT, max_body=4)
    with pytest.raises(fleetgate.WebhookError) as info:
        limited.verify({"SC-Signature": SIGNATURE}, BODY)
    assert info.value.code == "body_too_large" and info.value.details["max"] == 4


def test_stale_requests_carry_their_numbers_in_details() -> None:
    v = webhooks.Verifier.stripe("whsec_stripe_0123456789abcdefghij", tolerance=(60, 5))
    headers = v.sign(BODY, timestamp="2023-11-14T22:13:20Z")
    assert headers["Stripe-Signature"].startswith("t=1700000000,v1=")
    assert v.verify(headers, BODY, now=1_700_000_060).timestamp == 1_700_000_000
    with pytest.raises(fleetgate.WebhookError) as info:
        v.verify(headers, BODY, now="2023-11-14T22:14:21+00:00")
    assert info.value.code == "timestamp_too_old"
    assert info.value.details == {"timestamp": 1_700_000_000, "now": 1_700_000_061, "age": 61, "tolerance": 60}
    assert pickle.loads(pickle.dumps(info.value)).details == info.value.details
    with pytest.raises(fleetgate.WebhookError) as info:
        v.verify(headers, BODY, now=1_699_999_994)
    assert (info.value.code, info.value.details["ahead"]) == ("timestamp_too_new", 6)
    assert v.verify(headers, BODY, check_time=False).key_index == 0
    with pytest.raises(fleetgate.WebhookError) as info:
        v.verify(headers, BODY, now=1_700_000_000.5)
    assert (info.value.code, info.value.details["path"]) == ("invalid_option", "now")


def test_a_finished_stream_says_stream_finished() -> None:
    v = webhooks.Verifier.smartcar(AMT)
    stream = v.stream({"SC-Signature": SIGNATURE})
    stream.update(BODY[:10])
    stream.update(memoryview(BODY)[10:])
    assert stream.finish().key_index == 0
    for again in [stream.finish, lambda: stream.update(BODY)]:
        with pytest.raises(fleetgate.WebhookError) as info:
            again()  # type: ignore[operator]
        assert info.value.code == "stream_finished"


def test_results_are_frozen_dataclasses() -> None:
    verified = webhooks.Verifier.smartcar(AMT).verify({"SC-Signature": SIGNATURE}, BODY)
    assert verified.to_dict() == {"key_index": 0, "msg_id": None, "timestamp": None}
    assert repr(verified) == "Verified(key_index=0, msg_id=None, timestamp=None)"
    with pytest.raises(dataclasses.FrozenInstanceError):
        verified.key_index = 1  # type: ignore[misc]
    body = (b'{"eventId":"e1","eventType":"VEHICLE_STATE","data":{"vehicle":{"id":"v1"},"signals":['
            b'{"code":"odometer-traveleddistance","body":{"unit":"km","value":104.320},"meta":{"oemUpdatedAt":17}},'
            b'{"code":"location-preciselocation","status":{"value":"ERROR","error":{"type":"PERMISSION","code":"X"}}}'
            b']},"meta":{"deliveryId":"d1"}}')
    event = smartcar.parse_event(body)
    assert isinstance(event, smartcar.Event)
    assert event.readings == (smartcar.OdometerReading(
        vehicle_id="v1", event_id="e1", delivery_id="d1", raw_value="104.320", raw_unit="km", metres=104_320,
        read_at_ms=17, fetched_at_ms=None),)
    assert event.issues == (smartcar.VehicleIssue(
        error_type="PERMISSION", code="X", state=None, description=None, signal="location-preciselocation",
        suggested_user_message=None, doc_url=None, resolution=None, resolution_url=None, signals=()),)
    assert [type(s).__name__ for s in event.signals] == ["Signal", "Signal"]
    assert event.signals[0].body == {"unit": "km", "value": 104.32}
    assert event.signals[1].error == smartcar.SignalError(error_type="PERMISSION", code="X", description=None)
    assert isinstance(event.vehicle, smartcar.Vehicle) and event.vehicle.id == "v1"
    assert event.to_dict()["readings"][0]["metres"] == 104_320
    assert event == smartcar.parse_event(bytearray(body))


def test_smartcar_arguments() -> None:
    with pytest.raises(fleetgate.SmartcarError) as info:
        smartcar.parse_event(b'{"eventType":"VERIFY","data":{}}')
    assert (info.value.code, info.value.details["field"]) == ("invalid_payload", "eventId")
    expected = hmac.new(AMT.encode(), b"c-1", hashlib.sha256).hexdigest()
    assert smartcar.challenge(AMT, "c-1") == expected
    assert smartcar.challenge_reply(AMT, "c-1") == '{"challenge":"%s"}' % expected
    with pytest.raises(fleetgate.SmartcarError) as info:
        smartcar.challenge(AMT, 42)  # type: ignore[arg-type]
    assert (info.value.code, info.value.details["argument"]) == ("invalid_argument", "challenge")


def test_signed_content_template_sign_verify_stream() -> None:
    v = webhooks.Verifier.hmac("template-secret-0123456789abcdef", header="X-Sig", timestamp_header="X-Ts",
                               id_header="X-Id", signed_content="{id}:{timestamp}:{body}:{header:X-Shop}")
    body = b'{"id": 1}'
    signed = v.sign(body, timestamp=1_700_000_000, msg_id="d-1", headers={"x-shop": "shop-7"})
    assert list(signed) == ["X-Sig", "X-Ts", "X-Id", "X-Shop"]
    expected = hmac.new(b"template-secret-0123456789abcdef", b"d-1:1700000000:" + body + b":shop-7",
                        hashlib.sha256).hexdigest()
    assert signed["X-Sig"] == expected
    ok = v.verify(signed, body, now=1_700_000_000)
    assert (ok.key_index, ok.msg_id, ok.timestamp) == (0, "d-1", 1_700_000_000)
    stream = v.stream(list(signed.items()), now=1_700_000_000)
    stream.update(body[:3])
    stream.update(body[3:])
    assert stream.finish().msg_id == "d-1"
    with pytest.raises(fleetgate.WebhookError) as raised:
        v.verify({**signed, "X-Shop": "shop-8"}, body, now=1_700_000_000)
    assert raised.value.code == "invalid_signature"
    with pytest.raises(fleetgate.WebhookError) as raised:
        webhooks.Verifier.hmac("k", header="X-Sig", signed_content="{ts}.{body}")
    assert raised.value.code == "invalid_signed_content"
    assert raised.value.details == {"at": 0, "reason": raised.value.details["reason"]}
