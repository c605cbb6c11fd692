"""fleetgate.smartcar.Client and fleetgate.odoo.Client against scripted servers on 127.0.0.1."""

from __future__ import annotations

import base64
import json
import threading

import pytest

import fleetgate
from fleetgate import odometer, odoo, retry, smartcar
from mock_http import Answer, Request, serve

SECRET = "client-secret-s3cr3t"
NOW = 1_700_000_000
DATA_AGE = "2023-11-14T21:00:00.000Z"
DATA_AGE_S = 1_699_995_600


def fast(attempts: int = 3) -> retry.Backoff:
    return retry.Backoff(kind="constant", base=0.01, cap=5.0, max_attempts=attempts, seed=1)


def client(url: str, *, attempts: int = 3, timeout: float = 2.0) -> smartcar.Client:
    return smartcar.Client(
        "client-id", SECRET, auth_base_url=url, api_base_url=url, timeout=timeout, backoff=fast(attempts)
    )


def tokens(access: str = "new-access", refresh: str = "new-refresh", delay: float = 0.0) -> Answer:
    body = {"access_token": access, "token_type": "Bearer", "expires_in": 7200, "refresh_token": refresh}
    return Answer(200, json.dumps(body), delay=delay)


def odometer_answer(distance: str, system: str = "metric") -> Answer:
    return Answer(200, f'{{"distance": {distance}}}', {"SC-Unit-System": system, "SC-Data-Age": DATA_AGE})


def smartcar_handler(distance: str = "104.32", token_delay: float = 0.0):
    def handle(request: Request, seen: int) -> Answer:
        if request.path == "/oauth/token":
            return tokens(delay=token_delay)
        if request.headers.get("authorization") in ("Bearer new-access", "Bearer old-access"):
            return odometer_answer(distance)
        return Answer(401, '{"type": "AUTHENTICATION", "description": "bad token"}')

    return handle


def vehicle(expires_at: int) -> dict[str, object]:
    return {
        "id": 7,
        "smartcar_vehicle_id": "veh-1",
        "car_id": "car-42",
        "access_token": "old-access",
        "refresh_token": "old-refresh",
        "expires_at": expires_at,
    }


def refusing_handler(accepted: "str | None", status: int = 401):
    """Token endpoint answering new-access; the odometer accepts only ``accepted`` (None: every token refused)."""

    def handle(request: Request, seen: int) -> Answer:
        if request.path == "/oauth/token":
            return tokens()
        if accepted is not None and request.headers.get("authorization") == f"Bearer {accepted}":
            return odometer_answer("104.32")
        return Answer(status, '{"type": "AUTHENTICATION", "description": "token refused"}')

    return handle


def test_a_401_on_an_unexpired_token_refreshes_once_and_retries_once() -> None:
    with serve(refusing_handler("new-access")) as server:
        sc = client(server.url)
        outcome = sc.sync_vehicle(vehicle(NOW + 3600), [], now=NOW)
        assert len(server.for_path("/oauth/token")) == 1
        reads = server.for_path("/v2.0/vehicles/veh-1/odometer")
        assert [r.headers["authorization"] for r in reads] == ["Bearer old-access", "Bearer new-access"]
        assert len(server.requests) == 3
        # The client keeps the tokens it got: the same stale row synced again exchanges nothing.
        again = sc.sync_vehicle(vehicle(NOW + 3600), [], now=NOW)
        assert again.tokens.refresh_token == "new-refresh"
        assert len(server.for_path("/oauth/token")) == 1
    assert outcome.tokens == smartcar.SyncTokens(
        access_token="new-access", refresh_token="new-refresh", expires_at=NOW + 7200, refreshed=True
    )
    assert outcome.sync_log["token_refreshed"] is True
    assert outcome.verdict["status"] == "accept"


def test_a_second_401_is_the_error_after_one_refresh_and_one_retry() -> None:
    with serve(refusing_handler(None)) as server:
        with pytest.raises(fleetgate.ClientError) as raised:
            client(server.url).sync_vehicle(vehicle(NOW + 3600), [], now=NOW)
        assert raised.value.code == "unauthorized"
        assert len(server.for_path("/oauth/token")) == 1
        assert len(server.for_path("/v2.0/vehicles/veh-1/odometer")) == 2
        assert len(server.requests) == 3


def test_no_refresh_after_a_401_on_just_refreshed_tokens_nor_after_a_403() -> None:
    with serve(refusing_handler(None)) as server:
        with pytest.raises(fleetgate.ClientError):
            client(server.url).sync_vehicle(vehicle(NOW - 10), [], now=NOW)
        assert (len(server.for_path("/oauth/token")), len(server.requests)) == (1, 2)
    with serve(refusing_handler(None, 403)) as server:
        with pytest.raises(fleetgate.ClientError) as raised:
            client(server.url).sync_vehicle(vehicle(NOW + 3600), [], now=NOW)
        assert raised.value.code == "unauthorized"
        assert len(server.requests) == 1


def test_refresh_token_sends_basic_auth_and_a_form() -> None:
    with serve(smartcar_handler()) as server:
        got = client(server.url).refresh_token("old-refresh", now=NOW)
        sent = server.for_path("/oauth/token")[0]
    assert got == smartcar.Tokens(access_token="new-access", refresh_token="new-refresh", expires_at=NOW + 7200)
    assert got.to_dict() == {"access_token": "new-access", "refresh_token": "new-refresh", "expires_at": NOW + 7200}
    assert "new-access" not in repr(got), "tokens are secrets"
    basic = base64.b64encode(f"client-id:{SECRET}".encode()).decode()
    assert sent.method == "POST"
    assert sent.headers["authorization"] == f"Basic {basic}"
    assert sent.body == b"grant_type=refresh_token&refresh_token=old-refresh"


def test_expired_token_is_refreshed_once_under_concurrent_syncs() -> None:
    with serve(smartcar_handler(token_delay=0.3)) as server:
        sc = client(server.url)
        results: list[dict[str, object]] = []
        lock = threading.Lock()

        def sync() -> None:
            outcome = sc.sync_vehicle(vehicle(NOW - 10), [], now=NOW)
            with lock:
                results.append(outcome)

        threads = [threading.Thread(target=sync) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(server.for_path("/oauth/token")) == 1
        assert len(server.for_path("/v2.0/vehicles/veh-1/odometer")) == 6
    assert len(results) == 6
    for outcome in results:
        assert outcome.tokens == smartcar.SyncTokens(
            access_token="new-access", refresh_token="new-refresh", expires_at=NOW + 7200, refreshed=True
        )
        assert "new-access" not in repr(outcome) and "new-refresh" not in repr(outcome)
        assert outcome.verdict["status"] == "accept"


def test_rate_limited_then_success_waits_for_retry_after() -> None:
    def handle(request: Request, seen: int) -> Answer:
        return Answer(429, "{}", {"Retry-After": "1"}) if seen == 0 else odometer_answer("5")

    with serve(handle) as server:
        read = client(server.url).odometer("veh-1", "tok")
        first, second = server.for_path("/v2.0/vehicles/veh-1/odometer")
    assert read.to_dict() == {"value": "5", "unit": "km", "metres": 5000, "reading_time": "2023-11-14T21:00:00Z"}
    assert second.at - first.at >= 1.0  # the server's Retry-After, not the 0.01 s backoff


def test_rate_limited_until_attempts_run_out() -> None:
    with serve(lambda r, seen: Answer(429, "{}", {"Retry-After": "0"})) as server:
        with pytest.raises(fleetgate.ClientError) as raised:
            client(server.url, attempts=2).odometer("veh-1", "tok")
        assert len(server.for_path("/v2.0/vehicles/veh-1/odometer")) == 2
    assert raised.value.code == "rate_limited"


def test_service_unavailable_then_success() -> None:
    def handle(request: Request, seen: int) -> Answer:
        return Answer(503, "busy") if seen == 0 else odometer_answer("7")

    with serve(handle) as server:
        assert client(server.url).odometer("veh-1", "tok").metres == 7000
        assert len(server.for_path("/v2.0/vehicles/veh-1/odometer")) == 2


def test_timeout_is_retried_then_reported() -> None:
    with serve(lambda r, seen: Answer(200, '{"distance": 1}', delay=1.5)) as server:
        with pytest.raises(fleetgate.ClientError) as raised:
            client(server.url, attempts=2, timeout=0.2).odometer("veh-1", "tok")
        assert len(server.for_path("/v2.0/vehicles/veh-1/odometer")) == 2
    assert raised.value.code == "timeout"


def test_malformed_json_is_invalid_response() -> None:
    with serve(lambda r, seen: Answer(200, '{"distance": ', {"SC-Data-Age": DATA_AGE})) as server:
        with pytest.raises(fleetgate.ClientError) as raised:
            client(server.url).odometer("veh-1", "tok")
    assert raised.value.code == "invalid_response"


def test_imperial_units_are_sent_and_honoured() -> None:
    def handle(request: Request, seen: int) -> Answer:
        return odometer_answer("100", request.headers.get("sc-unit-system", "none"))

    with serve(handle) as server:
        read = client(server.url).odometer("veh-1", "tok", unit_system="imperial")
        assert server.for_path("/v2.0/vehicles/veh-1/odometer")[0].headers["sc-unit-system"] == "imperial"
    assert isinstance(read, smartcar.OdometerRead)
    assert (read.value, read.unit, read.metres) == ("100", "miles", 160_934)


def test_v3_signal() -> None:
    body = '{"body": {"unit": "miles", "value": 10}, "meta": {"oemUpdatedAt": 1699995600000}}'
    with serve(lambda r, seen: Answer(200, body)) as server:
        read = client(server.url).odometer("veh-1", "tok", version=3)
        assert len(server.for_path("/v3/vehicles/veh-1/signals/odometer-traveleddistance")) == 1
    assert read.to_dict() == {"value": "10", "unit": "miles", "metres": 16_093, "reading_time": "2023-11-14T21:00:00Z"}


def test_wrong_credentials_are_unauthorized_and_secrets_never_show() -> None:
    answer = Answer(401, '{"error": "invalid_client", "error_description": "no such client for old-refresh"}')
    with serve(lambda r, seen: answer) as server:
        sc = client(server.url)
        with pytest.raises(fleetgate.ClientError) as raised:
            sc.sync_vehicle(vehicle(NOW - 10), [], now=NOW)
        assert len(server.for_path("/oauth/token")) == 1
    err = raised.value
    assert isinstance(err, fleetgate.FleetgateError)
    assert err.code == "unauthorized"
    shown = " ".join([str(err), repr(err), repr(sc), repr(err.args)])
    assert "invalid_client" in shown
    for secret in (SECRET, "old-refresh", "old-access"):
        assert secret not in shown


def test_bad_arguments_are_invalid_argument() -> None:
    with pytest.raises(fleetgate.ClientError) as raised:
        smartcar.Client("id", SECRET, api_base_url="ftp://example")
    assert raised.value.code == "invalid_argument"
    sc = smartcar.Client("id", SECRET, auth_base_url="http://127.0.0.1:9", api_base_url="http://127.0.0.1:9")
    for call in (
        lambda: sc.sync_vehicle({"id": 1}, [], now=NOW),
        lambda: smartcar.Client("id", SECRET, timeout=0),
        lambda: smartcar.Client("id", SECRET, backoff={"kind": "linear"}),
        lambda: smartcar.Client(42, SECRET),  # type: ignore[arg-type]
        lambda: sc.odometer(42, "tok"),  # type: ignore[arg-type]
    ):
        with pytest.raises(fleetgate.ClientError) as raised:
            call()
        assert raised.value.code == "invalid_argument"
    # Options of the wrong type or value, or unknown ones, are invalid_option naming the option.
    for call, path in (
        (lambda: sc.odometer("veh-1", "tok", version=4), "version"),
        (lambda: sc.odometer("veh-1", "tok", unit_system="furlongs"), "unit_system"),
        (lambda: sc.sync_vehicle(vehicle(NOW), [], now="yesterday"), "now"),
        (lambda: smartcar.Client("id", SECRET, timeout="10"), "timeout"),
        (lambda: smartcar.Client("id", SECRET, backoff=3), "backoff"),
        (lambda: sc.refresh_token("rt", nowe=1), "nowe"),
    ):
        with pytest.raises(fleetgate.ClientError) as raised:
            call()
        assert (raised.value.code, raised.value.details["path"]) == ("invalid_option", path)
    assert smartcar.Client("id", SECRET, backoff={"max_attempts": 2}), "the data form of a backoff"
    with pytest.raises(fleetgate.OdometerError):
        sc.sync_vehicle(vehicle(NOW), [{"value": 1}], now=NOW)


def webhook_reading(value: str) -> tuple[odometer.Reading, smartcar.OdometerReading]:
    body = json.dumps(
        {
            "eventId": "evt-1",
            "eventType": "VEHICLE_STATE",
            "data": {
                "vehicle": {"id": "veh-1"},
                "signals": [
                    {
                        "code": "odometer-traveleddistance",
                        "body": {"unit": "kilometers", "value": float(value)},
                        "meta": {"oemUpdatedAt": DATA_AGE_S * 1000},
                    }
                ],
            },
            "meta": {"deliveryId": "d1"},
        }
    ).encode()
    parsed = smartcar.parse_event(body).readings[0]
    # The webhook path in three calls: parse_event -> reading_from_smartcar -> check (plus the row id it is stored with).
    reading = odometer.reading_from_smartcar(parsed, received_time=NOW)
    return odometer.Reading(**{**reading.to_dict(), "id": 501}), parsed


def test_manual_sync_and_webhook_of_the_same_reading_make_one_entry() -> None:
    webhook, _ = webhook_reading("104.32")
    webhook_verdict = odometer.check([], webhook)
    webhook_entry = odometer.meter_entry(webhook_verdict, webhook, "car-42", 7, sync="webhook")
    assert webhook_verdict.status == "accept" and webhook_entry is not None
    with serve(smartcar_handler("104.32")) as server:
        sc = client(server.url)
        # Webhook first: the manual sync is its duplicate.
        second = sc.sync_vehicle(vehicle(NOW + 3600), [webhook], now=NOW)
        assert second.verdict["status"] == "duplicate"
        assert second.verdict["duplicate_of"] == 501
        assert second.meter_entry is None
        assert second.sync_log["status"] == "duplicate"
        # Sync first: accepted, the same row as the webhook's, and then the webhook is the duplicate.
        first = sc.sync_vehicle(vehicle(NOW + 3600), [], now=NOW)
    entry = first.meter_entry
    assert entry is not None
    keys = ("car_id", "odometer_reading", "entry_date", "source_type", "source_id", "metres")
    assert {k: entry[k] for k in keys} == {k: getattr(webhook_entry, k) for k in keys}
    assert entry["notes"] == "Automatically synced from Smartcar (manual sync)"
    stored = {"value": entry["raw_value"], "unit": entry["raw_unit"], "reading_time": entry["reading_time"],
              "source": "smartcar", "id": 900}
    again = odometer.check([stored], webhook)
    assert (again.status, again.duplicate_of) == ("duplicate", 900)
    assert "old-access" not in json.dumps(first.sync_log)


def odoo_handler(request: Request, seen: int) -> Answer:
    if request.path == "/api/fleet/vehicles":
        return Answer(200, '[{"id": 1, "image_url": "/web/image/1.png", "images": ["a.png"]}]')
    if request.path == "/api/fleet/vehicles/1/availability":
        return Answer(200, json.dumps({"query": request.query}))
    if request.path == "/api/fleet/bookings":
        return Answer(503, "{}", {"Retry-After": "0"}) if seen == 0 else Answer(201, '{"id": 11}')
    return Answer(404, '{"error": "not found"}')


BOOKING = {
    "vehicle_id": 1,
    "customer_name": "Ada Lovelace",
    "customer_email": "ada@example.com",
    "customer_phone": "+32 470 12 34 56",
    "date_from": "2026-02-01",
    "date_to": "2026-02-03",
}


def test_odoo_vehicles_availability_and_bookings() -> None:
    with serve(odoo_handler) as server:
        client = odoo.Client(server.url, backoff=fast())
        assert client.vehicles() == [
            {"id": 1, "image_url": f"{server.url}/web/image/1.png", "images": [f"{server.url}/a.png"]}
        ]
        assert client.availability(1, "2026-02-01", "2026-02-03") == {"query": "start=2026-02-01&end=2026-02-03"}
        with pytest.raises(fleetgate.ClientError) as raised:
            client.vehicle(2)
        assert (raised.value.code, str(raised.value)) == ("upstream_error", "the upstream answered HTTP 404: not found")
        with pytest.raises(fleetgate.ClientError) as raised:
            client.create_booking(BOOKING, now="2026-01-01T00:00:00Z")
        assert raised.value.code == "upstream_error"  # a POST without a key is not repeated
        assert len(server.for_path("/api/fleet/bookings")) == 1
        assert client.create_booking(BOOKING, idempotency_key="k-1", now="2026-01-01T00:00:00Z") == {"id": 11}
        assert server.for_path("/api/fleet/bookings")[1].headers["idempotency-key"] == "k-1"
        with pytest.raises(fleetgate.BookingValidationError) as refused:
            client.create_booking({**BOOKING, "customer_email": "nope"}, now="2026-01-01T00:00:00Z")
        assert [e["loc"] for e in refused.value.errors] == [["customer_email"]]
        assert len(server.for_path("/api/fleet/bookings")) == 2
    assert "Client(base_url=" in repr(client)


# --- stock Odoo's website rental routes (JSON-RPC, errors at HTTP 200) ----------------------------------------


def rpc(request: Request, result: object = None, error: object = None) -> Answer:
    """Odoo's JSON-RPC reply to `request`, echoing its id."""
    reply: dict[str, object] = {"jsonrpc": "2.0", "id": json.loads(request.body)["id"]}
    reply["error" if error is not None else "result"] = error if error is not None else result
    return Answer(200, json.dumps(reply))


CONSTRAINTS = {
    "renting_unavailabity_days": {"1": False, "2": False, "3": False, "4": False, "5": False, "6": True, "7": True},
    "renting_minimal_time": {"duration": 2, "unit": "day"},
    "website_tz": "Europe/Brussels",
}
AVAILABILITIES = {
    "preparation_time": 1.5,
    "renting_availabilities": [
        {"start": "2026-02-03 12:00:00", "end": "2026-02-10 00:00:00", "quantity_available": 0.0},
        {"start": "2026-02-01 00:00:00", "end": "2026-02-03 12:00:00", "quantity_available": 2.0},
    ],
}


def rental_handler(request: Request, seen: int) -> Answer:
    if request.path == "/rental/product/constraints":
        return rpc(request, CONSTRAINTS)
    if request.path == "/rental/product/availabilities":
        return rpc(request, AVAILABILITIES)
    return Answer(404, "<html>404</html>")


def test_rental_constraints_become_booking_rules_for_validate() -> None:
    with serve(rental_handler) as server:
        client = odoo.Client(server.url, backoff=fast())
        constraints = client.rental_constraints()
        sent = server.for_path("/rental/product/constraints")[0]
        assert sent.method == "POST" and sent.headers["content-type"] == "application/json"
        assert json.loads(sent.body) == {"jsonrpc": "2.0", "method": "call", "params": {}, "id": 1}
    assert isinstance(constraints, odoo.RentalConstraints)
    assert constraints.forbidden_weekdays == ("sat", "sun")
    assert constraints.minimal_time == odoo.MinimalTime(duration=2, unit="day")
    assert constraints.time_zone == "Europe/Brussels"
    rules = {"max_rental_days": 30, **constraints.booking_rules}
    saturday = {**BOOKING, "date_from": "2026-02-07", "date_to": "2026-02-10"}
    with pytest.raises(fleetgate.BookingValidationError) as refused:
        fleetgate.booking.validate(saturday, rules=rules, now="2026-01-01T00:00:00Z")
    assert [e["code"] for e in refused.value.errors] == ["weekday_not_allowed"]
    two_days = {**BOOKING, "date_from": "2026-02-02", "date_to": "2026-02-03"}  # inclusive: 48 hours
    assert fleetgate.booking.validate(two_days, rules=rules, now="2026-01-01T00:00:00Z").start == "2026-02-01T23:00:00Z"


def test_rental_availabilities_send_odoo_datetimes_and_return_a_timeline() -> None:
    with serve(rental_handler) as server:
        client = odoo.Client(server.url, backoff=fast())
        got = client.rental_availabilities(42, "2026-02-01T01:00:00+01:00", 1_770_508_800)
        sent = json.loads(server.for_path("/rental/product/availabilities")[0].body)
        assert sent["params"] == {"product_id": 42, "min_date": "2026-02-01 00:00:00", "max_date": "2026-02-08 00:00:00"}
        for bad in [(0, NOW, NOW + 60), (42, NOW, NOW), ("42", NOW, NOW + 60), (42, "tomorrow", NOW)]:
            with pytest.raises(fleetgate.FleetgateError) as raised:
                client.rental_availabilities(*bad)
            assert raised.value.code == "invalid_argument", bad
        assert len(server.for_path("/rental/product/availabilities")) == 1
    assert (got.preparation_time, got.padding_seconds, got.padding_hours, got.stock_limited) == (1.5, 5400, 2, True)
    assert got.segments == (
        odoo.RentalSegment(start="2026-02-01T00:00:00Z", end="2026-02-03T12:00:00Z", quantity_available=2),
        odoo.RentalSegment(start="2026-02-03T12:00:00Z", end="2026-02-10T00:00:00Z", quantity_available=0),
    )


def test_rental_rpc_errors_http_errors_and_malformed_replies() -> None:
    def handler(request: Request, seen: int) -> Answer:
        if request.path == "/rental/product/constraints":
            return rpc(request, error={"code": 200, "message": "Odoo Server Error", "data": {
                "name": "odoo.exceptions.AccessError", "message": "No access", "debug": "Traceback ..."}})
        if request.path == "/rental/product/availabilities":
            if json.loads(request.body)["params"]["product_id"] == 1:
                return rpc(request, {"preparation_time": "soon", "renting_availabilities": [{"start": "x"}]})
            if json.loads(request.body)["params"]["product_id"] == 2:
                return Answer(200, '{"jsonrpc": "2.0", "result": {"preparation_time": 0, "x": "' + "y" * 9_000_000 + '"}}')
            return Answer(500, '{"message": "boom"}')
        return Answer(404, "<html>404</html>")

    with serve(handler) as server:
        client = odoo.Client(server.url, backoff=fast())
        with pytest.raises(fleetgate.OdooError) as rpc_error:
            client.rental_constraints()
        assert rpc_error.value.code == "odoo_rpc_error"
        assert rpc_error.value.details == {"rpc_code": 200, "rpc_message": "Odoo Server Error",
                                           "name": "odoo.exceptions.AccessError", "data_message": "No access"}
        with pytest.raises(fleetgate.OdooError) as malformed:
            client.rental_availabilities(1, NOW, NOW + 3600)
        assert malformed.value.code == "invalid_odoo_payload"
        assert [p["loc"] for p in malformed.value.details["errors"]] == [
            "result.preparation_time", "result.renting_availabilities[0].start",
            "result.renting_availabilities[0].end", "result.renting_availabilities[0].quantity_available"]
        with pytest.raises(fleetgate.ClientError) as too_large:
            client.rental_availabilities(2, NOW, NOW + 3600)
        assert too_large.value.code == "response_too_large"
        with pytest.raises(fleetgate.ClientError) as failed:
            client.rental_availabilities(3, NOW, NOW + 3600)
        assert failed.value.code == "upstream_error"
        assert len([r for r in server.for_path("/rental/product/availabilities")
                    if json.loads(r.body)["params"]["product_id"] == 3]) == 3  # read-only: retried
    with serve(lambda r, s: Answer(404, "<html>404</html>")) as missing:
        with pytest.raises(fleetgate.ClientError) as not_installed:
            odoo.Client(missing.url, backoff=fast()).rental_constraints()
        assert (not_installed.value.code, not_installed.value.details["status"]) == ("upstream_error", 404)


def test_rental_replies_fetched_elsewhere_are_read_the_same() -> None:
    reply = {"jsonrpc": "2.0", "id": 9, "result": CONSTRAINTS}
    as_dict = odoo.rental_constraints(reply)
    assert odoo.rental_constraints(json.dumps(reply).encode()) == as_dict == odoo.rental_constraints(json.dumps(reply))
    assert as_dict.to_dict()["booking_rules"] == {
        "forbidden_weekdays": ["sat", "sun"], "min_rental_hours": 48, "time_zone": "Europe/Brussels"}
    timeline = odoo.rental_availabilities({"jsonrpc": "2.0", "result": {"preparation_time": 0}})
    assert (timeline.stock_limited, timeline.segments) == (False, ())
    with pytest.raises(fleetgate.OdooError) as raised:
        odoo.rental_availabilities(b"<html>")
    assert raised.value.details["errors"][0]["code"] == "not_json"
