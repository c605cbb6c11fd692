#!/usr/bin/env python3
"""Independent reference for core/tests/vectors/odoo.json: the rules of docs/odoo.md written
out with Python's ``json`` module (event types, required ids, caches each event invalidates) and
``urllib.parse`` to check image URLs, not fleetgate.

    python3 core/tests/vectors/reference/odoo.py [--check]
"""

from __future__ import annotations

import json
import sys
from urllib.parse import urlsplit

from vectorfile import Rejected, write

BOOKING = {"booking.created", "booking.confirmed", "booking.cancelled", "booking.modified"}
LIST_AND_VEHICLE = {"vehicle.updated", "vehicle.price_updated"}
VEHICLE = {"vehicle.availability_changed", "vehicle.added", "vehicle.removed",
           "vehicle.maintenance_status_changed"} | LIST_AND_VEHICLE


def caches(names: list[str], vehicle_id: int) -> list[dict]:
    return [{"cache": "vehicle_list"} if n == "vehicle_list" else {"cache": n, "vehicle_id": vehicle_id}
            for n in names]


def is_int(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def parse_event(body: str) -> dict:
    try:
        doc = json.loads(body)
    except ValueError:
        raise Rejected("invalid_odoo_payload") from None
    if not isinstance(doc, dict):
        raise Rejected("invalid_odoo_payload")
    fields = dict(doc)
    if "event_type" in doc:
        t = fields.pop("event_type")
        if not isinstance(t, str):
            raise Rejected("invalid_odoo_payload")
        if t in BOOKING:
            if not (is_int(doc.get("booking_id")) and is_int(doc.get("vehicle_id"))):
                raise Rejected("invalid_odoo_payload")
            b, v = fields.pop("booking_id"), fields.pop("vehicle_id")
            return {"type": t, "booking_id": b, "vehicle_id": v, "fields": fields,
                    "invalidates": caches(["availability"], v)}
        if t in VEHICLE:
            if not is_int(doc.get("vehicle_id")):
                raise Rejected("invalid_odoo_payload")
            if t == "vehicle.availability_changed" and not isinstance(doc.get("availability_status"), str):
                raise Rejected("invalid_odoo_payload")
            v = fields.pop("vehicle_id")
            names = ["vehicle_list", "vehicle"] if t in LIST_AND_VEHICLE else ["vehicle_list", "vehicle", "availability"]
            return {"type": t, "vehicle_id": v, "fields": fields, "invalidates": caches(names, v)}
        raise Rejected("unknown_odoo_event")
    if "_model" in doc or "_id" in doc:
        rid, model, action = fields.pop("_id", None), fields.pop("_model", None), fields.pop("_action", None)
        if not (is_int(rid) and isinstance(model, str) and isinstance(action, str)):
            raise Rejected("invalid_odoo_payload")
        if model == "fleet.vehicle":
            v, names = rid, ["vehicle_list", "vehicle", "availability"]
        elif "vehicle_id" in doc:
            if not is_int(doc["vehicle_id"]):
                raise Rejected("invalid_odoo_payload")
            v, names = doc["vehicle_id"], ["availability"]
        else:
            raise Rejected("unknown_odoo_event")
        return {"type": "odoo.native", "model": model, "record_id": rid, "action": action, "vehicle_id": v,
                "fields": fields, "invalidates": caches(names, v)}
    raise Rejected("invalid_odoo_payload")


def image_url(base: str, path: str) -> str:
    if path.startswith(("http://", "https://", "//")):
        return path
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in base):
        raise Rejected("invalid_base_url")
    if not path.strip("/"):
        raise Rejected("invalid_image_path")
    return base.rstrip("/") + "/" + path.lstrip("/")


def j(obj: object) -> str:
    return json.dumps(obj)


CASES = [
    ("availability-changed", "parse_event",
     [j({"event_type": "vehicle.availability_changed", "vehicle_id": 1, "availability_status": "available"})]),
    ("availability-changed-missing-status", "parse_event",
     [j({"event_type": "vehicle.availability_changed", "vehicle_id": 1})]),
    ("vehicle-added", "parse_event", [j({"event_type": "vehicle.added", "vehicle_id": 12, "name": "Kubota KX057"})]),
    ("vehicle-updated", "parse_event", [j({"event_type": "vehicle.updated", "vehicle_id": 12})]),
    ("vehicle-removed", "parse_event", [j({"event_type": "vehicle.removed", "vehicle_id": 12})]),
    ("vehicle-maintenance", "parse_event",
     [j({"event_type": "vehicle.maintenance_status_changed", "vehicle_id": 3, "maintenance": "start"})]),
    ("vehicle-price-updated", "parse_event",
     [j({"event_type": "vehicle.price_updated", "vehicle_id": 3, "daily_rate": "120.00", "currency": "EUR"})]),
    ("vehicle-id-string", "parse_event", [j({"event_type": "vehicle.updated", "vehicle_id": "3"})]),
    ("vehicle-id-missing", "parse_event", [j({"event_type": "vehicle.updated"})]),
    ("booking-created", "parse_event",
     [j({"event_type": "booking.created", "booking_id": 501, "vehicle_id": 3,
         "start": "2026-12-01 08:00:00", "end": "2026-12-03 18:00:00"})]),
    ("booking-confirmed", "parse_event", [j({"event_type": "booking.confirmed", "booking_id": 501, "vehicle_id": 3})]),
    ("booking-cancelled", "parse_event", [j({"event_type": "booking.cancelled", "booking_id": 501, "vehicle_id": 3})]),
    ("booking-modified", "parse_event", [j({"event_type": "booking.modified", "booking_id": 501, "vehicle_id": 4})]),
    ("booking-missing-both-ids", "parse_event", [j({"event_type": "booking.created"})]),
    ("unknown-event-type", "parse_event", [j({"event_type": "vehicle.teleported", "vehicle_id": 1})]),
    ("event-type-not-string", "parse_event", [j({"event_type": 7, "vehicle_id": 1})]),
    ("native-fleet-vehicle", "parse_event",
     [j({"_id": 7, "_model": "fleet.vehicle", "_action": "Notify site(#12)", "id": 7, "state_id": 3,
         "write_date": "2026-11-20 09:15:00"})]),
    ("native-booking-like", "parse_event",
     [j({"_id": 88, "_model": "rental.booking", "_action": "Booking changed(#14)", "id": 88, "vehicle_id": 7})]),
    ("native-unknown-model", "parse_event",
     [j({"_id": 5, "_model": "res.partner", "_action": "Partner(#3)", "id": 5})]),
    ("native-missing-action", "parse_event", [j({"_id": 7, "_model": "fleet.vehicle"})]),
    ("native-vehicle-id-false", "parse_event",
     [j({"_id": 88, "_model": "rental.booking", "_action": "x(#1)", "vehicle_id": False})]),
    ("not-json", "parse_event", ["{not json"]),
    ("json-array", "parse_event", ["[1, 2]"]),
    ("no-event-type", "parse_event", [j({"vehicle_id": 1})]),
    ("image-relative", "image_url", ["https://odoo.example.com", "/web/image/fleet.vehicle/7/image_1920"]),
    ("image-no-double-slash", "image_url", ["https://odoo.example.com/", "/web/image/fleet.vehicle/7/image_1920"]),
    ("image-no-leading-slash", "image_url", ["https://odoo.example.com", "web/image/7"]),
    ("image-base-with-path", "image_url", ["https://example.com/odoo/", "web/image/7"]),
    ("image-absolute-untouched", "image_url", ["https://odoo.example.com", "https://cdn.example.net//img/7.png"]),
    ("image-http-absolute", "image_url", ["https://odoo.example.com", "http://cdn.example.net/7.png"]),
    ("image-protocol-relative", "image_url", ["https://odoo.example.com", "//cdn.example.net/7.png"]),
    ("image-empty-path", "image_url", ["https://odoo.example.com", ""]),
    ("image-bad-base", "image_url", ["odoo.example.com", "/web/image/7"]),
    ("image-base-no-host", "image_url", ["https://", "/web/image/7"]),
]

ABOUT = ("Odoo webhooks (the body as UTF-8 text) parsed into one event with the caches it invalidates, and image "
         "URLs. Expected values come from reference/odoo.py (the spec's rules with Python's json), not fleetgate.")

if __name__ == "__main__":
    sys.exit(write("odoo", ABOUT, CASES, {"parse_event": parse_event, "image_url": image_url}))
