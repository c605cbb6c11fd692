"""Odoo webhooks (booking, inventory and Odoo's native shape) parsed into one event naming the caches it
invalidates, and absolute vehicle image URLs.

Odoo's native "Send Webhook Notification" has no signature: protect its endpoint with a secret URL or an HMAC
check on a proxy.

>>> from fleetgate import odoo
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
from typing import Any, ClassVar, Dict, Optional, Tuple, Type, Union

from fleetgate._fleetgate import odoo as _native
from fleetgate._fleetgate.odoo import Client, image_url
from fleetgate._result import Result


@dataclass(frozen=True)
class Invalidation(Result):
    """One cache to drop: ``cache`` is ``vehicle_list``, ``vehicle`` or ``availability``; ``vehicle_id`` names the
    vehicle for the last two (``None`` for the list)."""

    cache: str
    vehicle_id: Optional[int] = None

    @classmethod
    def _from_dict(cls, data: Dict[str, Any]) -> "Invalidation":
        if not set(data) <= {"cache", "vehicle_id"} or "cache" not in data:
            raise AssertionError(f"Invalidation: unexpected fields {sorted(data)}")
        return cls(cache=data["cache"], vehicle_id=data.get("vehicle_id"))

    def to_dict(self) -> Dict[str, Any]:
        """``{"cache"}`` or ``{"cache", "vehicle_id"}``, as in the JSON shape."""
        out: Dict[str, Any] = {"cache": self.cache}
        if self.vehicle_id is not None:
            out["vehicle_id"] = self.vehicle_id
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


def parse_event(body: bytes) -> Union[BookingEvent, VehicleEvent, NativeEvent]:
    """Parses a webhook body (the raw ``bytes``) into a :class:`BookingEvent`, :class:`VehicleEvent` or
    :class:`NativeEvent`: ``type``, the ids, ``fields`` (the rest of the body, unchanged) and ``invalidates``.
    Raises ``fleetgate.OdooError`` (``invalid_odoo_payload`` with ``.errors``, ``unknown_odoo_event``)."""
    return _native.parse_event(body)  # type: ignore[return-value]


__all__ = ["BookingEvent", "Client", "Invalidation", "NativeEvent", "VehicleEvent", "image_url", "parse_event"]


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
