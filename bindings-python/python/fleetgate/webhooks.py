"""Webhook verification and signing for every scheme the sites receive.

Build a :class:`Verifier` once from a preset and reuse it::

    from fleetgate import webhooks

    v = webhooks.Verifier.smartcar(AMT)                 # SC-Signature
    v = webhooks.Verifier.standard_webhooks("whsec_...") # webhook-id / -timestamp / -signature (v1, v1a)
    v = webhooks.Verifier.stripe("whsec_...")            # Stripe-Signature
    v = webhooks.Verifier.github(secret)                 # X-Hub-Signature-256
    v = webhooks.Verifier.shopify(secret)                # X-Shopify-Hmac-Sha256
    v = webhooks.Verifier.odoo(secret)                   # X-Odoo-Signature: sha256=<hex>
    v = webhooks.Verifier.hmac(secret, header="X-Sig", prefix="sha256=", encoding="hex")
    v = webhooks.Verifier.hmac(secret, header="X-Sig", timestamp_header="X-Ts", id_header="X-Id",
                               signed_content="{id}.{timestamp}.{body}")  # what is signed, as a template

    ok = v.verify(request.headers, raw_body)             # -> Verified(key_index, msg_id, timestamp)

The body must be the **raw bytes** as received: signatures cover exact bytes, so parsed and re-serialised JSON
never verifies. Pass a list of secrets to rotate keys (the first signs, all verify; ``key_index`` says which
matched). Timestamps must be within ``tolerance`` seconds (default 300, both directions; or a ``(past, future)`` pair) of
``now`` (unix seconds or an RFC 3339 instant; default the system clock); ``check_time=False`` skips that check,
for re-verifying stored deliveries. Headers are a mapping (``dict``, a framework's headers object) or
``(name, value)`` pairs; bodies ``bytes``, ``bytearray`` or ``memoryview``. Every failure raises
:class:`fleetgate.WebhookError` with a stable ``.code`` and its typed fields in ``.details`` (``tolerance``,
``age``, ``now``, ``timestamp`` for a stale request): ``missing_header``, ``malformed_header``,
``invalid_timestamp``, ``timestamp_too_old``, ``timestamp_too_new``, ``no_supported_signature``,
``invalid_signature``, ``too_many_signatures``, ``invalid_secret``, ``body_not_bytes``, ``body_too_large``,
``stream_finished``, ``invalid_signed_content``; a bad option is ``invalid_option`` and a bad argument ``invalid_argument``, with
``.details["path"]``. The rules: ``docs/webhooks.md``.

>>> from fleetgate import webhooks
>>> v = webhooks.Verifier.github("It's a Secret to Everybody")
>>> v.verify({"X-Hub-Signature-256": "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"},
...          b"Hello, World!").key_index
0
>>> webhooks.smartcar_challenge("amt", "abc") == webhooks.Verifier.smartcar("amt").sign(b"abc")["SC-Signature"]
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from fleetgate._fleetgate.smartcar import challenge as smartcar_challenge
from fleetgate._fleetgate.smartcar import challenge_reply as smartcar_challenge_reply
from fleetgate._fleetgate.webhook import MAX_SIGNATURES, Verifier, VerifyStream
from fleetgate._result import Result


@dataclass(frozen=True)
class Verified(Result):
    """What a successful verification reports. Never the parsed body.

    ``key_index`` is the position of the matching secret in the list given (retire the others once they stop
    matching); ``msg_id`` the message id (Standard Webhooks ``webhook-id``) and ``timestamp`` the signed unix
    seconds, ``None`` for schemes without them.
    """

    key_index: int
    msg_id: Optional[str]
    timestamp: Optional[int]

__all__ = ["MAX_SIGNATURES", "Verified", "Verifier", "VerifyStream", "smartcar_challenge", "smartcar_challenge_reply"]
