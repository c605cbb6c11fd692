"""
Webhook verification and signing: Smartcar, Standard Webhooks (v1 HMAC, v1a Ed25519), Stripe, GitHub, Shopify,
Odoo and a generic HMAC header. Bodies are bytes; headers a mapping or (name, value) pairs.
"""

from typing import Any, Final, final

__all__ = ["MAX_SIGNATURES", "Verifier", "VerifyStream"]

MAX_SIGNATURES: Final[int]
"""
The most signature tokens a header may carry (more is ``too_many_signatures``).
"""

@final
class Verifier:
    """
    Verifies and signs webhook requests of one scheme. Build it with a preset (``Verifier.smartcar(amt)``,
    ``Verifier.standard_webhooks(secret)``, ...) and reuse it: keys are prepared once.
    """
    def __repr__(self, /) -> str: ...
    @staticmethod
    def github(secret: "str | list[str]", *, max_body: "int | None" = None, **unknown: "object") -> "Verifier":
        """
        GitHub ``X-Hub-Signature-256: sha256=<hex>``.
        """
    @staticmethod
    def hmac(secret: "str | list[str]", *, header: "str", prefix: "str | None" = None, encoding: "str | None" = None, timestamp_header: "str | None" = None, id_header: "str | None" = None, signed_content: "str | None" = None, tolerance: "int | tuple[int, int] | None" = None, max_body: "int | None" = None, **unknown: "object") -> "Verifier":
        """
        A generic HMAC-SHA256 header: ``header`` name, optional ``prefix`` (``"sha256="``), ``encoding``
        ``"hex"`` (the default) or ``"base64"``, optional ``timestamp_header`` (then ``timestamp + "." + body``
        is signed), optional ``id_header`` and ``signed_content``, a template of what is signed such as
        ``"{id}.{timestamp}.{body}"`` (``{header:Name}`` for any other header; ``invalid_signed_content``).
        """
    @staticmethod
    def odoo(secret: "str | list[str]", *, timestamped: "bool | None" = None, tolerance: "int | tuple[int, int] | None" = None, max_body: "int | None" = None, **unknown: "object") -> "Verifier":
        """
        The rental site's Odoo webhooks: ``X-Odoo-Signature: sha256=<hex>`` of the body; with
        ``timestamped=True`` a required ``X-Odoo-Timestamp`` is signed as ``timestamp + "." + body``.
        """
    @staticmethod
    def shopify(secret: "str | list[str]", *, max_body: "int | None" = None, **unknown: "object") -> "Verifier":
        """
        Shopify ``X-Shopify-Hmac-Sha256: <base64>``.
        """
    def sign(self, /, body: "bytes | bytearray | memoryview", *, msg_id: "str | None" = None, timestamp: "int | str | None" = None, headers: "dict[str, str] | list[tuple[str, str]] | None" = None, **unknown: "object") -> "dict[str, str]":
        """
        Signs ``body`` with the first secret and returns the headers to send, as a dict. ``timestamp`` (unix
        seconds or an RFC 3339 instant) defaults to now for the schemes that sign one; ``msg_id`` (Standard
        Webhooks, a template's ``{id}``) defaults to one derived from the timestamp and body; ``headers`` gives
        the values of the headers a ``signed_content`` template names (``{header:Name}``).
        """
    @staticmethod
    def smartcar(amt: "str | list[str]", *, max_body: "int | None" = None, **unknown: "object") -> "Verifier":
        """
        Smartcar ``SC-Signature``, keyed with the application management token(s).
        """
    @staticmethod
    def standard_webhooks(secret: "str | list[str]", *, tolerance: "int | tuple[int, int] | None" = None, max_body: "int | None" = None, **unknown: "object") -> "Verifier":
        """
        Standard Webhooks / Svix: ``whsec_`` (v1 HMAC), ``whpk_`` (v1a Ed25519 public key, raw or SPKI DER) or
        ``whsk_`` (Ed25519 seed: signs v1a) secrets. ``tolerance``: seconds, or a ``(past, future)`` pair
        (default 300 each way).
        """
    def stream(self, /, headers: "dict[str, str] | list[tuple[str, str]]", *, now: "int | str | None" = None, check_time: "bool | None" = None, **unknown: "object") -> "VerifyStream":
        """
        Starts verifying a body that arrives in chunks: ``stream = v.stream(headers)``, then
        ``stream.update(chunk)`` for each chunk and ``stream.finish()`` for the result. The headers come first
        because the signed content starts with some of them (id, timestamp).
        """
    @staticmethod
    def stripe(secret: "str | list[str]", *, tolerance: "int | tuple[int, int] | None" = None, max_body: "int | None" = None, **unknown: "object") -> "Verifier":
        """
        Stripe ``Stripe-Signature``, keyed with the whole secret string (``whsec_`` included).
        """
    def verify(self, /, headers: "dict[str, str] | list[tuple[str, str]]", body: "bytes | bytearray | memoryview", *, now: "int | str | None" = None, check_time: "bool | None" = None, **unknown: "object") -> Any:
        """
        Verifies a request. ``headers``: a mapping or (name, value) pairs; ``body``: the raw bytes as received;
        ``now``: unix seconds or an RFC 3339 instant (default: the system clock); ``check_time=False`` skips the
        timestamp window (for re-verifying stored deliveries). Raises ``fleetgate.WebhookError`` with the
        reason's ``.code`` and its typed fields in ``.details``.
        """
    @property
    def weak_keys(self, /) -> list[int]:
        """
        Positions of the secrets shorter than 24 bytes (accepted, but worth replacing).
        """

@final
class VerifyStream:
    """
    A verification in progress (see ``Verifier.stream``): ``update(chunk)`` then ``finish()`` once.
    """
    def finish(self, /) -> Any:
        """
        Checks the signature over everything fed so far; the stream cannot be used afterwards.
        """
    def update(self, /, chunk: "bytes | bytearray | memoryview") -> "None":
        """
        Feeds the next chunk of the raw body (bytes, bytearray or memoryview).
        """
