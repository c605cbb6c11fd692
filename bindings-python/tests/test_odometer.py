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
