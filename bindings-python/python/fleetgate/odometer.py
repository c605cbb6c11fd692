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
seconds or RFC 3339) and optionally ``event_id`` (a str), ``source``, ``id`` (your row id: a str or a whole number;
``7.0`` is ``7``), ``received_time``, ``status``. Unknown keys and wrong types raise ``OdometerError``
(``invalid_reading``; ``invalid_time`` for a time that cannot be read; ``invalid_policy`` for a policy), with
``details["path"]`` naming the place (``"[2].reading_time"``).

A Smartcar delivery becomes such a reading with :func:`reading_from_smartcar`, so ``smartcar.parse_event`` ->
``reading_from_smartcar`` -> :func:`check` -> :func:`meter_entry` needs no renaming. :func:`current` is the
vehicle's current odometer: the newest reading :func:`check_batch` accepts.

A :class:`Verdict` is made only by :func:`check` / :func:`check_batch` and holds the reading it judged;
:func:`meter_entry` takes only such a verdict, so a meter entry always belongs to a reading fleetgate checked.

>>> from fleetgate import odometer
>>> history = [{"value": 1000, "unit": "km", "reading_time": 0, "id": 1},
...            {"value": 1100, "unit": "km", "reading_time": 7200, "id": 2}]
>>> late = {"value": 1050, "unit": "km", "reading_time": 3600}
>>> verdict = odometer.check(history, late)
>>> verdict.status
'accept'
>>> odometer.meter_entry(verdict, car_id=17, source_id=3).odometer_reading
1050.0
>>> odometer.current(history).metres
1100000
>>> odometer.check(history, {"value": 1000, "unit": "km", "reading_time": 0, "source": None}).to_dict()["status"]
'duplicate'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Dict, List, Optional, Union, cast

from fleetgate._fleetgate import odometer as _native
from fleetgate._fleetgate.odometer import (
    Policy,
    Reading,
    Verdict,
    check,
    check_batch,
    check_batch_columns,
)
from fleetgate._result import Result

if TYPE_CHECKING:
    from fleetgate.smartcar import OdometerReading

__all__ = [
    "CurrentOdometer",
    "MeterEntry",
    "Policy",
    "Reading",
    "Verdict",
    "check",
    "check_batch",
    "check_batch_columns",
    "current",
    "meter_entry",
    "reading_from_smartcar",
]


@dataclass(frozen=True)
class MeterEntry(Result):
    """A ``meter_entries`` row (the app's column names) plus fleetgate's provenance fields."""

    car_id: Union[int, str]
    """The app's car id."""
    odometer_reading: float
    """The reading in kilometres (exact metres / 1000)."""
    entry_date: str
    """The reading time, RFC 3339 UTC."""
    source_type: str
    """The app's source type (default ``manual``)."""
    source_id: Union[int, str]
    """The ``smartcar_vehicles`` row id."""
    notes: str
    """"Automatically synced from Smartcar", or "... (manual sync)"."""
    metres: int
    """Provenance: the reading in whole metres."""
    raw_value: Union[int, float, str]
    """Provenance: the value exactly as delivered."""
    raw_unit: Optional[str]
    """Provenance: the unit exactly as delivered."""
    event_id: Optional[str]
    """Provenance: the source event id."""
    reading_time: str
    """Provenance: the reading time, RFC 3339 UTC."""
    received_time: Optional[str]
    """Provenance: when the reading reached the app, RFC 3339 UTC."""


@dataclass(frozen=True)
class CurrentOdometer(Result):
    """The current odometer (:func:`current`): which history entry it is and its value."""

    index: int
    """The entry's position in the history given."""
    id: Union[int, str, None]
    """The entry's ``id``, else its ``event_id``; None when it has neither."""
    metres: int
    """The reading in whole metres."""
    km: float
    """The reading in kilometres (metres / 1000)."""
    reading_time: str
    """When the car recorded it, RFC 3339 UTC."""


def current(
    history: List[Union[Reading, Dict[str, object]]],
    policy: Union[Policy, Dict[str, object], None] = None,
    **unknown: object,
) -> Optional[CurrentOdometer]:
    """The vehicle's current odometer: the newest reading of ``history`` that :func:`check_batch` accepts, or None.

    Entries with status ``void`` or ``duplicate`` are left out; the others are judged together as
    :func:`check_batch` judges a backfill (so an out-of-sequence, too fast, unit-swapped, rolled-over, unreadable or
    duplicated entry is never current); of the accepted ones, the latest reading time wins, then the highest metres,
    then the first in history order. None when none is accepted (an empty history included).
    """
    found = _native.current(history, policy, **unknown)
    return cast(Optional[CurrentOdometer], found)


def reading_from_smartcar(
    reading: Union["OdometerReading", Dict[str, object]],
    *,
    received_time: Union[int, float, str, None] = None,
    time_fallback: Optional[str] = None,
    **unknown: object,
) -> Reading:
    """The :class:`Reading` :func:`check` takes for one reading of ``smartcar.parse_event(body).readings``.

    ``reading`` is passed exactly as ``parse_event`` returns it (a ``fleetgate.smartcar.OdometerReading``, or a dict
    with its fields). The result has source ``smartcar``, the event id (the same across Smartcar's retries), the
    car's reading time (``read_at_ms``, Smartcar's ``oemUpdatedAt``), the value exactly as delivered and
    ``received_time`` (unix seconds or RFC 3339; default: now). A reading without the car's time raises
    ``OdometerError`` ``missing_reading_time`` unless ``time_fallback`` is ``"fetched"`` (Smartcar's fetch time) or
    ``"received"`` (that, else the received time); the default, ``"none"``, lives in the core. Add your row id when
    you store it: ``{**reading.to_dict(), "id": row_id}``.
    """
    made = _native.reading_from_smartcar(reading, received_time=received_time, time_fallback=time_fallback, **unknown)
    return cast(Reading, made)


def meter_entry(
    verdict: Verdict,
    reading: Union[Reading, Dict[str, object], None] = None,
    car_id: Union[int, str, None] = None,
    source_id: Union[int, str, None] = None,
    *,
    source_type: Optional[str] = None,
    sync: Optional[str] = None,
    **unknown: object,
) -> Optional[MeterEntry]:
    """The ``meter_entries`` row to insert for an accepted reading, or None for a duplicate or void one.

    ``verdict`` must be a :class:`Verdict` returned by :func:`check` / :func:`check_batch` (anything else is
    ``invalid_argument``): the entry is made from the reading it holds, and a ``reading``, if given, must be that same
    reading. ``car_id`` and ``source_id`` are required (a str or a whole number); ``source_type`` (optional, default
    ``manual``: the app's enum has no ``smartcar_sync``) and ``sync`` (optional: ``webhook``, the default, or
    ``manual``) label the row; None is the default. Defaults and checks live in the core (``docs/odometer.md``).
    """
    entry = _native.meter_entry(verdict, reading, car_id, source_id, source_type=source_type, sync=sync, **unknown)
    return cast(Optional[MeterEntry], entry)
