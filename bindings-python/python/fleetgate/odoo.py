"""Odoo webhooks (booking, inventory and Odoo's native shape) parsed into one event naming the caches it
invalidates, and absolute vehicle image URLs.

Odoo's native "Send Webhook Notification" is understood on ``fleet.vehicle`` and on the rental app's models:
``sale.order`` (a rental order: :class:`SaleOrderEvent`), ``sale.order.line`` (:class:`SaleOrderLineEvent`),
``product.product`` / ``product.template`` (:class:`ProductEvent`) and ``stock.lot`` (:class:`StockLotEvent`).
Odoo's naive UTC datetimes become unix seconds. A site whose records live in its own module's models maps them:

>>> from fleetgate import odoo
>>> body = b'{"_action": "Notify(#3)", "_id": 7, "_model": "atlas.equipment", "id": 7}'
>>> odoo.parse_event(body, model_map={"atlas.equipment": "fleet.vehicle"}).vehicle_id
7
>>> order = odoo.parse_event(b'{"_action": "Rental(#3)", "_id": 41, "_model": "sale.order", '
...                          b'"is_rental_order": true, "rental_start_date": "2026-12-01 08:00:00", "state": "sale"}')
>>> order.type, order.is_rental, order.start, [i.to_dict() for i in order.invalidates]
('odoo.sale_order', True, 1796112000, [{'cache': 'availability_all'}])

Odoo's native "Send Webhook Notification" has no signature: protect its endpoint with a secret URL or an HMAC
check on a proxy.

>>> event = odoo.parse_event(b'{"event_type": "vehicle.updated", "vehicle_id": 3}')
>>> event.type, event.vehicle_id
('vehicle.updated', 3)
>>> [i.to_dict() for i in event.invalidates]
[{'cache': 'vehicle_list'}, {'cache': 'vehicle', 'vehicle_id': 3}]
>>> odoo.image_url("https://odoo.example.com/", "/web/image/fleet.vehicle/3/image_1920")
'https://odoo.example.com/web/image/fleet.vehicle/3/image_1920'

Errors are :class:`fleetgate.OdooError`.

:class:`Client` reads the Odoo module's REST API (``vehicles``, ``vehicle``, ``availability``; image paths made
absolute) and posts bookings (``create_booking``: validated with :mod:`fleetgate.booking` first, retried only with an
idempotency key). Requests release the GIL; failures raise :class:`fleetgate.ClientError`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Dict, Optional, Tuple, Type, Union, cast

from fleetgate._fleetgate import odoo as _native
from fleetgate._fleetgate.odoo import Client, image_url
from fleetgate._result import Result


_IDS = ("vehicle_id", "product_id", "template_id")


@dataclass(frozen=True)
class Invalidation(Result):
    """One cache to drop: ``cache`` is ``vehicle_list``, ``vehicle`` / ``availability`` (of ``vehicle_id``),
    ``availability_all`` (every availability), ``product_availability`` (of ``product_id``), ``product`` /
    ``prices`` (of ``product_id``, a ``product.product``, or ``template_id``, a ``product.template``). The ids a
    cache does not use are ``None``."""

    cache: str
    vehicle_id: Optional[int] = None
    product_id: Optional[int] = None
    template_id: Optional[int] = None

    @classmethod
    def _from_dict(cls, data: Dict[str, Any]) -> "Invalidation":
        if not set(data) <= {"cache", *_IDS} or "cache" not in data:
            raise AssertionError(f"Invalidation: unexpected fields {sorted(data)}")
        return cls(cache=data["cache"], **{k: data.get(k) for k in _IDS})

    def to_dict(self) -> Dict[str, Any]:
        """``{"cache"}`` and the id it names (``vehicle_id``, ``product_id`` or ``template_id``), as in the JSON
        shape."""
        out: Dict[str, Any] = {"cache": self.cache}
        for key in _IDS:
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        return out


@dataclass(frozen=True)
class BookingEvent(Result):
    """A booking webhook (``booking.created``, ``booking.confirmed``, ``booking.cancelled``, ``booking.modified``)."""

    type: str
    booking_id: int
    vehicle_id: int
    fields: Dict[str, Any]
    invalidates: Tuple[Invalidation, ...]
    _nested: ClassVar[Dict[str, Type[Result]]] = {"invalidates": Invalidation}


@dataclass(frozen=True)
class VehicleEvent(Result):
    """An inventory webhook (``vehicle.added``, ``vehicle.updated``, ``vehicle.availability_changed``, ...)."""

    type: str
    vehicle_id: int
    fields: Dict[str, Any]
    invalidates: Tuple[Invalidation, ...]
    _nested: ClassVar[Dict[str, Type[Result]]] = {"invalidates": Invalidation}


@dataclass(frozen=True)
class NativeEvent(Result):
    """Odoo's native "Send Webhook Notification" (``type`` ``odoo.native``): ``model``, ``record_id``, ``action``
    and the vehicle concerned."""

    type: str
    model: str
    record_id: int
    action: str
    vehicle_id: int
    fields: Dict[str, Any]
    invalidates: Tuple[Invalidation, ...]
    _nested: ClassVar[Dict[str, Type[Result]]] = {"invalidates": Invalidation}


@dataclass(frozen=True)
class SaleOrderEvent(Result):
    """A native webhook on ``sale.order`` (``type`` ``odoo.sale_order``): in Odoo's rental app a rental order, the
    booking. Each field is ``None`` when the webhook did not select it (or Odoo sent ``false``): ``is_rental``
    (``is_rental_order``; ``False`` is an ordinary sale, which invalidates nothing), ``state``, ``rental_status``,
    ``partner_id``, ``vehicle_id`` (a field of the site's own module), ``start`` / ``end``
    (``rental_start_date`` / ``rental_return_date``, unix seconds)."""

    type: str
    model: str
    record_id: int
    action: str
    is_rental: Optional[bool]
    state: Optional[str]
    rental_status: Optional[str]
    partner_id: Optional[int]
    vehicle_id: Optional[int]
    start: Optional[int]
    end: Optional[int]
    fields: Dict[str, Any]
    invalidates: Tuple[Invalidation, ...]
    _nested: ClassVar[Dict[str, Type[Result]]] = {"invalidates": Invalidation}


@dataclass(frozen=True)
class SaleOrderLineEvent(Result):
    """A native webhook on ``sale.order.line`` (``type`` ``odoo.sale_order_line``): what an order rents.
    ``order_id``, ``product_id``, ``vehicle_id`` (a field of the site's own module), ``is_rental``, ``start`` /
    ``end`` (``start_date`` / ``return_date``, unix seconds) and ``quantity`` (``product_uom_qty`` as sent)."""

    type: str
    model: str
    record_id: int
    action: str
    order_id: Optional[int]
    product_id: Optional[int]
    vehicle_id: Optional[int]
    is_rental: Optional[bool]
    start: Optional[int]
    end: Optional[int]
    quantity: Optional[float]
    fields: Dict[str, Any]
    invalidates: Tuple[Invalidation, ...]
    _nested: ClassVar[Dict[str, Type[Result]]] = {"invalidates": Invalidation}


@dataclass(frozen=True)
class ProductEvent(Result):
    """A native webhook on ``product.product`` (``type`` ``odoo.product``: ``product_id`` is the record,
    ``template_id`` its ``product_tmpl_id``) or ``product.template`` (``odoo.product_template``: ``template_id``
    is the record, ``product_id`` ``None``), with ``rent_ok``; prices stay in ``fields``."""

    type: str
    model: str
    record_id: int
    action: str
    product_id: Optional[int]
    template_id: Optional[int]
    rent_ok: Optional[bool]
    fields: Dict[str, Any]
    invalidates: Tuple[Invalidation, ...]
    _nested: ClassVar[Dict[str, Type[Result]]] = {"invalidates": Invalidation}


@dataclass(frozen=True)
class StockLotEvent(Result):
    """A native webhook on ``stock.lot`` (``type`` ``odoo.stock_lot``): a serial unit of ``product_id``, its serial
    number ``serial`` (the lot's ``name``)."""

    type: str
    model: str
    record_id: int
    action: str
    product_id: Optional[int]
    serial: Optional[str]
    fields: Dict[str, Any]
    invalidates: Tuple[Invalidation, ...]
    _nested: ClassVar[Dict[str, Type[Result]]] = {"invalidates": Invalidation}


Event = Union[BookingEvent, VehicleEvent, NativeEvent, SaleOrderEvent, SaleOrderLineEvent, ProductEvent, StockLotEvent]
"""Any parsed Odoo webhook: ``type`` tells which."""


def parse_event(body: bytes, *, model_map: Optional[Dict[str, str]] = None, **unknown: Any) -> Event:
    """Parses a webhook body (the raw ``bytes``) into a :class:`BookingEvent`, :class:`VehicleEvent`,
    :class:`NativeEvent`, :class:`SaleOrderEvent`, :class:`SaleOrderLineEvent`, :class:`ProductEvent` or
    :class:`StockLotEvent`: ``type``, the ids and parsed fields, ``fields`` (the rest of the body, unchanged) and
    ``invalidates``. ``model_map`` reads a site's own models as one of ``fleet.vehicle``, ``sale.order``,
    ``sale.order.line``, ``product.product``, ``product.template``, ``stock.lot``
    (``{"atlas.equipment": "fleet.vehicle"}``).
    Raises ``fleetgate.OdooError`` (``invalid_odoo_payload`` with ``.errors``, ``unknown_odoo_event``,
    ``invalid_option`` for a bad ``model_map`` or an unknown keyword)."""
    return cast(Event, _native.parse_event(body, model_map=model_map, **unknown))


__all__ = ["BookingEvent", "Client", "Event", "Invalidation", "NativeEvent", "ProductEvent", "SaleOrderEvent",
           "SaleOrderLineEvent", "StockLotEvent", "VehicleEvent", "image_url", "parse_event"]


# --- Stock Odoo's website rental routes (/rental/product/constraints, /rental/product/availabilities) ----------


@dataclass(frozen=True)
class MinimalTime(Result):
    """Odoo's minimal rental: ``duration`` units of ``unit`` (``hour``, ``day``, ``week``, ``month`` = 30 days, as
    Odoo's website counts it); a duration of 0 is no minimum."""

    duration: int
    unit: str


@dataclass(frozen=True)
class RentalConstraints(Result):
    """``/rental/product/constraints``: ``forbidden_weekdays`` (``"mon"`` ... ``"sun"``: no pickup nor return),
    ``minimal_time``, ``time_zone`` (the website's, ``None`` before Odoo 17) and ``booking_rules``, the dict
    ``fleetgate.booking.validate(request, rules=...)`` takes (merge it over the site's own rules:
    ``{**site_rules, **constraints.booking_rules}``)."""

    forbidden_weekdays: Tuple[str, ...]
    minimal_time: MinimalTime
    time_zone: Optional[str]
    booking_rules: Dict[str, Any]
    _nested: ClassVar[Dict[str, Type[Result]]] = {"minimal_time": MinimalTime}


@dataclass(frozen=True)
class RentalSegment(Result):
    """``quantity_available`` units from ``start`` to ``end`` (exclusive; RFC 3339 UTC). Odoo's worst case: negative
    when overbooked."""

    start: str
    end: str
    quantity_available: int


@dataclass(frozen=True)
class RentalAvailabilities(Result):
    """``/rental/product/availabilities``: ``preparation_time`` (hours, as Odoo sent it), ``padding_seconds``
    (exact), ``padding_hours`` (rounded up: what ``fleetgate.availability`` bookings take), ``stock_limited``
    (``False`` when Odoo does not limit the product by stock; ``segments`` is then empty) and ``segments``, the
    timeline sorted by start."""

    preparation_time: float
    padding_seconds: int
    padding_hours: int
    stock_limited: bool
    segments: Tuple[RentalSegment, ...]
    _nested: ClassVar[Dict[str, Type[Result]]] = {"segments": RentalSegment}


def rental_constraints(reply: Union[Dict[str, Any], bytes, str]) -> RentalConstraints:
    """Reads a ``/rental/product/constraints`` JSON-RPC reply (the parsed dict, or its bytes / text). Raises
    ``fleetgate.OdooError`` (``odoo_rpc_error``; ``invalid_odoo_payload`` with ``details["errors"]``)."""
    return _native.rental_constraints(reply)  # type: ignore[return-value]


def rental_availabilities(reply: Union[Dict[str, Any], bytes, str]) -> RentalAvailabilities:
    """Reads a ``/rental/product/availabilities`` JSON-RPC reply (the parsed dict, or its bytes / text). Raises
    ``fleetgate.OdooError`` (``odoo_rpc_error``; ``invalid_odoo_payload`` with ``details["errors"]``)."""
    return _native.rental_availabilities(reply)  # type: ignore[return-value]


__all__ += [
    "MinimalTime",
    "RentalAvailabilities",
    "RentalConstraints",
    "RentalSegment",
    "rental_availabilities",
    "rental_constraints",
]
