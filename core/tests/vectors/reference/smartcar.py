#!/usr/bin/env python3
"""Independent reference for core/tests/vectors/smartcar.json.

It does not use fleetgate. Each case is a Smartcar delivery body (written as Smartcar's documentation and real
deliveries show them, see docs/smartcar.md) with the fields a reader must find in it written out by hand;
metres come from exact fractions (1 km = 1000 m, 1 mi = 1609.344 m, round half to even) of the number's original
text, instants in milliseconds from Python's ``datetime``, signal bodies from ``json.loads`` of the body's text,
and challenge answers from Python's ``hmac``.

    python3 core/tests/vectors/reference/smartcar.py          # rewrite smartcar.json
    python3 core/tests/vectors/reference/smartcar.py --check  # exit 1 if smartcar.json differs

Functions: ``parse_event(body)`` -> the event as a dict (or ``invalid_payload``); ``challenge_reply(amt, challenge)``
-> the JSON reply body. A body is a JSON string (its UTF-8) or ``{"$bytes_hex": "..."}``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import datetime, timedelta, timezone
from fractions import Fraction
from pathlib import Path

from vector_file import write_or_check

VECTORS = Path(__file__).resolve().parent.parent / "smartcar.json"
MM = {"km": 1_000_000, "kilometers": 1_000_000, "metric": 1_000_000, "mi": 1_609_344, "miles": 1_609_344,
      "imperial": 1_609_344}
AMT = "6c4f0a1e-2b3d-4c5e-8f90-a1b2c3d4e5f6"
MAX_MS = 253_402_300_799_999  # 9999-12-31T23:59:59.999Z
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)

cases: list[dict] = []


def metres(raw: str, unit: str) -> int:
    return round(Fraction(raw) * MM[unit.lower()] / 1000)


def reading(vehicle_id: str, event_id: str | None, delivery_id: str | None, raw_value: str, raw_unit: str,
            read_at: int | None = None, fetched_at: int | None = None) -> dict:
    return {"vehicle_id": vehicle_id, "event_id": event_id, "delivery_id": delivery_id, "raw_value": raw_value,
            "raw_unit": raw_unit, "metres": metres(raw_value, raw_unit), "read_at_ms": read_at,
            "fetched_at_ms": fetched_at}


def instant_ms(text: str) -> int | None:
    """``deliveredAt`` / ``eventTime`` in unix ms: digits are ms; else an RFC 3339 instant with an offset
    (sub-millisecond digits dropped); ``None`` when neither or outside 1970..9999."""
    if text.isdigit():
        ms = int(text)
    else:
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            return None
        if parsed.tzinfo is None:
            return None
        ms = (parsed - EPOCH) // timedelta(milliseconds=1)
    return ms if 0 <= ms <= MAX_MS else None


def issue(error_type=None, code=None, state=None, description=None, signal=None, suggested_user_message=None,
          doc_url=None, resolution=None, resolution_url=None, signals=()) -> dict:
    return {"error_type": error_type, "code": code, "state": state, "description": description, "signal": signal,
            "suggested_user_message": suggested_user_message, "doc_url": doc_url, "resolution": resolution,
            "resolution_url": resolution_url, "signals": list(signals)}


def signal_ref(code=None, name=None, group=None) -> dict:
    return {"code": code, "name": name, "group": group}


def signal(code: str, name=None, group=None, body: str | None = None, status=None, oem=None, fetched=None,
           error=None) -> dict:
    """``body`` is the body's JSON text as written in the delivery; the expected value is ``json.loads`` of it."""
    return {"code": code, "name": name, "group": group, "body": None if body is None else json.loads(body),
            "status": status, "oem_updated_at_ms": oem, "fetched_at_ms": fetched, "error": error}


def signal_error(error_type=None, code=None, description=None) -> dict:
    return {"error_type": error_type, "code": code, "description": description}


def trigger(trigger_type: str, code=None, name=None, group=None, source="data.triggers") -> dict:
    return {"trigger_type": trigger_type, "code": code, "name": name, "group": group, "source": source}


def vehicle(id_: str, make=None, model=None, year=None, vin=None, mode=None, powertrain_type=None) -> dict:
    return {"id": id_, "make": make, "model": model, "year": year, "vin": vin, "mode": mode,
            "powertrain_type": powertrain_type}


def event_based(event_type=None, event_time=None) -> dict:
    return {"event_type": event_type, "event_time": event_time,
            "event_time_ms": None if event_time is None else instant_ms(event_time)}


def event(event_type: str, legacy: bool = False, **fields) -> dict:
    out = {"event_type": event_type, "legacy": legacy, "event_id": None, "webhook_id": None, "delivery_id": None,
           "delivered_at": None, "mode": None, "vehicle_id": None, "challenge": None, "readings": [], "issues": [],
           "version": "2.0" if legacy else None, "webhook_name": None, "delivered_at_ms": None, "signal_count": None,
           "sequence": None, "user_id": None, "user_external_id": None, "vehicle": None, "triggers": [],
           "signals": [], "event_based": None}
    out.update(fields)
    if out["delivered_at"] is not None and "delivered_at_ms" not in fields:
        out["delivered_at_ms"] = instant_ms(out["delivered_at"])
    return out


def case(id_: str, body: str | bytes, expect: dict | None = None, error: str | None = None) -> None:
    arg = body if isinstance(body, str) else {"$bytes_hex": body.hex()}
    c = {"id": id_, "fn": "parse_event", "args": [arg]}
    c.update({"expect": expect} if error is None else {"error": error})
    cases.append(c)


META = '"meta":{"version":"4.0","webhookId":"wh_1","webhookName":"odo","deliveryId":"dl_1","deliveredAt":1731000000123,"signalCount":1,"mode":"LIVE"}'
ODO_BODY = '{"unit":"kilometers","value":104.320}'
ODO = ('{"code":"odometer-traveleddistance","name":"TraveledDistance","group":"Odometer",'
       '"body":' + ODO_BODY + ',"status":{"value":"SUCCESS"},'
       '"meta":{"oemUpdatedAt":1730999990000,"fetchedAt":1730999995000}}')
ODO_SIGNAL = signal("odometer-traveleddistance", "TraveledDistance", "Odometer", ODO_BODY, "SUCCESS", 1730999990000,
                    1730999995000)
base_fields = {"event_id": "evt_1", "webhook_id": "wh_1", "delivery_id": "dl_1", "delivered_at": "1731000000123",
               "mode": "LIVE", "vehicle_id": "veh_1", "version": "4.0", "webhook_name": "odo", "signal_count": 1}

case("verify-new", '{"eventId":"evt_v","eventType":"VERIFY","data":{"challenge":"abc-123"},"meta":{"webhookId":"wh_1","deliveryId":"dl_9","deliveredAt":"2024-11-07T12:00:00Z"}}',
     event("VERIFY", event_id="evt_v", webhook_id="wh_1", delivery_id="dl_9", delivered_at="2024-11-07T12:00:00Z",
           challenge="abc-123"))
case("verify-legacy", '{"version":"2.0","webhookId":"wh_old","eventName":"verify","mode":"test","payload":{"challenge":"xyz"}}',
     event("verify", True, webhook_id="wh_old", mode="test", challenge="xyz"))
case("state-odometer-km-raw-text-kept",
     '{"eventId":"evt_1","eventType":"VEHICLE_STATE","data":{"user":{"id":"u1"},"vehicle":{"id":"veh_1","make":"TESLA","model":"3","year":2020},'
     '"triggers":[{"code":"odometer-traveleddistance","name":"TraveledDistance","group":"Odometer"}],"signals":[' + ODO + ']},' + META + '}',
     event("VEHICLE_STATE", **base_fields, user_id="u1", vehicle=vehicle("veh_1", "TESLA", "3", 2020),
           triggers=[trigger("SIGNAL_UPDATED", "odometer-traveleddistance", "TraveledDistance", "Odometer")],
           signals=[ODO_SIGNAL],
           readings=[reading("veh_1", "evt_1", "dl_1", "104.320", "kilometers", 1730999990000, 1730999995000)]))
case("state-odometer-miles-retrievedAt-unknown-fields",
     '{"eventId":"evt_2","eventType":"VEHICLE_STATE","extra":true,"data":{"vehicle":{"id":"veh_2","colour":"red"},'
     '"triggers":[{"code":"FIRST_DELIVERY"}],"signals":[{"code":"odometer-traveleddistance","body":{"unit":"MILES","value":12345.6},'
     '"meta":{"oemUpdatedAt":1730999990000,"retrievedAt":1730999991000}},{"code":"location-preciselocation","body":{"latitude":1.5,"longitude":2}}]},'
     '"meta":{"version":"3.0","deliveryId":"dl_2","deliveredAt":1731000000000}}',
     event("VEHICLE_STATE", event_id="evt_2", delivery_id="dl_2", delivered_at="1731000000000", vehicle_id="veh_2",
           version="3.0", vehicle=vehicle("veh_2"), triggers=[trigger("FIRST_DELIVERY")],
           signals=[signal("odometer-traveleddistance", body='{"unit":"MILES","value":12345.6}', oem=1730999990000,
                           fetched=1730999991000),
                    signal("location-preciselocation", body='{"latitude":1.5,"longitude":2}')],
           readings=[reading("veh_2", "evt_2", "dl_2", "12345.6", "MILES", 1730999990000, 1730999991000)]))
case("state-km-integer-no-meta",
     '{"eventId":"evt_3","eventType":"VEHICLE_STATE","vehicleId":"veh_3","triggers":[{"type":"SIGNAL_UPDATED","signal":"Odometer.TraveledDistance"}],'
     '"data":{"signals":[{"code":"odometer-traveleddistance","body":{"unit":"km","value":250000}}]}}',
     event("VEHICLE_STATE", event_id="evt_3", vehicle_id="veh_3",
           # Group.Name -> Smartcar's code, the lowercase group-name.
           triggers=[trigger("SIGNAL_UPDATED", "odometer-traveleddistance", "TraveledDistance", "Odometer", "triggers")],
           signals=[signal("odometer-traveleddistance", body='{"unit":"km","value":250000}')],
           readings=[reading("veh_3", "evt_3", None, "250000", "km")]))
case("state-failed-signal-is-an-issue",
     '{"eventId":"evt_4","eventType":"VEHICLE_STATE","data":{"vehicle":{"id":"veh_4"},"signals":[{"code":"odometer-traveleddistance",'
     '"status":{"value":"ERROR","error":{"code":"VEHICLE_ASLEEP","type":"VEHICLE_STATE"}}}]},"meta":{"deliveryId":"dl_4"}}',
     event("VEHICLE_STATE", event_id="evt_4", delivery_id="dl_4", vehicle_id="veh_4", vehicle=vehicle("veh_4"),
           signals=[signal("odometer-traveleddistance", status="ERROR",
                           error=signal_error("VEHICLE_STATE", "VEHICLE_ASLEEP"))],
           issues=[issue("VEHICLE_STATE", "VEHICLE_ASLEEP", signal="odometer-traveleddistance")]))
case("vehicle-error",
     '{"eventId":"evt_5","eventType":"VEHICLE_ERROR","data":{"vehicle":{"id":"veh_5"},"errors":[{"type":"COMPATIBILITY","code":"SMARTCAR_NOT_CAPABLE",'
     '"state":"ERROR","description":"Not supported","suggestedUserMessage":"x","docURL":"https://example.invalid","resolution":{"type":"CONTACT_SUPPORT"},"signals":[]}]},'
     '"meta":{"deliveryId":"dl_5","mode":"TEST"}}',
     event("VEHICLE_ERROR", event_id="evt_5", delivery_id="dl_5", mode="TEST", vehicle_id="veh_5",
           vehicle=vehicle("veh_5"),
           issues=[issue("COMPATIBILITY", "SMARTCAR_NOT_CAPABLE", "ERROR", "Not supported", suggested_user_message="x",
                         doc_url="https://example.invalid", resolution="CONTACT_SUPPORT")]))
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
     event("eventBased", True, webhook_id="wh_e", mode="live", event_id="ev_e", vehicle_id="veh_e",
           event_based=event_based("IGNITION_OFF", "2024-01-01T00:00:00Z")))
case("legacy-scheduled-no-vehicles", '{"version":"2.0","webhookId":"wh_s","eventName":"scheduled","payload":{}}',
     event("scheduled", True, webhook_id="wh_s"))
case("half-metre-rounds-to-even", '{"eventId":"e","eventType":"VEHICLE_STATE","vehicleId":"v","data":{"signals":[{"code":"odometer-traveleddistance","body":{"unit":"km","value":0.0025}}]}}',
     event("VEHICLE_STATE", event_id="e", vehicle_id="v", readings=[reading("v", "e", None, "0.0025", "km")],
           signals=[signal("odometer-traveleddistance", body='{"unit":"km","value":0.0025}')]))

# Every field of the current envelope, as Smartcar's v4 documentation shows a VEHICLE_STATE delivery.
LOC_BODY = '{"latitude":37.7749,"longitude":-122.4194,"heading":90,"direction":"N","locationType":"CURRENT"}'
case("v4-vehicle-state-every-field",
     '{"eventId":"evt_10","eventType":"VEHICLE_STATE","vehicleId":"veh_10","data":{'
     '"user":{"id":"usr_10","externalId":"customer-10"},'
     '"vehicle":{"id":"veh_10","make":"TESLA","model":"Model 3","year":2020,"vin":"1HGCM82633A123456","mode":"live","powertrainType":"BEV"},'
     '"triggers":[{"code":"odometer-traveleddistance","name":"TraveledDistance","group":"Odometer"}],'
     '"signals":[' + ODO + ',{"code":"location-preciselocation","name":"PreciseLocation","group":"Location","body":' + LOC_BODY + ','
     '"meta":{"retrievedAt":1730999996000,"oemUpdatedAt":1730999992000}},'
     '{"code":"charge-ischarging","name":"IsCharging","group":"Charge","status":{"value":"ERROR","error":{"type":"COMPATIBILITY","code":"VEHICLE_NOT_CAPABLE","description":"Not capable"}}}]},'
     '"meta":{"version":"4.0","webhookId":"wh_10","webhookName":"Fleet odometer","deliveryId":"dl_10","deliveredAt":"2025-07-31T19:38:42.332Z",'
     '"signalCount":3,"sequence":1731940327412,"mode":"LIVE","unknownMeta":{"x":1}}}',
     event("VEHICLE_STATE", event_id="evt_10", webhook_id="wh_10", webhook_name="Fleet odometer", delivery_id="dl_10",
           delivered_at="2025-07-31T19:38:42.332Z", version="4.0", signal_count=3, sequence=1731940327412, mode="LIVE",
           vehicle_id="veh_10", user_id="usr_10", user_external_id="customer-10",
           vehicle=vehicle("veh_10", "TESLA", "Model 3", 2020, "1HGCM82633A123456", "live", "BEV"),
           triggers=[trigger("SIGNAL_UPDATED", "odometer-traveleddistance", "TraveledDistance", "Odometer")],
           signals=[ODO_SIGNAL,
                    signal("location-preciselocation", "PreciseLocation", "Location", LOC_BODY, oem=1730999992000,
                           fetched=1730999996000),
                    signal("charge-ischarging", "IsCharging", "Charge", status="ERROR",
                           error=signal_error("COMPATIBILITY", "VEHICLE_NOT_CAPABLE", "Not capable"))],
           readings=[reading("veh_10", "evt_10", "dl_10", "104.320", "kilometers", 1730999990000, 1730999995000)],
           issues=[issue("COMPATIBILITY", "VEHICLE_NOT_CAPABLE", description="Not capable", signal="charge-ischarging")]))

# The top-level triggers form of Smartcar's "responses" page (v3.0, deliveredAt a number), both trigger types.
case("top-level-triggers-object-and-first-delivery",
     '{"eventId":"evt_11","eventType":"VEHICLE_STATE","data":{"vehicle":{"id":"veh_11","make":"Test Make","model":"Test Model","year":"2021"},'
     '"signals":[{"code":"tractionbattery-stateofcharge","name":"StateOfCharge","group":"TractionBattery","body":{"percentage":75,"raw_reading":{"unit_name":"percent","values":[75,null]}}}],'
     '"user":{"id":"user_11"}},'
     '"triggers":[{"type":"SIGNAL_UPDATED","signal":{"code":"tractionbattery-stateofcharge"}},{"type":"FIRST_DELIVERY"},'
     '{"type":"SIGNAL_UPDATED","signal":{"code":"charge-ischarging","name":"IsCharging","group":"Charge"}}],'
     '"meta":{"version":"3.0","deliveryId":"dl_11","deliveredAt":1700000000,"webhookId":"wh_11","webhookName":"Charge Places Webhook","signalCount":5,"mode":"LIVE"}}',
     event("VEHICLE_STATE", event_id="evt_11", version="3.0", delivery_id="dl_11", delivered_at="1700000000",
           webhook_id="wh_11", webhook_name="Charge Places Webhook", signal_count=5, mode="LIVE", vehicle_id="veh_11",
           user_id="user_11", vehicle=vehicle("veh_11", "Test Make", "Test Model", 2021),
           triggers=[trigger("SIGNAL_UPDATED", "tractionbattery-stateofcharge", source="triggers"),
                     trigger("FIRST_DELIVERY", source="triggers"),
                     trigger("SIGNAL_UPDATED", "charge-ischarging", "IsCharging", "Charge", "triggers")],
           # The body is kept as delivered: snake_case keys, nesting and nulls untouched in every binding.
           signals=[signal("tractionbattery-stateofcharge", "StateOfCharge", "TractionBattery",
                           '{"percentage":75,"raw_reading":{"unit_name":"percent","values":[75,null]}}')]))

# Both trigger lists in one delivery: data.triggers first, then the top-level ones; a bare code as signal.
case("triggers-in-data-and-top-level",
     '{"eventId":"evt_12","eventType":"VEHICLE_STATE","vehicleId":"veh_12","data":{"triggers":[{"code":"FIRST_DELIVERY"},'
     '{"code":"charge-ischarging","name":"IsCharging","group":"Charge"}]},'
     '"triggers":[{"type":"SIGNAL_UPDATED","signal":"odometer-traveleddistance"},{"type":"SIGNAL_UPDATED","signal":"TractionBattery.StateOfCharge"}]}',
     event("VEHICLE_STATE", event_id="evt_12", vehicle_id="veh_12",
           triggers=[trigger("FIRST_DELIVERY"), trigger("SIGNAL_UPDATED", "charge-ischarging", "IsCharging", "Charge"),
                     trigger("SIGNAL_UPDATED", "odometer-traveleddistance", source="triggers"),
                     trigger("SIGNAL_UPDATED", "tractionbattery-stateofcharge", "StateOfCharge", "TractionBattery",
                             "triggers")]))

# VEHICLE_ERROR with every field, as Smartcar's VEHICLE_ERROR page shows it, and its variants: a RESOLVED entry
# with `resolution: {type: null}` and signals given as codes, a re-authentication link, a string resolution.
case("vehicle-error-every-field",
     '{"eventId":"evt_13","eventType":"VEHICLE_ERROR","vehicleId":"veh_13","data":{"user":{"id":"usr_13"},'
     '"vehicle":{"id":"veh_13","make":"TESLA","model":"Model 3","year":2020},"errors":['
     '{"type":"COMPATIBILITY","code":"VEHICLE_NOT_CAPABLE","state":"ERROR","description":"The vehicle is incapable of performing your request.",'
     '"suggestedUserMessage":"Your car is unable to perform this request.","docURL":"https://smartcar.com/docs/errors/api-errors/compatibility-errors#vehicle-not-capable",'
     '"resolution":{"type":"CONTACT_SUPPORT"},"signals":[{"code":"location-preciselocation","name":"PreciseLocation","group":"Location"},'
     '{"code":"tractionbattery-stateofcharge","name":"StateOfCharge","group":"TractionBattery"}]},'
     '{"type":"VEHICLE_STATE","code":"ASLEEP","state":"RESOLVED","resolution":{"type":null},"signals":["odometer-traveleddistance"]},'
     '{"type":"CONNECTED_SERVICES_ACCOUNT","code":"AUTHENTICATION_FAILED","state":"ERROR","resolution":{"type":"REAUTHENTICATE","url":"https://connect.example.invalid/reauth?vehicle_id=veh_13"}},'
     '{"type":"RATE_LIMIT","code":"VEHICLE","resolution":"RETRY_LATER"}]},'
     '"meta":{"version":"4.0","webhookId":"wh_13","webhookName":"Errors","deliveryId":"dl_13","deliveredAt":1761896351529,"mode":"TEST"}}',
     event("VEHICLE_ERROR", event_id="evt_13", vehicle_id="veh_13", user_id="usr_13", version="4.0",
           webhook_id="wh_13", webhook_name="Errors", delivery_id="dl_13", delivered_at="1761896351529", mode="TEST",
           vehicle=vehicle("veh_13", "TESLA", "Model 3", 2020),
           issues=[issue("COMPATIBILITY", "VEHICLE_NOT_CAPABLE", "ERROR",
                         "The vehicle is incapable of performing your request.",
                         suggested_user_message="Your car is unable to perform this request.",
                         doc_url="https://smartcar.com/docs/errors/api-errors/compatibility-errors#vehicle-not-capable",
                         resolution="CONTACT_SUPPORT",
                         signals=[signal_ref("location-preciselocation", "PreciseLocation", "Location"),
                                  signal_ref("tractionbattery-stateofcharge", "StateOfCharge", "TractionBattery")]),
                   issue("VEHICLE_STATE", "ASLEEP", "RESOLVED", signals=[signal_ref("odometer-traveleddistance")]),
                   issue("CONNECTED_SERVICES_ACCOUNT", "AUTHENTICATION_FAILED", "ERROR", resolution="REAUTHENTICATE",
                         resolution_url="https://connect.example.invalid/reauth?vehicle_id=veh_13"),
                   issue("RATE_LIMIT", "VEHICLE", resolution="RETRY_LATER")]))

# TEST mode deliveries, a simulated vehicle.
case("test-mode-simulated-vehicle",
     '{"eventId":"evt_14","eventType":"VEHICLE_STATE","data":{"vehicle":{"id":"veh_14","mode":"simulated"},"signals":[]},'
     '"meta":{"version":"4.0","deliveryId":"dl_14","mode":"TEST"}}',
     event("VEHICLE_STATE", event_id="evt_14", version="4.0", delivery_id="dl_14", mode="TEST", vehicle_id="veh_14",
           vehicle=vehicle("veh_14", mode="simulated")))

# Missing and null optional fields are null (empty lists for the lists); an unreadable deliveredAt keeps its text.
case("missing-optional-fields-are-null",
     '{"eventId":"evt_15","eventType":"VEHICLE_STATE","vehicleId":"veh_15","data":{}}',
     event("VEHICLE_STATE", event_id="evt_15", vehicle_id="veh_15"))
case("null-optional-fields-are-null",
     '{"eventId":"evt_16","eventType":"VEHICLE_ERROR","vehicleId":"veh_16","triggers":null,'
     '"data":{"user":null,"vehicle":null,"triggers":null,"signals":null,"errors":[{"type":null,"code":null,"state":null,'
     '"description":null,"suggestedUserMessage":null,"docURL":null,"resolution":null,"signals":null}]},'
     '"meta":{"version":null,"webhookId":null,"webhookName":null,"deliveryId":null,"deliveredAt":null,"signalCount":null,'
     '"sequence":null,"mode":null}}',
     event("VEHICLE_ERROR", event_id="evt_16", vehicle_id="veh_16", issues=[issue()]))
case("delivered-at-unreadable-keeps-its-text",
     '{"eventId":"evt_17","eventType":"VERIFY","data":{"challenge":"c-17"},"meta":{"deliveredAt":"31/07/2025 19:38"}}',
     event("VERIFY", event_id="evt_17", challenge="c-17", delivered_at="31/07/2025 19:38", delivered_at_ms=None))
case("delivered-at-with-offset",
     '{"eventId":"evt_18","eventType":"VERIFY","data":{"challenge":"c-18"},"meta":{"deliveredAt":"2025-07-31T21:38:42.332+02:00","version":"4.0","webhookName":"w"}}',
     event("VERIFY", event_id="evt_18", challenge="c-18", delivered_at="2025-07-31T21:38:42.332+02:00", version="4.0",
           webhook_name="w"))

# Legacy eventBased: eventTime as epoch ms digits, and without eventType / eventTime.
case("legacy-event-based-epoch-ms",
     '{"version":"2.0","webhookId":"wh_eb","eventName":"eventBased","mode":"test","payload":{"eventId":"ev_eb","vehicleId":"veh_eb","eventType":"LOW_BATTERY","eventTime":1704067200123}}',
     event("eventBased", True, webhook_id="wh_eb", mode="test", event_id="ev_eb", vehicle_id="veh_eb",
           event_based=event_based("LOW_BATTERY", "1704067200123")))
case("legacy-event-based-bare",
     '{"version":"2.0","eventName":"eventBased","payload":{"vehicleId":"veh_b"}}',
     event("eventBased", True, vehicle_id="veh_b", event_based=event_based()))

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
    # Fields fleetgate now reads are checked like the others.
    ("trigger-without-type-or-code", '{"eventId":"e","eventType":"VEHICLE_STATE","vehicleId":"v","data":{},"triggers":[{"signal":{}}]}'),
    ("triggers-not-array", '{"eventId":"e","eventType":"VEHICLE_STATE","vehicleId":"v","data":{"triggers":{"code":"x"}}}'),
    ("trigger-not-object", '{"eventId":"e","eventType":"VEHICLE_STATE","vehicleId":"v","data":{},"triggers":["Odometer.TraveledDistance"]}'),
    ("signal-body-not-object", '{"eventId":"e","eventType":"VEHICLE_STATE","vehicleId":"v","data":{"signals":[{"code":"x","body":[1,2]}]}}'),
    ("signal-body-number-too-large", '{"eventId":"e","eventType":"VEHICLE_STATE","vehicleId":"v","data":{"signals":[{"code":"x","body":{"v":1e400}}]}}'),
    ("signal-missing-code", '{"eventId":"e","eventType":"VEHICLE_STATE","vehicleId":"v","data":{"signals":[{"body":{}}]}}'),
    ("any-signal-meta-instant-checked", '{"eventId":"e","eventType":"VEHICLE_STATE","vehicleId":"v","data":{"signals":[{"code":"x","meta":{"fetchedAt":-5}}]}}'),
    ("error-resolution-number", '{"eventId":"e","eventType":"VEHICLE_ERROR","vehicleId":"v","data":{"errors":[{"resolution":5}]}}'),
    ("error-signals-item-number", '{"eventId":"e","eventType":"VEHICLE_ERROR","vehicleId":"v","data":{"errors":[{"signals":[7]}]}}'),
    ("errors-item-not-object", '{"eventId":"e","eventType":"VEHICLE_ERROR","vehicleId":"v","data":{"errors":["ASLEEP"]}}'),
    ("vehicle-year-fraction", '{"eventId":"e","eventType":"VEHICLE_STATE","data":{"vehicle":{"id":"v","year":2020.5}}}'),
    ("vehicle-make-object", '{"eventId":"e","eventType":"VEHICLE_STATE","data":{"vehicle":{"id":"v","make":{}}}}'),
    ("user-not-object", '{"eventId":"e","eventType":"VEHICLE_STATE","vehicleId":"v","data":{"user":"u1"}}'),
    ("signal-count-negative", '{"eventId":"e","eventType":"VERIFY","data":{"challenge":"c"},"meta":{"signalCount":-1}}'),
    ("signal-count-text", '{"eventId":"e","eventType":"VERIFY","data":{"challenge":"c"},"meta":{"signalCount":"three"}}'),
    ("webhook-name-number", '{"eventId":"e","eventType":"VERIFY","data":{"challenge":"c"},"meta":{"webhookName":5}}'),
    ("legacy-event-type-number", '{"version":"2.0","eventName":"eventBased","payload":{"eventType":3}}'),
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
