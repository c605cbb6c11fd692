"""
Odometer readings: normalisation, duplicates, order and speed checks, verdicts and meter entries.
"""

from typing import Any, final

__all__ = ["Policy", "Reading", "Verdict", "check", "check_batch", "check_batch_columns", "current", "meter_entry", "reading_from_smartcar"]

@final
class Policy:
    """
    The thresholds of the checks; every keyword is optional and defaults to the documented value
    (see ``docs/odometer.md``).
    """
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    def __new__(cls, /, *, max_speed_kmh: "float | None" = None, min_elapsed_s: "int | None" = None, meter_digits: "int | None" = None, tolerance_m: "int | None" = None, same_value_window_s: "int | None" = None, **unknown: "object") -> Policy:
        """
        Builds a policy; raises ``fleetgate.OdometerError`` (``invalid_policy``, with ``details.path`` and the
        bound) for a threshold of the wrong type or out of range.
        """
    def __repr__(self, /) -> str: ...
    @property
    def max_speed_kmh(self, /) -> float:
        """
        Highest plausible average speed between two readings, km/h.
        """
    @property
    def meter_digits(self, /) -> int | None:
        """
        Digits of the meter, if known.
        """
    @property
    def min_elapsed_s(self, /) -> int:
        """
        Elapsed-time floor in seconds for speed checks.
        """
    @property
    def same_value_window_s(self, /) -> int | None:
        """
        The legacy same-value duplicate window in seconds, if on.
        """
    @property
    def tolerance_m(self, /) -> int:
        """
        Slack in metres for the order checks.
        """

@final
class Reading:
    """
    One odometer reading: a value and unit (or whole metres), when the car recorded it, and what identifies it.
    """
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    def __new__(cls, /, value: "int | float | str", unit: "str", reading_time: "int | float | str", *, event_id: "str | None" = None, source: "str | None" = None, id: "int | str | None" = None, received_time: "int | float | str | None" = None, status: "str | None" = None, **unknown: "object") -> Reading:
        """
        A reading of ``value`` (a number or decimal string) in ``unit`` at ``reading_time`` (unix seconds or an
        RFC 3339 string). ``event_id``, ``source`` and ``id`` (your row id: a str or a whole number) identify it;
        ``status`` marks a history entry that was voided or duplicated. Raises ``fleetgate.OdometerError``
        (``invalid_reading`` / ``invalid_time``, with ``details.path``).
        """
    def __repr__(self, /) -> str: ...
    @property
    def event_id(self, /) -> str | None:
        """
        The source event id.
        """
    @staticmethod
    def from_metres(metres: "int", reading_time: "int | float | str", *, event_id: "str | None" = None, source: "str | None" = None, id: "int | str | None" = None, received_time: "int | float | str | None" = None, status: "str | None" = None, **unknown: "object") -> "Reading":
        """
        A reading already in whole metres.
        """
    @property
    def reading_time_ms(self, /) -> int:
        """
        The reading time in unix milliseconds.
        """
    @property
    def source(self, /) -> str | None:
        """
        The source (``smartcar``, ``manual``, ...).
        """
    def to_dict(self, /) -> "dict[str, object]":
        """
        The reading as a dict, as ``check`` takes it back: ``value`` + ``unit`` (or ``metres``),
        ``reading_time`` and ``received_time`` as RFC 3339 UTC, and ``event_id``, ``source``, ``id``,
        ``status`` when set (``{**reading.to_dict(), "id": row_id}`` adds your row id).
        """
    @property
    def unit(self, /) -> str | None:
        """
        The unit as given.
        """

@final
class Verdict:
    """
    The verdict on one reading, made only by ``check`` / ``check_batch`` and holding the reading it judged:
    ``status`` (accept, duplicate, void), ``reason``, ``metres``, ``km``, ``allowed_range_m``,
    ``duplicate_of``; ``to_dict()`` gives the JSON shape shared by every binding.
    """
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    def __repr__(self, /) -> str: ...
    @property
    def allowed_range_m(self, /) -> tuple[int, int | None] | None:
        """
        For order failures, ``(prev, next)`` in metres (``next`` None when unbounded).
        """
    @property
    def duplicate_of(self, /) -> Any:
        """
        For duplicates, the id (else the event id) of the reading this one repeats.
        """
    @property
    def km(self, /) -> float | None:
        """
        The reading in kilometres, when it could be read.
        """
    @property
    def metres(self, /) -> int | None:
        """
        The reading in whole metres, when it could be read.
        """
    @property
    def reading(self, /) -> Reading:
        """
        The reading this verdict was produced for.
        """
    @property
    def reason(self, /) -> str | None:
        """
        Why the reading is void (``out_of_sequence``, ``exceeds_max_rate``, ``unit_mismatch``,
        ``rollover_suspected``, ``invalid_value``), else None.
        """
    @property
    def status(self, /) -> str:
        """
        ``accept``, ``duplicate`` or ``void``.
        """
    def to_dict(self, /) -> "dict[str, object]":
        """
        The verdict as a dict in the JSON shape shared by every binding.
        """

def check(history: "list[Reading | dict[str, object]]", candidate: "Reading | dict[str, object]", policy: "Policy | dict[str, object] | None" = None, **unknown: "object") -> "Verdict":
    """
    Judges ``candidate`` against the vehicle's ``history`` (Readings or dicts, any order). Every reading gets a
    verdict; a bad value is a ``void`` verdict with reason ``invalid_value``. Raises ``fleetgate.OdometerError``
    for malformed readings (``invalid_reading``, ``invalid_time``) or policies (``invalid_policy``), with
    ``details.path``. Rules: ``docs/odometer.md``.
    """

def check_batch(readings: "list[Reading | dict[str, object]]", policy: "Policy | dict[str, object] | None" = None, **unknown: "object") -> "list[Verdict]":
    """
    Judges a whole history (a backfill) in one call: sorted by reading time, O(n log n); returns one verdict per
    input, in input order, the same as checking them one at a time in reading-time order.
    """

def check_batch_columns(values: "list[float]", units: "str | list[str]", times: "list[float]", *, event_ids: "list[str | None] | None" = None, sources: "list[str | None] | None" = None, policy: "Policy | dict[str, object] | None" = None, **unknown: "object") -> "dict[str, list[object]]":
    """
    ``check_batch`` over columns, for large backfills: ``values`` (floats), ``units`` (one unit name or one
    per value), ``times`` (unix seconds), optional ``event_ids`` and ``sources``. Returns a dict of lists:
    ``status``, ``reason``, ``metres`` and ``duplicate_of`` (the index of the repeated input, or None). These
    are not ``Verdict`` objects: meter entries come from ``check`` / ``check_batch`` verdicts.
    """

def current(history: "list[Reading | dict[str, object]]", policy: "Policy | dict[str, object] | None" = None, **unknown: "object") -> "object | None":
    """
    The vehicle's current odometer (a ``fleetgate.odometer.CurrentOdometer``): the newest reading of
    ``history`` that ``check_batch`` accepts under ``policy`` (entries with status ``void`` or ``duplicate``
    left out; latest reading time, then highest metres, then first in history order), or None when none is
    accepted (an empty history included). Raises ``OdometerError`` (``invalid_reading``, ``invalid_time``,
    ``invalid_policy``) like ``check_batch``.
    """

def meter_entry(verdict: "Verdict", reading: "Reading | dict[str, object] | None" = None, car_id: "int | str | None" = None, source_id: "int | str | None" = None, *, source_type: "str | None" = None, sync: "str | None" = None, **unknown: "object") -> "object | None":
    """
    The ``meter_entries`` row to insert for an accepted reading (a ``fleetgate.odometer.MeterEntry``), or None
    for a duplicate or void one. ``verdict`` must be a ``Verdict`` returned by ``check`` / ``check_batch`` (the
    entry is made from the reading it holds; anything else is ``invalid_argument``); a ``reading``, if given,
    must be that same reading. ``car_id`` and ``source_id`` are required; ``source_type`` and ``sync``
    (``webhook`` or ``manual``) have the documented defaults.
    """

def reading_from_smartcar(reading: "object", *, received_time: "int | float | str | None" = None, time_fallback: "str | None" = None, **unknown: "object") -> "Reading":
    """
    The reading ``check`` takes for one reading of ``smartcar.parse_event(body).readings``, passed as
    ``parse_event`` returns it (an ``OdometerReading``, or a dict with its fields): a ``Reading`` with source
    ``smartcar``, the event id, the car's reading time (``read_at_ms``, Smartcar's ``oemUpdatedAt``), the value
    exactly as delivered and ``received_time`` (unix seconds or RFC 3339; default: now). Without a reading time
    it raises ``OdometerError`` ``missing_reading_time`` unless ``time_fallback`` is ``"fetched"`` (Smartcar's
    fetch time) or ``"received"`` (that, else the received time); the default, ``"none"``, lives in the core.
    Also ``invalid_reading``, ``invalid_time``, ``invalid_option``, with ``details.path``.
    """
