"""Smartcar webhooks: event parsing into odometer readings, and the VERIFY reply.

:func:`parse_event` reads the raw body of a delivery (verify it first with
``fleetgate.webhooks.Verifier.smartcar(amt)``) in the current format (``VERIFY``, ``VEHICLE_STATE``,
``VEHICLE_ERROR``) and the legacy v2 one (``verify``, ``schedule``, ``scheduled``, ``eventBased``, ``dynamic``).
The :class:`Event` keeps every field of both envelopes: the user, the :class:`Vehicle` (make, model, year), the
:class:`Trigger` s (both forms), every :class:`Signal` with its body, the meta fields, VEHICLE_ERROR entries as
:class:`VehicleIssue` s (suggested user message, doc URL, resolution, signals) and the legacy
:class:`EventBased` payload. Each odometer signal also becomes an :class:`OdometerReading` with the value exactly
as delivered (``raw_value``), the unit, whole ``metres``, and the reading time ``read_at_ms`` (``oemUpdatedAt``,
unix milliseconds). Bad JSON or a
missing field raises :class:`fleetgate.SmartcarError` (``invalid_payload``) naming the field
(``.details["field"]``). Results are frozen dataclasses (``==``, ``repr``, ``to_dict()``). A VERIFY challenge
that is itself a JSON object or array is refused too: its answer would sign that text as a forged body.

>>> from fleetgate import smartcar
>>> body = (b'{"eventId":"e1","eventType":"VEHICLE_STATE","data":{"vehicle":{"id":"v1"},"signals":'
...         b'[{"code":"odometer-traveleddistance","body":{"unit":"km","value":104.320}}]}}')
>>> reading = smartcar.parse_event(body).readings[0]
>>> (reading.raw_value, reading.metres)
('104.320', 104320)

:class:`Client` calls the Smartcar API: ``refresh_token`` (Basic auth; store the new refresh token it returns),
``odometer`` (v2 with ``SC-Unit-System`` and ``SC-Data-Age``, or v3 signals) and ``sync_vehicle``, the "Sync Now"
button: refresh if needed, read, judge with the same rules as a webhook delivery, and return the meter entry to
insert. Requests release the GIL; failures raise :class:`fleetgate.ClientError` (``unauthorized``,
``rate_limited``, ``timeout``, ...), whose messages never contain the client secret or a token.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Dict, Optional, Tuple, Type, Union

from fleetgate._fleetgate import smartcar as _native
from fleetgate._fleetgate.smartcar import challenge, challenge_reply
from fleetgate._result import Result


@dataclass(frozen=True)
class OdometerReading(Result):
    """One odometer reading of an event (what the odometer sync consumes).

    ``raw_value`` is the distance exactly as its JSON number was written (``"104.320"``), ``raw_unit`` the unit as
    delivered (legacy: the unit system, ``"metric"`` by default), ``metres`` the exact whole metres;
    ``read_at_ms`` (``oemUpdatedAt``) and ``fetched_at_ms`` are unix milliseconds. ``event_id`` is the
    idempotency key (``eventId``; legacy: the vehicle's ``requestId``), ``delivery_id`` changes per attempt.
    """

    vehicle_id: str
    event_id: Optional[str]
    delivery_id: Optional[str]
    raw_value: str
    raw_unit: str
    metres: int
    read_at_ms: Optional[int]
    fetched_at_ms: Optional[int]


@dataclass(frozen=True)
class SignalRef(Result):
    """A signal an issue concerns (``{code, name, group}``, or only ``code`` when Smartcar sent a bare code)."""

    code: Optional[str]
    name: Optional[str]
    group: Optional[str]


@dataclass(frozen=True)
class VehicleIssue(Result):
    """An error a ``VEHICLE_ERROR`` event reports (``state`` ``ERROR``/``RESOLVED``), or a signal that failed
    (``signal`` names it). ``suggested_user_message`` is the text Smartcar suggests showing the owner,
    ``doc_url`` its page about the error, ``resolution`` what resolves it (``resolution.type``, e.g.
    ``RETRY_LATER``, ``CONTACT_SUPPORT``) and ``resolution_url`` where (e.g. a re-authentication link);
    ``signals`` the signals it concerns."""

    error_type: Optional[str]
    code: Optional[str]
    state: Optional[str]
    description: Optional[str]
    signal: Optional[str]
    suggested_user_message: Optional[str]
    doc_url: Optional[str]
    resolution: Optional[str]
    resolution_url: Optional[str]
    signals: Tuple[SignalRef, ...]
    _nested: ClassVar[Dict[str, Type[Result]]] = {"signals": SignalRef}


@dataclass(frozen=True)
class SignalError(Result):
    """The ``status.error`` of a failed signal."""

    error_type: Optional[str]
    code: Optional[str]
    description: Optional[str]


@dataclass(frozen=True)
class Signal(Result):
    """One entry of ``data.signals`` (every signal, not only the odometer): ``body`` is the signal's body as a
    ``dict`` exactly as delivered (``None`` for a failed signal), ``status`` its ``status.value``,
    ``oem_updated_at_ms`` / ``fetched_at_ms`` its ``meta`` instants (unix milliseconds), ``error`` the
    :class:`SignalError` of a failed signal."""

    code: str
    name: Optional[str]
    group: Optional[str]
    body: Optional[Dict[str, Any]]
    status: Optional[str]
    oem_updated_at_ms: Optional[int]
    fetched_at_ms: Optional[int]
    error: Optional[SignalError]
    _nested: ClassVar[Dict[str, Type[Result]]] = {"error": SignalError}


@dataclass(frozen=True)
class Trigger(Result):
    """Why a delivery was sent: ``trigger_type`` ``SIGNAL_UPDATED`` or ``FIRST_DELIVERY`` (or another type as
    delivered), the signal's ``code`` / ``name`` / ``group`` when known, and ``source``, where it came from:
    ``"data.triggers"`` or ``"triggers"`` (the top-level form, whose ``signal: "Group.Name"`` gives the code
    ``group-name`` in lowercase)."""

    trigger_type: str
    code: Optional[str]
    name: Optional[str]
    group: Optional[str]
    source: str


@dataclass(frozen=True)
class Vehicle(Result):
    """The vehicle an event describes (``data.vehicle``): ``id``, ``make``, ``model``, ``year`` and, when given,
    ``vin``, ``mode`` and ``powertrain_type``."""

    id: str
    make: Optional[str]
    model: Optional[str]
    year: Optional[int]
    vin: Optional[str]
    mode: Optional[str]
    powertrain_type: Optional[str]


@dataclass(frozen=True)
class EventBased(Result):
    """The legacy ``eventBased`` payload's ``event_type`` and ``event_time`` (as given, and in unix
    milliseconds as ``event_time_ms`` when it can be read)."""

    event_type: Optional[str]
    event_time: Optional[str]
    event_time_ms: Optional[int]


@dataclass(frozen=True)
class Event(Result):
    """A parsed Smartcar delivery, every field of both envelopes: ``event_type`` as delivered (``VERIFY``,
    ``VEHICLE_STATE``, ``VEHICLE_ERROR``, or legacy ``verify``, ``schedule``, ...), the ids of the delivery, the
    ``meta`` fields (``version``, ``webhook_name``, ``delivered_at`` as given and ``delivered_at_ms``,
    ``signal_count``, ``sequence``, ``mode``), the user, the :class:`Vehicle`, the :class:`Trigger` s, every
    :class:`Signal`, the VERIFY ``challenge``, every odometer reading, every issue and the legacy
    :class:`EventBased` payload. Absent fields are ``None`` (empty tuples for the lists)."""

    event_type: str
    legacy: bool
    event_id: Optional[str]
    webhook_id: Optional[str]
    delivery_id: Optional[str]
    delivered_at: Optional[str]
    mode: Optional[str]
    vehicle_id: Optional[str]
    challenge: Optional[str]
    readings: Tuple[OdometerReading, ...]
    issues: Tuple[VehicleIssue, ...]
    version: Optional[str]
    webhook_name: Optional[str]
    delivered_at_ms: Optional[int]
    signal_count: Optional[int]
    sequence: Optional[int]
    user_id: Optional[str]
    user_external_id: Optional[str]
    vehicle: Optional[Vehicle]
    triggers: Tuple[Trigger, ...]
    signals: Tuple[Signal, ...]
    event_based: Optional[EventBased]
    _nested: ClassVar[Dict[str, Type[Result]]] = {
        "readings": OdometerReading,
        "issues": VehicleIssue,
        "vehicle": Vehicle,
        "triggers": Trigger,
        "signals": Signal,
        "event_based": EventBased,
    }


def parse_event(body: Union[bytes, bytearray, memoryview]) -> Event:
    """Parses the raw body of a Smartcar delivery (``bytes``, ``bytearray`` or ``memoryview``) into an
    :class:`Event` with every field of its envelope. Raises :class:`fleetgate.SmartcarError` (``invalid_payload``,
    ``.details["field"]`` names the field) or :class:`fleetgate.WebhookError` (``body_not_bytes``)."""
    return _native.parse_event(body)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Tokens(Result):
    """The tokens to store after a refresh: ``access_token``, ``refresh_token`` (Smartcar replaces it on every
    refresh) and ``expires_at`` (unix seconds). The tokens are secrets: ``repr`` leaves them out."""

    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)
    expires_at: int


@dataclass(frozen=True)
class SyncTokens(Result):
    """The tokens after a sync (``refreshed``: whether this sync refreshed them). ``repr`` leaves the tokens out."""

    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)
    expires_at: int
    refreshed: bool


@dataclass(frozen=True)
class OdometerRead(Result):
    """An odometer read: ``value`` exactly as returned (a decimal string), ``unit`` (``km`` or ``miles``),
    ``metres`` (``None`` when unusable) and ``reading_time`` (the car's, RFC 3339 UTC)."""

    value: str
    unit: str
    metres: Optional[int]
    reading_time: str


@dataclass(frozen=True)
class SyncOutcome(Result):
    """What ``Client.sync_vehicle`` produced: ``verdict`` (as ``odometer.check`` gives it, as a dict),
    ``meter_entry`` (the row to insert, or ``None``), ``tokens`` (:class:`SyncTokens`) and ``sync_log`` (the record
    of the sync, without secrets)."""

    verdict: Dict[str, Any]
    meter_entry: Optional[Dict[str, Any]]
    tokens: SyncTokens
    sync_log: Dict[str, Any]
    _nested: ClassVar[Dict[str, Type[Result]]] = {"tokens": SyncTokens}


class Client(_native.Client):
    """A Smartcar API client: token refresh, odometer reads, and ``sync_vehicle`` (the "Sync Now" button).
    Thread-safe; the client secret never appears in its ``repr`` or in error messages. Options left out (``None``)
    are the core's defaults: the public Smartcar base URLs, 10 s per attempt, the default ``retry.Backoff``."""

    def refresh_token(self, refresh_token: str, *, now: Any = None, **unknown: Any) -> Tokens:
        """Exchanges ``refresh_token`` for new :class:`Tokens` (``expires_at`` from ``now`` + ``expires_in``)."""
        return super().refresh_token(refresh_token, now=now, **unknown)  # type: ignore[return-value]

    def odometer(self, vehicle_id: str, access_token: str, **options: Any) -> OdometerRead:
        """Reads the odometer (``unit_system``, ``version``): an :class:`OdometerRead`."""
        return super().odometer(vehicle_id, access_token, **options)  # type: ignore[return-value]

    def sync_vehicle(self, vehicle: Dict[str, Any], history: Any, **options: Any) -> SyncOutcome:
        """"Sync Now" for ``vehicle`` (``policy``, ``now``, ``source_type``, ``unit_system``, ``version``): a
        :class:`SyncOutcome`."""
        return super().sync_vehicle(vehicle, history, **options)  # type: ignore[return-value]


__all__ = [
    "Client",
    "Event",
    "EventBased",
    "OdometerRead",
    "OdometerReading",
    "Signal",
    "SignalError",
    "SignalRef",
    "SyncOutcome",
    "SyncTokens",
    "Tokens",
    "Trigger",
    "Vehicle",
    "VehicleIssue",
    "challenge",
    "challenge_reply",
    "parse_event",
]
