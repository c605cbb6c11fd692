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
"""

from __future__ import annotations

from fleetgate._fleetgate.smartcar import (
    Event,
    OdometerReading,
    VehicleIssue,
    challenge,
    challenge_reply,
    parse_event,
)

__all__ = ["Event", "OdometerReading", "VehicleIssue", "challenge", "challenge_reply", "parse_event"]
