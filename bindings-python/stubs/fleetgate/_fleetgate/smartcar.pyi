"""
Smartcar webhooks: the VERIFY challenge answer and event parsing (current and legacy v2 envelopes) into
odometer readings with exact metres.
"""

from typing import Any
from typing_extensions import disjoint_base

__all__ = ["Client", "challenge", "challenge_reply", "parse_event"]

@disjoint_base
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
    def odometer(self, /, vehicle_id: "str", access_token: "str", *, unit_system: "str | None" = None, version: "int | None" = None, **unknown: "object") -> "object":
        """
        Reads the odometer of Smartcar vehicle ``vehicle_id``: ``{"value", "unit", "metres", "reading_time"}`` (the
        value exactly as returned, ``km`` or ``miles`` per the answer's ``SC-Unit-System``, whole metres, and the
        car's reading time from ``SC-Data-Age`` as RFC 3339). ``version`` 3 reads the v3 signal instead.
        """
    def refresh_token(self, /, refresh_token: "str", *, now: "int | str | None" = None, **unknown: "object") -> "object":
        """
        Exchanges ``refresh_token`` for new tokens: ``{"access_token", "refresh_token", "expires_at"}``
        (``expires_at`` in unix seconds, from ``now`` + ``expires_in``). Store the new refresh token: Smartcar
        replaces it on every refresh. A token this client already exchanged gives the same result again, so
        concurrent callers refresh once.
        """
    def sync_vehicle(self, /, vehicle: "dict[str, object]", history: "list[object]", *, policy: "object" = None, now: "int | str | None" = None, source_type: "str | None" = None, unit_system: "str | None" = None, version: "int | None" = None, **unknown: "object") -> "object":
        """
        "Sync Now" for ``vehicle`` (a dict with exactly ``id``, ``smartcar_vehicle_id``, ``car_id``,
        ``access_token``, ``refresh_token``, ``expires_at``): refreshes the tokens if they expire within 5 minutes
        of ``now``, reads the odometer, judges the reading against ``history`` (``odometer.Reading`` objects or
        dicts) like ``odometer.check`` and builds the meter entry. Returns ``{"verdict", "meter_entry", "tokens",
        "sync_log"}``; the reading has source ``smartcar`` and the car's reading time, so a webhook delivery of the
        same reading is a duplicate of it (and it of the webhook's).
        """

def challenge(amt: "str", challenge: "str") -> "str":
    """
    The answer to a VERIFY challenge: hex HMAC-SHA256 of ``challenge`` keyed with the AMT.
    """

def challenge_reply(amt: "str", challenge: "str") -> "str":
    """
    The JSON body to return (HTTP 200) for a VERIFY event: ``{"challenge":"<hex>"}``.
    """

def parse_event(body: "bytes | bytearray | memoryview") -> Any:
    """
    Parses the raw body (bytes, bytearray or memoryview) of a Smartcar delivery into a
    ``fleetgate.smartcar.Event``. Raises ``fleetgate.SmartcarError`` with code ``invalid_payload`` (``.details``
    names the ``field``) for bad JSON or a missing/mistyped field, and ``fleetgate.WebhookError``
    (``body_not_bytes``) for anything but bytes.
    """
