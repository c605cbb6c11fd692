"""
Odoo webhooks parsed into one event that names the caches it invalidates; vehicle image URLs.
"""

__all__ = ["image_url", "parse_event"]

def image_url(base: "str", path: "str") -> "str":
    """
    The absolute URL of an image path from an Odoo record (one ``/`` between base and path; absolute URLs
    returned untouched). Raises ``fleetgate.OdooError`` (``invalid_base_url``, ``invalid_image_path``).
    """

def parse_event(body: "bytes") -> "dict[str, object]":
    """
    Parses a webhook body (the raw ``bytes``) into a dict: ``type`` (``booking.created``, ...,
    ``vehicle.updated``, ... or ``odoo.native``), the ids, ``fields`` (the rest of the body, unchanged) and
    ``invalidates`` (``{"cache": "vehicle_list" | "vehicle" | "availability", "vehicle_id"?: int}``).
    Raises ``fleetgate.OdooError`` (``invalid_odoo_payload`` with ``.errors``, every problem as
    ``{"loc", "code", "message"}``; ``unknown_odoo_event``).
    """
