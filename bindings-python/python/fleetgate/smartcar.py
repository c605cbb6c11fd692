"""Smartcar webhooks: event parsing into odometer readings, and the VERIFY reply.

:func:`parse_event` reads the raw body of a delivery (verify it first with
``fleetgate.webhooks.Verifier.smartcar(amt)``) in the current format (``VERIFY``, ``VEHICLE_STATE``,
``VEHICLE_ERROR``) and the legacy v2 one (``verify``, ``schedule``, ``scheduled``, ``eventBased``, ``dynamic``).
Each odometer signal becomes an :class:`OdometerReading` with the value exactly as delivered (``raw_value``), the
unit, whole ``metres``, and the reading time ``read_at_ms`` (``oemUpdatedAt``, unix milliseconds). Bad JSON or a
missing field raises :class:`fleetgate.SmartcarError` (``invalid_payload``) naming the field. A VERIFY challenge
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

from fleetgate._fleetgate.smartcar import (
    Client,
    Event,
    OdometerReading,
    VehicleIssue,
    challenge,
    challenge_reply,
    parse_event,
)

__all__ = ["Client", "Event", "OdometerReading", "VehicleIssue", "challenge", "challenge_reply", "parse_event"]
