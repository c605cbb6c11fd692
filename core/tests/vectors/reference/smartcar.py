#!/usr/bin/env python3
"""Independent reference for core/tests/vectors/smartcar.json.

It does not use fleetgate. Each case is a Smartcar delivery body (written as Smartcar's documentation and real
deliveries show them, see docs/smartcar.md) with the fields a reader must find in it written out by hand;
metres come from exact fractions (1 km = 1000 m, 1 mi = 1609.344 m, round half to even) of the number's original
text, and challenge answers from Python's ``hmac``.

    python3 core/tests/vectors/reference/smartcar.py          # rewrite smartcar.json
    python3 core/tests/vectors/reference/smartcar.py --check  # exit 1 if smartcar.json differs

Functions: ``parse_event(body)`` -> the event as a dict (or ``invalid_payload``); ``challenge_reply(amt, challenge)``
-> the JSON reply body. A body is a JSON string (its UTF-8) or ``{"$bytes_hex": "..."}``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from fractions import Fraction
from pathlib import Path

from vector_file import write_or_check

VECTORS = Path(__file__).resolve().parent.parent / "smartcar.json"
MM = {"km": 1_000_000, "kilometers": 1_000_000, "metric": 1_000_000, "mi": 1_609_344, "miles": 1_609_344,
      "imperial": 1_609_344}
AMT = "6c4f0a1e-2b3d-4c5e-8f90-a1b2c3d4e5f6"

cases: list[dict] = []


def metres(raw: str, unit: str) -> int:
    return round(Fraction(raw) * MM[unit.lower()] / 1000)


def reading(vehicle_id: str, event_id: str | None, delivery_id: str | None, raw_value: str, raw_unit: str,
            read_at: int | None = None, fetched_at: int | None = None) -> dict:
    return {"vehicle_id": vehicle_id, "event_id": event_id, "delivery_id": delivery_id, "raw_value": raw_value,
            "raw_unit": raw_unit, "metres": metres(raw_value, raw_unit), "read_at_ms": read_at,
            "fetched_at_ms": fetched_at}


def issue(error_type=None, code=None, state=None, description=None, signal=None) -> dict:
    return {"error_type": error_type, "code": code, "state": state, "description": description, "signal": signal}


def event(event_type: str, legacy: bool = False, **fields) -> dict:
    out = {"event_type": event_type, "legacy": legacy, "event_id": None, "webhook_id": None, "delivery_id": None,
           "delivered_at": None, "mode": None, "vehicle_id": None, "challenge": None, "readings": [], "issues": []}
    out.update(fields)
    return out


def case(id_: str, body: str | bytes, expect: dict | None = None, error: str | None = None) -> None:
    arg = body if isinstance(body, str) else {"$bytes_hex": body.hex()}
    c = {"id": id_, "fn": "parse_event", "args": [arg]}
    c.update({"expect": expect} if error is None else {"error": error})
    cases.append(c)


META = '"meta":{"version":"4.0","webhookId":"wh_1","webhookName":"odo","deliveryId":"dl_1","deliveredAt":1731000000123,"signalCount":1,"mode":"LIVE"}'
ODO = ('{"code":"odometer-traveleddistance","name":"TraveledDistance","group":"Odometer",'
       '"body":{"unit":"kilometers","value":104.320},"status":{"value":"SUCCESS"},'
       '"meta":{"oemUpdatedAt":1730999990000,"fetchedAt":1730999995000}}')
base_fields = {"event_id": "evt_1", "webhook_id": "wh_1", "delivery_id": "dl_1", "delivered_at": "1731000000123",
               "mode": "LIVE", "vehicle_id": "veh_1"}

case("verify-new", '{"eventId":"evt_v","eventType":"VERIFY","data":{"challenge":"abc-123"},"meta":{"webhookId":"wh_1","deliveryId":"dl_9","deliveredAt":"2024-11-07T12:00:00Z"}}',
     event("VERIFY", event_id="evt_v", webhook_id="wh_1", delivery_id="dl_9", delivered_at="2024-11-07T12:00:00Z",
           challenge="abc-123"))
case("verify-legacy", '{"version":"2.0","webhookId":"wh_old","eventName":"verify","mode":"test","payload":{"challenge":"xyz"}}',
     event("verify", True, webhook_id="wh_old", mode="test", challenge="xyz"))
case("state-odometer-km-raw-text-kept",
     '{"eventId":"evt_1","eventType":"VEHICLE_STATE","data":{"user":{"id":"u1"},"vehicle":{"id":"veh_1","make":"TESLA","model":"3","year":2020},'
     '"triggers":[{"code":"odometer-traveleddistance","name":"TraveledDistance","group":"Odometer"}],"signals":[' + ODO + ']},' + META + '}',
     event("VEHICLE_STATE", **base_fields,
           readings=[reading("veh_1", "evt_1", "dl_1", "104.320", "kilometers", 1730999990000, 1730999995000)]))
case("state-odometer-miles-retrievedAt-unknown-fields",
     '{"eventId":"evt_2","eventType":"VEHICLE_STATE","extra":true,"data":{"vehicle":{"id":"veh_2","colour":"red"},'
     '"triggers":[{"code":"FIRST_DELIVERY"}],"signals":[{"code":"odometer-traveleddistance","body":{"unit":"MILES","value":12345.6},'
     '"meta":{"oemUpdatedAt":1730999990000,"retrievedAt":1730999991000}},{"code":"location-preciselocation","body":{"latitude":1.5,"longitude":2}}]},'
     '"meta":{"version":"3.0","deliveryId":"dl_2","deliveredAt":1731000000000}}',
     event("VEHICLE_STATE", event_id="evt_2", delivery_id="dl_2", delivered_at="1731000000000", vehicle_id="veh_2",
           readings=[reading("veh_2", "evt_2", "dl_2", "12345.6", "MILES", 1730999990000, 1730999991000)]))
case("state-km-integer-no-meta",
     '{"eventId":"evt_3","eventType":"VEHICLE_STATE","vehicleId":"veh_3","triggers":[{"type":"SIGNAL_UPDATED","signal":"Odometer.TraveledDistance"}],'
     '"data":{"signals":[{"code":"odometer-traveleddistance","body":{"unit":"km","value":250000}}]}}',
     event("VEHICLE_STATE", event_id="evt_3", vehicle_id="veh_3",
           readings=[reading("veh_3", "evt_3", None, "250000", "km")]))
case("state-failed-signal-is-an-issue",
     '{"eventId":"evt_4","eventType":"VEHICLE_STATE","data":{"vehicle":{"id":"veh_4"},"signals":[{"code":"odometer-traveleddistance",'
     '"status":{"value":"ERROR","error":{"code":"VEHICLE_ASLEEP","type":"VEHICLE_STATE"}}}]},"meta":{"deliveryId":"dl_4"}}',
     event("VEHICLE_STATE", event_id="evt_4", delivery_id="dl_4", vehicle_id="veh_4",
           issues=[issue("VEHICLE_STATE", "VEHICLE_ASLEEP", signal="odometer-traveleddistance")]))
case("vehicle-error",
     '{"eventId":"evt_5","eventType":"VEHICLE_ERROR","data":{"vehicle":{"id":"veh_5"},"errors":[{"type":"COMPATIBILITY","code":"SMARTCAR_NOT_CAPABLE",'
     '"state":"ERROR","description":"Not supported","suggestedUserMessage":"x","docURL":"https://example.invalid","resolution":{"type":"CONTACT_SUPPORT"},"signals":[]}]},'
     '"meta":{"deliveryId":"dl_5","mode":"TEST"}}',
     event("VEHICLE_ERROR", event_id="evt_5", delivery_id="dl_5", mode="TEST", vehicle_id="veh_5",
           issues=[issue("COMPATIBILITY", "SMARTCAR_NOT_CAPABLE", "ERROR", "Not supported")]))
case("legacy-schedule-metric-and-imperial",
     '{"version":"2.0","webhookId":"wh_l","eventName":"schedule","mode":"live","payload":{"vehicles":['
     '{"vehicleId":"veh_a","requestId":"req_a","data":[{"path":"/odometer","code":200,"body":{"distance":104.32}},{"path":"/battery","code":200,"body":{"percentRemaining":0.5}}]},'
     '{"vehicleId":"veh_b","requestId":"req_b","data":[{"path":"/odometer","code":200,"body":{"distance":64.8},"headers":{"SC-Unit-System":"imperial"}}]}]}}',
     event("schedule", True, webhook_id="wh_l", mode="live",
           readings=[reading("veh_a", "req_a", None, "104.32", "metric"),
                     reading("veh_b", "req_b", None, "64.8", "imperial")]))
case("legacy-dynamic", '{"version":"2.0","webhookId":"wh_d","eventName":"dynamic","mode":"simulated","payload":{"vehicles":[{"vehicleId":"veh_d","data":[{"path":"/odometer","body":{"distance":0}}]}]}}',
     event("dynamic", True, webhook_id="wh_d", mode="simulated", readings=[reading("veh_d", None, None, "0", "metric")]))
case("legacy-event-based", '{"version":"2.0","webhookId":"wh_e","eventName":"eventBased","mode":"live","payload":{"eventId":"ev_e","vehicleId":"veh_e","eventType":"IGNITION_OFF","eventTime":"2024-01-01T00:00:00Z"}}',
     event("eventBased", True, webhook_id="wh_e", mode="live", event_id="ev_e", vehicle_id="veh_e"))
case("legacy-scheduled-no-vehicles", '{"version":"2.0","webhookId":"wh_s","eventName":"scheduled","payload":{}}',
     event("scheduled", True, webhook_id="wh_s"))
case("half-metre-rounds-to-even", '{"eventId":"e","eventType":"VEHICLE_STATE","vehicleId":"v","data":{"signals":[{"code":"odometer-traveleddistance","body":{"unit":"km","value":0.0025}}]}}',
     event("VEHICLE_STATE", event_id="e", vehicle_id="v", readings=[reading("v", "e", None, "0.0025", "km")]))

for id_, body in [
    ("not-json", "{not json"),
    ("empty-body", ""),
    ("json-array", "[]"),
    ("no-event-type", '{"eventId":"e","data":{}}'),
    ("missing-event-id", '{"eventType":"VERIFY","data":{"challenge":"c"}}'),
    ("missing-data", '{"eventId":"e","eventType":"VERIFY"}'),
    ("verify-missing-challenge", '{"eventId":"e","eventType":"VERIFY","data":{}}'),
    ("verify-challenge-not-string", '{"eventId":"e","eventType":"VERIFY","data":{"challenge":5}}'),
    # Answering these would hand out HMAC(AMT, body) for a forged body: refused.
    ("verify-challenge-is-json-object", '{"eventId":"e","eventType":"VERIFY","data":{"challenge":" {\\"eventId\\":\\"x\\"}"}}'),
    ("verify-legacy-challenge-is-json-array", '{"version":"2.0","eventName":"verify","payload":{"challenge":"[1]"}}'),
    ("unknown-event-type", '{"eventId":"e","eventType":"SOMETHING","data":{}}'),
    ("state-no-vehicle", '{"eventId":"e","eventType":"VEHICLE_STATE","data":{"signals":[]}}'),
    ("odometer-missing-unit", '{"eventId":"e","eventType":"VEHICLE_STATE","vehicleId":"v","data":{"signals":[{"code":"odometer-traveleddistance","body":{"value":1}}]}}'),
    ("odometer-unknown-unit", '{"eventId":"e","eventType":"VEHICLE_STATE","vehicleId":"v","data":{"signals":[{"code":"odometer-traveleddistance","body":{"unit":"furlongs","value":1}}]}}'),
    ("odometer-value-string", '{"eventId":"e","eventType":"VEHICLE_STATE","vehicleId":"v","data":{"signals":[{"code":"odometer-traveleddistance","body":{"unit":"km","value":"12"}}]}}'),
    ("odometer-negative", '{"eventId":"e","eventType":"VEHICLE_STATE","vehicleId":"v","data":{"signals":[{"code":"odometer-traveleddistance","body":{"unit":"km","value":-1}}]}}'),
    ("odometer-exponent", '{"eventId":"e","eventType":"VEHICLE_STATE","vehicleId":"v","data":{"signals":[{"code":"odometer-traveleddistance","body":{"unit":"km","value":1e3}}]}}'),
    ("oem-updated-at-not-integer", '{"eventId":"e","eventType":"VEHICLE_STATE","vehicleId":"v","data":{"signals":[{"code":"odometer-traveleddistance","body":{"unit":"km","value":1},"meta":{"oemUpdatedAt":"yesterday"}}]}}'),
    ("signals-not-array", '{"eventId":"e","eventType":"VEHICLE_STATE","vehicleId":"v","data":{"signals":{}}}'),
    ("legacy-wrong-version", '{"version":"1.0","eventName":"verify","payload":{"challenge":"c"}}'),
    ("legacy-unknown-event-name", '{"version":"2.0","eventName":"other","payload":{}}'),
    ("legacy-odometer-missing-distance", '{"version":"2.0","eventName":"schedule","payload":{"vehicles":[{"vehicleId":"v","data":[{"path":"/odometer","body":{}}]}]}}'),
]:
    case(id_, body, error="invalid_payload")
case("non-utf8-body", b'{"eventId":"\xff"}', error="invalid_payload")

for i, challenge in enumerate(["abc-123", ""]):
    cases.append({"id": f"challenge-reply-{i}", "fn": "challenge_reply", "args": [AMT, challenge],
                  "expect": json.dumps({"challenge": hmac.new(AMT.encode(), challenge.encode(), hashlib.sha256).hexdigest()},
                                       separators=(",", ":"))})


if __name__ == "__main__":
    # The hand-written bodies must be valid JSON where a case expects a result.
    for c in cases:
        if c["fn"] == "parse_event" and "expect" in c:
            json.loads(c["args"][0])
    write_or_check(VECTORS, "smartcar",
                   "Smartcar event parsing and the VERIFY reply. Expected values are written out by hand from the "
                   "bodies in reference/smartcar.py (metres by exact fractions, hashes by Python's hmac), not taken "
                   "from fleetgate.", cases)
