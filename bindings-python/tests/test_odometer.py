"""The Python surface of fleetgate.odometer beyond the shared vectors: objects, columns, errors."""

from __future__ import annotations

import random

import pytest

from fleetgate import OdometerError, odometer


def test_reading_and_policy_objects() -> None:
    policy = odometer.Policy(max_speed_kmh=200, meter_digits=6)
    assert (policy.max_speed_kmh, policy.meter_digits, policy.tolerance_m) == (200.0, 6, 0)
    history = [odometer.Reading(1000, "km", 0, id=1), odometer.Reading.from_metres(1_100_000, 7200, id=2)]
    verdict = odometer.check(history, odometer.Reading("1,050", "km", 3600, event_id="e"), policy)
    assert (verdict.status, verdict.reason, verdict.metres, verdict.km) == ("accept", None, 1_050_000, 1050.0)
    assert "accept" in repr(verdict)


def test_bad_policy_and_readings_raise_odometer_error() -> None:
    with pytest.raises(OdometerError) as raised:
        odometer.Policy(min_elapsed_s=-1)
    assert raised.value.code == "invalid_policy"
    with pytest.raises(OdometerError) as raised:
        odometer.Reading(1, "km", "not a time")
    assert raised.value.code == "invalid_time"
    with pytest.raises(OdometerError) as raised:
        odometer.check([], {"value": 1, "unit": "km", "reading_time": 0, "colour": "red"})
    assert raised.value.code == "invalid_reading"
    with pytest.raises(OdometerError):
        odometer.check([], {"value": 1, "unit": "km", "reading_time": 0}, policy=42)  # type: ignore[arg-type]


def test_columns_agree_with_objects() -> None:
    rng = random.Random(7)
    values = [10_000 + i * 0.7 + rng.choice([0, 0, 0, -50, 400]) for i in range(500)]
    times = [1_700_000_000 + rng.randrange(0, 500) * 60 for _ in values]
    events = [f"e{rng.randrange(0, 450)}" for _ in values]
    columns = odometer.check_batch_columns(values, "km", times, event_ids=events)
    readings = [{"value": v, "unit": "km", "reading_time": t, "event_id": e} for v, t, e in zip(values, times, events)]
    verdicts = odometer.check_batch(readings)
    assert columns["status"] == [v.status for v in verdicts]
    assert columns["reason"] == [v.reason for v in verdicts]
    assert columns["metres"] == [v.metres for v in verdicts]
    # duplicate_of is the repeated reading's index in columns, its event id in the object API
    for index, verdict in zip(columns["duplicate_of"], verdicts):
        assert (index is None) == (verdict.duplicate_of is None)
        if index is not None:
            assert events[index] == verdict.duplicate_of


def test_columns_must_line_up() -> None:
    with pytest.raises(OdometerError):
        odometer.check_batch_columns([1.0, 2.0], "km", [0.0])
    with pytest.raises(OdometerError):
        odometer.check_batch_columns([1.0], ["km", "mi"], [0.0])


def test_meter_entry_only_for_accepted_readings() -> None:
    reading = odometer.Reading(104321.7, "miles", "2024-06-01T08:00:00Z", event_id="evt-9", received_time=1717228825)
    verdict = odometer.check([], reading)
    entry = odometer.meter_entry(verdict, reading, car_id=17, source_id=3, sync="manual")
    assert isinstance(entry, odometer.MeterEntry)
    assert entry.odometer_reading == 167889.502
    assert entry.notes == "Automatically synced from Smartcar (manual sync)"
    assert (entry.raw_value, entry.raw_unit, entry.received_time) == (104321.7, "miles", "2024-06-01T08:00:25Z")
    assert entry.source_type == "manual"
    assert entry.to_dict()["car_id"] == 17
    # the reading may be left out: the verdict holds it
    assert odometer.meter_entry(verdict, car_id=17, source_id=3, sync="manual") == entry
    duplicate = odometer.check([reading], reading)
    assert odometer.meter_entry(duplicate, reading, 17, 3) is None


def test_verdicts_cannot_be_forged() -> None:
    forged = {"status": "accept", "reason": None, "metres": 5_000_000, "km": 5000.0, "allowed_range_m": None,
              "duplicate_of": None}
    with pytest.raises(OdometerError) as raised:
        odometer.meter_entry(forged, car_id=17, source_id=3)  # type: ignore[arg-type]
    assert raised.value.code == "invalid_argument"
    assert raised.value.details["argument"] == "verdict"
    verdict = odometer.check([], {"value": 1000, "unit": "km", "reading_time": 0})
    other = {"value": 5000, "unit": "km", "reading_time": 0}
    with pytest.raises(OdometerError) as raised:
        odometer.meter_entry(verdict, other, car_id=17, source_id=3)
    assert raised.value.code == "invalid_argument"
    assert verdict.reading.unit == "km"
    assert verdict.to_dict() == {"status": "accept", "reason": None, "metres": 1_000_000, "km": 1000.0,
                                 "allowed_range_m": None, "duplicate_of": None}
    with pytest.raises(OdometerError) as raised:
        odometer.meter_entry(verdict, car_id=17)
    assert (raised.value.code, raised.value.details["path"]) == ("invalid_option", "source_id")


def test_errors_name_their_place() -> None:
    history = [{"value": 1, "unit": "km", "reading_time": 0}, {"value": 1, "unit": "km", "reading_time": "noon"}]
    with pytest.raises(OdometerError) as raised:
        odometer.check(history, {"value": 1, "unit": "km", "reading_time": 0})
    assert (raised.value.code, raised.value.details["path"]) == ("invalid_time", "[1].reading_time")
    with pytest.raises(OdometerError) as raised:
        odometer.check([], {"value": 1, "unit": "km", "reading_time": 0}, {"same_value_window_s": 10**12})
    assert (raised.value.code, raised.value.details["path"]) == ("invalid_policy", "same_value_window_s")
    assert raised.value.details["max"] == 31_536_000
    # a whole float id is the integer, in every binding
    dup = odometer.check([{"value": 1, "unit": "km", "reading_time": 0, "id": 7.0}],
                         {"value": 1, "unit": "km", "reading_time": 0})
    assert dup.duplicate_of == 7 and isinstance(dup.duplicate_of, int)
    with pytest.raises(OdometerError) as raised:
        odometer.check([], {"value": 1, "unit": "km", "reading_time": 0, "id": 7.5})
    assert (raised.value.code, raised.value.details["path"]) == ("invalid_reading", "id")
    # a NaN value is a void verdict, not an error
    assert odometer.check([], {"value": float("nan"), "unit": "km", "reading_time": 0}).reason == "invalid_value"
    with pytest.raises(OdometerError) as raised:
        odometer.check_batch_columns([1.0, "x"], "km", [0.0, 1.0])  # type: ignore[list-item]
    assert (raised.value.code, raised.value.details["path"]) == ("invalid_reading", "values[1]")


SMARTCAR_BODY = (
    b'{"eventId":"evt-7","eventType":"VEHICLE_STATE","data":{"vehicle":{"id":"veh-9"},"signals":[{"code":'
    b'"odometer-traveleddistance","body":{"unit":"kilometers","value":50031.200},"meta":{"oemUpdatedAt":1717203600000,'
    b'"fetchedAt":1717203605000}}]},"meta":{"version":"4.0","webhookId":"wh","deliveryId":"d-1",'
    b'"deliveredAt":1717203610000}}'
)


def test_from_a_smartcar_delivery_to_a_meter_entry_in_three_calls() -> None:
    from fleetgate import smartcar

    (delivered,) = smartcar.parse_event(SMARTCAR_BODY).readings
    assert isinstance(delivered, smartcar.OdometerReading)
    reading = odometer.reading_from_smartcar(delivered, received_time="2024-06-01T01:00:25Z")
    assert isinstance(reading, odometer.Reading)
    assert reading.to_dict() == {
        "value": "50031.200", "unit": "kilometers", "reading_time": "2024-06-01T01:00:00Z", "event_id": "evt-7",
        "source": "smartcar", "received_time": "2024-06-01T01:00:25Z",
    }
    history = [{"value": 50000, "unit": "km", "reading_time": 1717200000, "id": 1}]
    verdict = odometer.check(history, reading)
    entry = odometer.meter_entry(verdict, car_id=17, source_id=3)
    assert entry is not None
    assert (entry.source_type, entry.notes, entry.event_id) == ("manual", "Automatically synced from Smartcar", "evt-7")
    assert (entry.entry_date, entry.received_time, entry.raw_value) == (
        "2024-06-01T01:00:00Z", "2024-06-01T01:00:25Z", "50031.200")
    # The dict form is the same reading; stored with its row id, the retry is its duplicate.
    assert odometer.check(history, reading.to_dict()).to_dict() == verdict.to_dict()
    retry = odometer.check([*history, {**reading.to_dict(), "id": 2}], odometer.reading_from_smartcar(delivered))
    assert (retry.status, retry.duplicate_of) == ("duplicate", 2)
    assert odometer.reading_from_smartcar(delivered.to_dict(), received_time=0).to_dict()["reading_time"] == \
        "2024-06-01T01:00:00Z"


def test_a_smartcar_reading_without_reading_time_is_a_typed_error_unless_a_fallback_is_chosen() -> None:
    legacy = (b'{"version":"2.0","webhookId":"w","eventName":"schedule","payload":{"vehicles":[{"vehicleId":"v",'
              b'"requestId":"r-1","data":[{"path":"/odometer","body":{"distance":104.32}}]}]}}')
    from fleetgate import smartcar

    (delivered,) = smartcar.parse_event(legacy).readings
    with pytest.raises(OdometerError) as raised:
        odometer.reading_from_smartcar(delivered, received_time=0)
    assert raised.value.code == "missing_reading_time"
    assert raised.value.details == {"argument": "reading", "path": "read_at_ms", "event_id": "r-1"}
    received = odometer.reading_from_smartcar(delivered, received_time=60, time_fallback="received")
    assert received.to_dict()["reading_time"] == "1970-01-01T00:01:00Z"
    with pytest.raises(OdometerError) as raised:
        odometer.reading_from_smartcar(delivered, time_fallback="arrival")
    assert (raised.value.code, raised.value.details["path"]) == ("invalid_option", "time_fallback")
    with pytest.raises(OdometerError) as raised:
        odometer.reading_from_smartcar(delivered, now=5)  # type: ignore[call-arg]
    assert (raised.value.code, raised.value.details["path"]) == ("invalid_option", "now")


def test_current_is_the_newest_accepted_reading() -> None:
    history = [
        {"value": 1000, "unit": "km", "reading_time": 0, "id": 1},
        {"value": 1100, "unit": "km", "reading_time": 7200, "id": 2},
        {"value": 900, "unit": "km", "reading_time": 9000, "id": 3},  # out of sequence: never current
    ]
    found = odometer.current(history)
    assert isinstance(found, odometer.CurrentOdometer)
    assert found == odometer.CurrentOdometer(index=1, id=2, metres=1_100_000, km=1100.0,
                                             reading_time="1970-01-01T02:00:00Z")
    assert found.to_dict()["metres"] == 1_100_000
    assert odometer.current([]) is None
    assert odometer.current([odometer.Reading(999999, "km", 0)]) is None
    assert odometer.current(history, odometer.Policy(max_speed_kmh=1)).index == 0
    with pytest.raises(OdometerError) as raised:
        odometer.current(history, polcy=None)  # type: ignore[call-arg]
    assert raised.value.code == "invalid_argument"


def test_meter_entry_defaults_live_in_the_core() -> None:
    verdict = odometer.check([], {"value": 1, "unit": "km", "reading_time": 0})
    default = odometer.meter_entry(verdict, car_id=1, source_id=2)
    explicit_none = odometer.meter_entry(verdict, car_id=1, source_id=2, source_type=None, sync=None)
    assert default == explicit_none
    assert default is not None and (default.source_type, default.notes) == ("manual", "Automatically synced from Smartcar")
    custom = odometer.meter_entry(verdict, car_id=1, source_id=2, source_type="smartcar_sync", sync="manual")
    assert custom is not None and custom.source_type == "smartcar_sync"
    with pytest.raises(OdometerError) as raised:
        odometer.meter_entry(verdict, car_id=1, source_id=2, sync="cron")
    assert (raised.value.code, raised.value.details["path"]) == ("invalid_option", "sync")
