"""Odoo webhooks (booking, inventory and Odoo's native shape) parsed into one event naming the caches it
invalidates, and absolute vehicle image URLs.

Odoo's native "Send Webhook Notification" has no signature: protect its endpoint with a secret URL or an HMAC
check on a proxy.

>>> from fleetgate import odoo
>>> event = odoo.parse_event(b'{"event_type": "vehicle.updated", "vehicle_id": 3}')
>>> event["type"], event["invalidates"]
('vehicle.updated', [{'cache': 'vehicle_list'}, {'cache': 'vehicle', 'vehicle_id': 3}])
>>> odoo.image_url("https://odoo.example.com/", "/web/image/fleet.vehicle/3/image_1920")
'https://odoo.example.com/web/image/fleet.vehicle/3/image_1920'

Errors are :class:`fleetgate.OdooError`.

:class:`Client` reads the Odoo module's REST API (``vehicles``, ``vehicle``, ``availability``; image paths made
absolute) and posts bookings (``create_booking``: validated with :mod:`fleetgate.booking` first, retried only with an
idempotency key). Requests release the GIL; failures raise :class:`fleetgate.ClientError`.
"""

from __future__ import annotations

from fleetgate._fleetgate.odoo import Client, image_url, parse_event

__all__ = ["Client", "image_url", "parse_event"]
