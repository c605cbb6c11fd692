"""
Smartcar webhooks: the VERIFY challenge answer and event parsing (current and legacy v2 envelopes) into
odometer readings with exact metres.
"""

from typing import final

__all__ = ["Client", "Event", "OdometerReading", "VehicleIssue", "challenge", "challenge_reply", "parse_event"]

@final
class Client:
    """
    A Smartcar API client: token refresh, odometer reads, and ``sync_vehicle`` (the "Sync Now" button).
    Thread-safe; the client secret never appears in its ``repr`` or in error messages.
    """
    def __new__(cls, /, client_id: "str", client_secret: "str", *, auth_base_url: "str | None" = None, api_base_url: "str | None" = None, timeout: "float | None" = None, backoff: "object" = None, **unknown: "object") -> Client:
        """
        A client for the application ``client_id`` / ``client_secret``. ``timeout`` is per attempt, in seconds;
        ``backoff`` (a ``fleetgate.retry.Backoff``, or a dict of its options) decides the retries (default: full jitter from 0.1 s capped at 30 s, 5 attempts).
        Raises ``fleetgate.ClientError`` (``invalid_argument``) for an unusable URL, timeout or empty credential.
        """
    def __repr__(self, /) -> str: ...
    def odometer(self, /, vehicle_id: "str", access_token: "str", *, unit_system: "str | None" = None, version: "int | None" = None, **unknown: "object") -> "dict[str, object]":
        """
        Reads the odometer of Smartcar vehicle ``vehicle_id``: ``{"value", "unit", "metres", "reading_time"}`` (the
        value exactly as returned, ``km`` or ``miles`` per the answer's ``SC-Unit-System``, whole metres, and the
        car's reading time from ``SC-Data-Age`` as RFC 3339). ``version`` 3 reads the v3 signal instead.
        """
    def refresh_token(self, /, refresh_token: "str", *, now: "int | str | None" = None, **unknown: "object") -> "dict[str, object]":
        """
        Exchanges ``refresh_token`` for new tokens: ``{"access_token", "refresh_token", "expires_at"}``
        (``expires_at`` in unix seconds, from ``now`` + ``expires_in``). Store the new refresh token: Smartcar
        replaces it on every refresh. A token this client already exchanged gives the same result again, so
        concurrent callers refresh once.
        """
    def sync_vehicle(self, /, vehicle: "dict[str, object]", history: "list[object]", *, policy: "object" = None, now: "int | str | None" = None, source_type: "str | None" = None, unit_system: "str | None" = None, version: "int | None" = None, **unknown: "object") -> "dict[str, object]":
        """
        "Sync Now" for ``vehicle`` (a dict with exactly ``id``, ``smartcar_vehicle_id``, ``car_id``,
        ``access_token``, ``refresh_token``, ``expires_at``): refreshes the tokens if they expire within 5 minutes
        of ``now``, reads the odometer, judges the reading against ``history`` (``odometer.Reading`` objects or
        dicts) like ``odometer.check`` and builds the meter entry. Returns ``{"verdict", "meter_entry", "tokens",
        "sync_log"}``; the reading has source ``smartcar`` and the car's reading time, so a webhook delivery of the
        same reading is a duplicate of it (and it of the webhook's).
        """

@final
class Event:
    """
    A parsed Smartcar delivery.
    """
    def __repr__(self, /) -> str: ...
    @property
    def challenge(self, /) -> str | None:
        """
        The VERIFY challenge, or None.
        """
    @property
    def delivered_at(self, /) -> str | None:
        """
        ``meta.deliveredAt`` exactly as delivered, or None.
        """
    @property
    def delivery_id(self, /) -> str | None:
        """
        ``meta.deliveryId``, or None.
        """
    @property
    def event_id(self, /) -> str | None:
        """
        ``eventId``, or None.
        """
    @property
    def event_type(self, /) -> str:
        """
        ``VERIFY``, ``VEHICLE_STATE``, ``VEHICLE_ERROR`` or legacy ``verify``, ``schedule``, ...
        """
    @property
    def issues(self, /) -> list[VehicleIssue]:
        """
        Errors reported by the event and failed signals.
        """
    @property
    def legacy(self, /) -> bool:
        """
        Whether the body is the legacy v2 envelope.
        """
    @property
    def mode(self, /) -> str | None:
        """
        ``LIVE``/``TEST`` (legacy ``live``/``test``/``simulated``), or None.
        """
    @property
    def readings(self, /) -> list[OdometerReading]:
        """
        The odometer readings the event carries.
        """
    def to_dict(self, /) -> "dict[str, object]":
        """
        The event as a plain dict (readings and issues as dicts too).
        """
    @property
    def vehicle_id(self, /) -> str | None:
        """
        The vehicle the event is about, or None.
        """
    @property
    def webhook_id(self, /) -> str | None:
        """
        The webhook's id, or None.
        """

@final
class OdometerReading:
    """
    One odometer reading of an event (what the odometer sync consumes).
    """
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    def __repr__(self, /) -> str: ...
    @property
    def delivery_id(self, /) -> str | None:
        """
        ``meta.deliveryId`` (changes per attempt), or None.
        """
    @property
    def event_id(self, /) -> str | None:
        """
        The idempotency key (``eventId``; legacy: the vehicle's ``requestId``), or None.
        """
    @property
    def fetched_at_ms(self, /) -> int | None:
        """
        When Smartcar fetched it (``fetchedAt``/``retrievedAt``), unix milliseconds, or None.
        """
    @property
    def metres(self, /) -> int:
        """
        The distance in whole metres (exact conversion).
        """
    @property
    def raw_unit(self, /) -> str:
        """
        The unit as delivered (legacy: the unit system, ``"metric"`` by default).
        """
    @property
    def raw_value(self, /) -> str:
        """
        The distance exactly as its JSON number was written, e.g. ``"104.320"``.
        """
    @property
    def read_at_ms(self, /) -> int | None:
        """
        When the car recorded it (``oemUpdatedAt``), unix milliseconds, or None.
        """
    def to_dict(self, /) -> "dict[str, object]":
        """
        The reading as a plain dict.
        """
    @property
    def vehicle_id(self, /) -> str:
        """
        Smartcar's vehicle id.
        """

@final
class VehicleIssue:
    """
    An error reported by a VEHICLE_ERROR event, or a signal that failed.
    """
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    @property
    def code(self, /) -> str | None:
        """
        The error's ``code``, or None.
        """
    @property
    def description(self, /) -> str | None:
        """
        The description, or None.
        """
    @property
    def error_type(self, /) -> str | None:
        """
        The error's ``type``, or None.
        """
    @property
    def signal(self, /) -> str | None:
        """
        The failed signal's code, or None.
        """
    @property
    def state(self, /) -> str | None:
        """
        ``ERROR`` or ``RESOLVED`` (VEHICLE_ERROR), or None for a failed signal.
        """
    def to_dict(self, /) -> "dict[str, object]":
        """
        The issue as a plain dict.
        """

def challenge(amt: "str", challenge: "str") -> "str":
    """
    The answer to a VERIFY challenge: hex HMAC-SHA256 of ``challenge`` keyed with the AMT.
    """

def challenge_reply(amt: "str", challenge: "str") -> "str":
    """
    The JSON body to return (HTTP 200) for a VERIFY event: ``{"challenge":"<hex>"}``.
    """

def parse_event(body: "bytes | bytearray") -> "Event":
    """
    Parses the raw body (bytes) of a Smartcar delivery. Raises ``fleetgate.SmartcarError`` with code
    ``invalid_payload`` naming the field for bad JSON or a missing/mistyped field, and
    ``fleetgate.WebhookError`` (``body_not_bytes``) for anything but bytes/bytearray.
    """
