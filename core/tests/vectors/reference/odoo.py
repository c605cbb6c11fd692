#!/usr/bin/env python3
"""Independent reference for core/tests/vectors/odoo.json: the rules of docs/odoo.md written
out with Python's ``json`` module (event types, required ids, caches each event invalidates),
``datetime`` + ``calendar.timegm`` for Odoo's naive UTC datetimes, ``re`` for the layouts and the
model names, and ``urllib.parse`` to check image URLs, not fleetgate.

    python3 core/tests/vectors/reference/odoo.py [--check]
"""

from __future__ import annotations

import calendar
import datetime
import json
import re
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


MODELS = {"fleet.vehicle", "sale.order", "sale.order.line", "product.product", "product.template", "stock.lot"}
MODEL_NAME = re.compile(r"[a-z0-9_.]+")
DATETIME = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?: ([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]{6})?)?")


class Bad(Exception):
    """A field of a native webhook the reference refuses (invalid_odoo_payload)."""


def model_map(options: dict) -> dict:
    if set(options) - {"model_map"}:
        raise Rejected("invalid_option")
    mapping = options.get("model_map", {})
    if not isinstance(mapping, dict):
        raise Rejected("invalid_option")
    for source, target in mapping.items():
        if not isinstance(target, str) or target not in MODELS or not MODEL_NAME.fullmatch(source):
            raise Rejected("invalid_option")
    return mapping


def instant(text: str) -> int:
    m = DATETIME.fullmatch(text)
    if not m:
        raise Bad(text)
    parts = [int(g) for g in m.groups() if g is not None]
    try:
        return calendar.timegm(datetime.datetime(*parts).timetuple())
    except ValueError:
        raise Bad(text) from None


def read(fields: dict, name: str, kind: str):
    """Takes `name` out of `fields` when present: None when absent (or false where Odoo sends false for empty)."""
    if name not in fields:
        return None
    v = fields.pop(name)
    if kind == "bool":
        if not isinstance(v, bool):
            raise Bad(name)
        return v
    if kind == "number":
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise Bad(name)
        return v
    if v is False:
        return None
    if kind == "many2one":
        if isinstance(v, list) and len(v) == 2 and is_int(v[0]) and isinstance(v[1], str):
            return v[0]
        if not is_int(v):
            raise Bad(name)
        return v
    if not isinstance(v, str):
        raise Bad(name)
    return instant(v) if kind == "datetime" else v


def record_event(target: str, head: dict, fields: dict) -> dict:
    rid = head["record_id"]
    if target == "sale.order":
        out = {"type": "odoo.sale_order", **head,
               "is_rental": read(fields, "is_rental_order", "bool"), "state": read(fields, "state", "text"),
               "rental_status": read(fields, "rental_status", "text"),
               "partner_id": read(fields, "partner_id", "many2one"),
               "vehicle_id": read(fields, "vehicle_id", "many2one"),
               "start": read(fields, "rental_start_date", "datetime"),
               "end": read(fields, "rental_return_date", "datetime")}
        vid = out["vehicle_id"]
        inv = ([] if out["is_rental"] is False else
               [{"cache": "availability_all"} if vid is None else {"cache": "availability", "vehicle_id": vid}])
    elif target == "sale.order.line":
        out = {"type": "odoo.sale_order_line", **head,
               "order_id": read(fields, "order_id", "many2one"), "product_id": read(fields, "product_id", "many2one"),
               "vehicle_id": read(fields, "vehicle_id", "many2one"),
               "is_rental": read(fields, "is_rental", "bool"), "start": read(fields, "start_date", "datetime"),
               "end": read(fields, "return_date", "datetime"), "quantity": read(fields, "product_uom_qty", "number")}
        pid, vid = out["product_id"], out["vehicle_id"]
        inv = [] if pid is None else [{"cache": "product_availability", "product_id": pid}]
        inv += [] if vid is None else [{"cache": "availability", "vehicle_id": vid}]
        inv = [] if out["is_rental"] is False else (inv or [{"cache": "availability_all"}])
    elif target == "product.product":
        out = {"type": "odoo.product", **head, "product_id": rid,
               "template_id": read(fields, "product_tmpl_id", "many2one"), "rent_ok": read(fields, "rent_ok", "bool")}
        inv = [{"cache": "vehicle_list"}, {"cache": "product", "product_id": rid}, {"cache": "prices", "product_id": rid}]
    elif target == "product.template":
        out = {"type": "odoo.product_template", **head, "product_id": None, "template_id": rid,
               "rent_ok": read(fields, "rent_ok", "bool")}
        inv = [{"cache": "vehicle_list"}, {"cache": "product", "template_id": rid},
               {"cache": "prices", "template_id": rid}]
    else:  # stock.lot
        out = {"type": "odoo.stock_lot", **head, "product_id": read(fields, "product_id", "many2one"),
               "serial": read(fields, "name", "text")}
        pid = out["product_id"]
        inv = [{"cache": "vehicle_list"},
               {"cache": "availability_all"} if pid is None else {"cache": "product_availability", "product_id": pid}]
    out["fields"], out["invalidates"] = fields, inv
    return out


def parse_event(body: str, options: dict | None = None) -> dict:
    mapping = model_map(options or {})
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
        target = mapping.get(model, model if model in MODELS else None)
        if target == "fleet.vehicle":
            v, names = rid, ["vehicle_list", "vehicle", "availability"]
        elif target is not None:
            try:
                return record_event(target, {"model": model, "record_id": rid, "action": action}, fields)
            except Bad:
                raise Rejected("invalid_odoo_payload") from None
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


def o(obj: object) -> str:
    """A body as Odoo's webhook action writes it: ``json.dumps(vals, sort_keys=True, default=str)``."""
    return json.dumps(obj, sort_keys=True)


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
    # Odoo's native webhooks on the rental app's models (field names of sale_renting / sale_stock_renting).
    ("native-rental-order", "parse_event",
     [o({"_id": 41, "_model": "sale.order", "_action": "Notify site(#9)", "id": 41, "is_rental_order": True,
         "state": "sale", "rental_status": "pickup", "partner_id": 12,
         "rental_start_date": "2026-12-01 08:00:00", "rental_return_date": "2026-12-03 18:00:00",
         "name": "S00041", "amount_total": 540.0})]),
    ("native-rental-order-quotation", "parse_event",
     [o({"_id": 42, "_model": "sale.order", "_action": "Notify site(#9)", "is_rental_order": True,
         "state": "draft", "rental_status": "draft", "partner_id": [12, "Acme Ltd"],
         "rental_start_date": "2026-12-05 07:30:00", "rental_return_date": "2026-12-06 07:30:00"})]),
    ("native-rental-order-cancelled", "parse_event",
     [o({"_id": 41, "_model": "sale.order", "_action": "Notify site(#9)", "is_rental_order": True,
         "state": "cancel", "rental_status": "cancel"})]),
    ("native-sale-order-not-rental", "parse_event",
     [o({"_id": 43, "_model": "sale.order", "_action": "Notify site(#9)", "is_rental_order": False,
         "state": "sale", "rental_status": False, "rental_start_date": False, "rental_return_date": False,
         "partner_id": 12})]),
    ("native-sale-order-no-fields", "parse_event", [o({"_id": 44, "_model": "sale.order", "_action": "x(#1)"})]),
    ("native-sale-order-empty-dates", "parse_event",
     [o({"_id": 45, "_model": "sale.order", "_action": "x(#1)", "is_rental_order": True,
         "rental_start_date": False, "rental_return_date": False, "partner_id": False, "state": "draft"})]),
    ("native-sale-order-date-only", "parse_event",
     [o({"_id": 46, "_model": "sale.order", "_action": "x(#1)", "rental_start_date": "2026-12-01",
         "rental_return_date": "2026-12-02"})]),
    ("native-sale-order-microseconds", "parse_event",
     [o({"_id": 46, "_model": "sale.order", "_action": "x(#1)", "rental_start_date": "2026-12-01 08:00:00.250000"})]),
    ("native-sale-order-leap-day", "parse_event",
     [o({"_id": 47, "_model": "sale.order", "_action": "x(#1)", "rental_start_date": "2028-02-29 23:59:59"})]),
    ("native-sale-order-epoch", "parse_event",
     [o({"_id": 47, "_model": "sale.order", "_action": "x(#1)", "rental_start_date": "1970-01-01 00:00:00"})]),
    ("native-sale-order-bad-datetime-iso", "parse_event",
     [o({"_id": 48, "_model": "sale.order", "_action": "x(#1)", "rental_start_date": "2026-12-01T08:00:00Z"})]),
    ("native-sale-order-bad-datetime-day", "parse_event",
     [o({"_id": 48, "_model": "sale.order", "_action": "x(#1)", "rental_start_date": "2027-02-29 08:00:00"})]),
    ("native-sale-order-bad-datetime-hour", "parse_event",
     [o({"_id": 48, "_model": "sale.order", "_action": "x(#1)", "rental_return_date": "2026-12-01 24:00:00"})]),
    ("native-sale-order-bad-datetime-second-60", "parse_event",
     [o({"_id": 48, "_model": "sale.order", "_action": "x(#1)", "rental_return_date": "2026-12-31 23:59:60"})]),
    ("native-sale-order-bad-datetime-short", "parse_event",
     [o({"_id": 48, "_model": "sale.order", "_action": "x(#1)", "rental_return_date": "2026-12-1 08:00:00"})]),
    ("native-sale-order-bad-datetime-year-0", "parse_event",
     [o({"_id": 48, "_model": "sale.order", "_action": "x(#1)", "rental_return_date": "0000-01-01"})]),
    ("native-sale-order-datetime-number", "parse_event",
     [o({"_id": 48, "_model": "sale.order", "_action": "x(#1)", "rental_start_date": 1796112000})]),
    ("native-sale-order-is-rental-string", "parse_event",
     [o({"_id": 48, "_model": "sale.order", "_action": "x(#1)", "is_rental_order": "true"})]),
    ("native-sale-order-partner-string", "parse_event",
     [o({"_id": 48, "_model": "sale.order", "_action": "x(#1)", "partner_id": "12"})]),
    ("native-sale-order-partner-bad-pair", "parse_event",
     [o({"_id": 48, "_model": "sale.order", "_action": "x(#1)", "partner_id": [12]})]),
    ("native-sale-order-missing-action", "parse_event", [o({"_id": 48, "_model": "sale.order"})]),
    ("native-sale-order-line", "parse_event",
     [o({"_id": 301, "_model": "sale.order.line", "_action": "Line changed(#10)", "id": 301, "order_id": 41,
         "product_id": 9, "is_rental": True, "start_date": "2026-12-01 08:00:00",
         "return_date": "2026-12-03 18:00:00", "product_uom_qty": 2.0, "qty_delivered": 0.0})]),
    ("native-sale-order-line-pairs", "parse_event",
     [o({"_id": 302, "_model": "sale.order.line", "_action": "Line changed(#10)",
         "order_id": [41, "S00041"], "product_id": [9, "[EXC-5] Kubota KX057"], "product_uom_qty": 1})]),
    ("native-sale-order-line-no-product", "parse_event",
     [o({"_id": 303, "_model": "sale.order.line", "_action": "x(#1)", "order_id": 41, "product_id": False})]),
    ("native-sale-order-line-not-rental", "parse_event",
     [o({"_id": 304, "_model": "sale.order.line", "_action": "x(#1)", "product_id": 77, "is_rental": False})]),
    ("native-sale-order-line-site-vehicle", "parse_event",
     [o({"_id": 306, "_model": "sale.order.line", "_action": "x(#1)", "product_id": 9, "vehicle_id": [7, "KX057"]})]),
    ("native-sale-order-line-vehicle-only", "parse_event",
     [o({"_id": 307, "_model": "sale.order.line", "_action": "x(#1)", "vehicle_id": 7, "product_id": False})]),
    ("native-sale-order-vehicle-string", "parse_event",
     [o({"_id": 48, "_model": "sale.order", "_action": "x(#1)", "vehicle_id": "7"})]),
    ("native-sale-order-line-qty-string", "parse_event",
     [o({"_id": 305, "_model": "sale.order.line", "_action": "x(#1)", "product_uom_qty": "2"})]),
    ("native-sale-order-line-bad-return", "parse_event",
     [o({"_id": 305, "_model": "sale.order.line", "_action": "x(#1)", "return_date": "soon"})]),
    ("native-product", "parse_event",
     [o({"_id": 9, "_model": "product.product", "_action": "Price changed(#11)", "id": 9, "rent_ok": True,
         "product_tmpl_id": 5, "lst_price": 120.0, "name": "Kubota KX057"})]),
    ("native-product-not-rentable", "parse_event",
     [o({"_id": 10, "_model": "product.product", "_action": "x(#1)", "rent_ok": False,
         "product_tmpl_id": [6, "Trailer"]})]),
    ("native-product-template", "parse_event",
     [o({"_id": 5, "_model": "product.template", "_action": "Pricing changed(#11)", "rent_ok": True,
         "list_price": 100.0, "product_pricing_ids": [3, 4], "extra_hourly": 15.0, "extra_daily": 90.0})]),
    ("native-product-rent-ok-int", "parse_event",
     [o({"_id": 5, "_model": "product.template", "_action": "x(#1)", "rent_ok": 1})]),
    ("native-stock-lot", "parse_event",
     [o({"_id": 70, "_model": "stock.lot", "_action": "Serial changed(#13)", "product_id": 9, "name": "KX057-0042",
         "id": 70})]),
    ("native-stock-lot-no-product", "parse_event",
     [o({"_id": 71, "_model": "stock.lot", "_action": "x(#1)", "name": False})]),
    ("native-stock-lot-name-number", "parse_event",
     [o({"_id": 71, "_model": "stock.lot", "_action": "x(#1)", "name": 42})]),
    ("native-sale-order-unknown-action-type", "parse_event",
     [o({"_id": 48, "_model": "sale.order", "_action": 9})]),
    # The model map: a site's own models read as one of fleetgate's.
    ("map-vehicle", "parse_event",
     [o({"_id": 7, "_model": "atlas.equipment", "_action": "Notify site(#12)", "id": 7, "status": "available"}),
      {"model_map": {"atlas.equipment": "fleet.vehicle"}}]),
    ("map-booking-as-order", "parse_event",
     [o({"_id": 90, "_model": "atlas.booking", "_action": "Booking(#15)", "is_rental_order": True,
         "rental_start_date": "2026-12-01 08:00:00", "rental_return_date": "2026-12-02 08:00:00",
         "vehicle_id": 7}),
      {"model_map": {"atlas.booking": "sale.order", "atlas.equipment": "fleet.vehicle"}}]),
    ("map-lot-as-vehicle", "parse_event",
     [o({"_id": 70, "_model": "stock.lot", "_action": "x(#1)", "product_id": 9, "name": "KX057-0042"}),
      {"model_map": {"stock.lot": "fleet.vehicle"}}]),
    ("map-empty", "parse_event",
     [o({"_id": 7, "_model": "fleet.vehicle", "_action": "x(#1)"}), {"model_map": {}}]),
    ("map-unmapped-unknown-model", "parse_event",
     [o({"_id": 5, "_model": "res.partner", "_action": "x(#1)"}), {"model_map": {"atlas.equipment": "fleet.vehicle"}}]),
    ("map-unknown-target", "parse_event",
     [o({"_id": 7, "_model": "atlas.equipment", "_action": "x(#1)"}), {"model_map": {"atlas.equipment": "res.partner"}}]),
    ("map-target-not-string", "parse_event",
     [o({"_id": 7, "_model": "atlas.equipment", "_action": "x(#1)"}), {"model_map": {"atlas.equipment": 1}}]),
    ("map-bad-source-name", "parse_event",
     [o({"_id": 7, "_model": "fleet.vehicle", "_action": "x(#1)"}), {"model_map": {"Atlas Equipment": "fleet.vehicle"}}]),
    ("map-not-an-object", "parse_event",
     [o({"_id": 7, "_model": "fleet.vehicle", "_action": "x(#1)"}), {"model_map": ["atlas.equipment"]}]),
    ("map-unknown-option", "parse_event",
     [o({"_id": 7, "_model": "fleet.vehicle", "_action": "x(#1)"}), {"model_mapping": {}}]),
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
