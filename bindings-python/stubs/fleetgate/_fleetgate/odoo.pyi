"""
Odoo webhooks parsed into one event that names the caches it invalidates; vehicle image URLs.
"""

from typing import final

__all__ = ["Client", "image_url", "parse_event", "rental_availabilities", "rental_constraints"]

@final
class Client:
    """
    A client of the Odoo rental module's REST API: vehicles (image URLs made absolute), availability, bookings
    (validated with ``fleetgate.booking`` rules before they are sent). Thread-safe.
    """
    def __new__(cls, /, base_url: "str", *, timeout: "float | None" = None, backoff: "object" = None, booking_rules: "dict[str, object] | None" = None, **unknown: "object") -> Client:
        """
        A client for the Odoo at ``base_url``; ``booking_rules`` (a dict as for ``fleetgate.booking.validate``)
        checks booking requests before they are sent. ``timeout`` is per attempt, in seconds; ``backoff`` decides
        the retries (GET always, POST only with an idempotency key).
        """
    def __repr__(self, /) -> str: ...
    def availability(self, /, vehicle_id: "int | str", start: "object", end: "object") -> "object":
        """
        ``GET /api/fleet/vehicles/{vehicle_id}/availability?start=&end=``: Odoo's answer. ``start`` and ``end`` are
        RFC 3339 instants or ``YYYY-MM-DD`` dates (``datetime``/``date`` objects are sent as their ISO form).
        """
    def create_booking(self, /, request: "dict[str, object]", *, idempotency_key: "str | None" = None, now: "int | str | None" = None, **unknown: "object") -> "object":
        """
        ``POST /api/fleet/bookings`` with ``request`` as ``fleetgate.booking.validate`` cleans it at ``now``; an
        invalid request raises ``fleetgate.BookingValidationError`` and nothing is sent. With ``idempotency_key``
        (sent as ``Idempotency-Key``) failures are retried; without one the POST is never repeated.
        """
    def rental_availabilities(self, /, product_id: "int", start: "object", end: "object") -> "object":
        """
        ``POST /rental/product/availabilities`` (stock Odoo 17/18, ``website_sale_stock_renting``, JSON-RPC) for
        ``product_id`` (a ``product.product`` id) from ``start`` to ``end`` (unix seconds or RFC 3339 instants, aware
        ``datetime`` objects too; sent as Odoo's naive UTC datetimes): a ``fleetgate.odoo.RentalAvailabilities``.
        """
    def rental_constraints(self, /) -> "object":
        """
        ``POST /rental/product/constraints`` (stock Odoo 17/18, ``website_sale_renting``, JSON-RPC): a
        ``fleetgate.odoo.RentalConstraints`` whose ``booking_rules`` ``fleetgate.booking.validate`` takes. A JSON-RPC
        error raises ``fleetgate.OdooError`` (``odoo_rpc_error``), a reply of another shape ``invalid_odoo_payload``;
        transport failures raise ``fleetgate.ClientError``.
        """
    def vehicle(self, /, id: "int | str") -> "dict[str, object]":
        """
        ``GET /api/fleet/vehicles/{id}``: one vehicle, image paths made absolute.
        """
    def vehicles(self, /) -> "list[dict[str, object]] | dict[str, object]":
        """
        ``GET /api/fleet/vehicles``: the vehicle list as Odoo returns it, image paths made absolute.
        """

def image_url(base: "str", path: "str") -> "str":
    """
    The absolute URL of an image path from an Odoo record (one ``/`` between base and path; absolute URLs
    returned untouched). Raises ``fleetgate.OdooError`` (``invalid_base_url``, ``invalid_image_path``,
    ``invalid_argument``).
    """

def parse_event(body: "bytes", *, model_map: "dict[str, str] | None" = None, **unknown: "object") -> "object":
    """
    Parses a webhook body (the raw ``bytes``) into an event: a ``fleetgate.odoo.BookingEvent``,
    ``VehicleEvent``, ``NativeEvent``, ``SaleOrderEvent``, ``SaleOrderLineEvent``, ``ProductEvent`` or
    ``StockLotEvent`` (``type``, the ids and parsed fields, ``fields``: the rest of the body, unchanged, and
    ``invalidates``: the caches to drop). ``model_map`` reads a site's own models as fleetgate's
    (``{"atlas.equipment": "fleet.vehicle"}``). Raises ``fleetgate.OdooError`` (``invalid_odoo_payload`` with
    ``.errors``, every problem as ``{"loc", "code", "message"}``; ``unknown_odoo_event``; ``invalid_option``
    for a bad ``model_map``).
    """

def rental_availabilities(reply: "dict[str, object] | bytes | str") -> "object":
    """
    Reads a ``/rental/product/availabilities`` JSON-RPC reply (the parsed ``dict``, or its ``bytes`` / ``str``)
    into a ``fleetgate.odoo.RentalAvailabilities``: ``preparation_time`` (hours), ``padding_seconds``,
    ``padding_hours`` (rounded up), ``stock_limited`` and ``segments`` (``RentalSegment(start, end,
    quantity_available)``, UTC, sorted). Raises ``fleetgate.OdooError`` (``odoo_rpc_error``,
    ``invalid_odoo_payload``).
    """

def rental_constraints(reply: "dict[str, object] | bytes | str") -> "object":
    """
    Reads a ``/rental/product/constraints`` JSON-RPC reply (the parsed ``dict``, or its ``bytes`` / ``str``) into a
    ``fleetgate.odoo.RentalConstraints``: ``forbidden_weekdays`` (``"mon"`` ... ``"sun"``), ``minimal_time``
    (``duration``, ``unit``), ``time_zone`` and ``booking_rules`` (a dict for ``fleetgate.booking.validate``).
    Raises ``fleetgate.OdooError`` (``odoo_rpc_error`` for a JSON-RPC error, ``invalid_odoo_payload`` with every
    problem in ``details["errors"]``).
    """
