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
    assert entry is not None
    assert entry["odometer_reading"] == 167889.502
    assert entry["notes"] == "Automatically synced from Smartcar (manual sync)"
    assert (entry["raw_value"], entry["raw_unit"], entry["received_time"]) == (104321.7, "miles", "2024-06-01T08:00:25Z")
    duplicate = odometer.check([reading], reading)
    assert odometer.meter_entry(duplicate, reading, 17, 3) is None
