"""Odometer readings: from a Smartcar (or manual) reading to a meter entry, with nothing lost and nothing wrong.

The rules (``docs/odometer.md`` in the fleetgate repository), applied in this order:

1. **Normalise** value + unit to integer metres (exact mile); NaN, negatives, sentinels (999999, 16777215, all
   nines of ``meter_digits``) and values above the meter's capacity are ``void`` / ``invalid_value``.
2. **Duplicate by identity**: the same ``event_id``, or the same (``source``, ``reading_time``), as an earlier
   reading. Identical values at different times are real "parked car" readings, not duplicates (the legacy rule is
   available as ``Policy(same_value_window_s=3600)``).
3. **Order by reading time**: a late delivery is placed among its neighbours (``prev <= value <= next``).
4. A failed order check is ``rollover_suspected``, ``unit_mismatch`` or ``out_of_sequence`` (with
   ``allowed_range_m``).
5. **Implied speed** at most ``max_speed_kmh`` against both neighbours, else ``exceeds_max_rate``.

Readings are :class:`Reading` objects or dicts with ``value`` + ``unit`` (or ``metres``), ``reading_time`` (unix
seconds or RFC 3339) and optionally ``event_id``, ``source``, ``id`` (your row id), ``received_time``, ``status``.

>>> from fleetgate import odometer
>>> history = [{"value": 1000, "unit": "km", "reading_time": 0, "id": 1},
...            {"value": 1100, "unit": "km", "reading_time": 7200, "id": 2}]
>>> odometer.check(history, {"value": 1050, "unit": "km", "reading_time": 3600}).status
'accept'
>>> odometer.check(history, {"value": 1000, "unit": "km", "reading_time": 0, "source": None}).to_dict()["status"]
'duplicate'
"""

from __future__ import annotations

from fleetgate._fleetgate.odometer import (
    Policy,
    Reading,
    Verdict,
    check,
    check_batch,
    check_batch_columns,
    meter_entry,
)

__all__ = ["Policy", "Reading", "Verdict", "check", "check_batch", "check_batch_columns", "meter_entry"]
