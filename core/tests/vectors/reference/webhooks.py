#!/usr/bin/env python3
"""Independent reference for core/tests/vectors/webhooks.json.

It does not use fleetgate: every signature is computed here with Python's ``hmac``/``hashlib``/``base64`` and, for
Standard Webhooks ``v1a``, the ``cryptography`` package's Ed25519 (keys from fixed seeds, so the file is
reproducible). Each case states what the rules (docs/webhooks.md) say must happen to that request.

    python3 core/tests/vectors/reference/webhooks.py          # rewrite webhooks.json
    python3 core/tests/vectors/reference/webhooks.py --check  # exit 1 if webhooks.json differs

Vector functions (arguments are positional):

* ``verify(config, headers, body, now)`` -> ``{"key_index", "msg_id", "timestamp"}`` or an error code;
  ``now`` is unix seconds or ``"skip"`` (no time check).
* ``sign(config, body, msg_id, timestamp, headers?)`` -> the headers as ``[[name, value], ...]``; ``headers``
  (optional) are the ``[name, value]`` pairs a ``signed_content`` template's ``{header:Name}`` takes.
* ``weak_keys(config)`` -> the positions of keys shorter than 24 bytes, or an error code.
* ``challenge(amt, challenge)`` -> the Smartcar VERIFY answer (hex).

``config`` is ``{"preset", "secrets", "tolerance"?: [past, future], "max_body"?, "timestamped"? (odoo),
"header"?, "prefix"?, "encoding"?, "timestamp_header"?, "id_header"?, "signed_content"? (hmac)}``. A body is a JSON string (its UTF-8),
``{"$bytes_hex": "..."}`` or ``{"$repeat": {"text": "...", "times": n}}``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from vector_file import write_or_check

VECTORS = Path(__file__).resolve().parent.parent / "webhooks.json"
NOW = 1_700_000_000
MIB = 1_048_576

EVENT = b'{"eventId":"evt_1","eventType":"VEHICLE_STATE","data":{"n": 1.50}}'
RESERIALISED = json.dumps(json.loads(EVENT)).encode()  # what a framework hands over after parsing: not the same bytes
NON_UTF8 = bytes(range(256))
AMT = "6c4f0a1e-2b3d-4c5e-8f90-a1b2c3d4e5f6"
OLD_AMT = "0f0e0d0c-0b0a-0908-0706-050403020100"
GH_SECRET = "It's a Secret to Everybody"  # GitHub's documented example
WHSEC_BYTES = bytes(range(1, 33))
WHSEC = "whsec_" + base64.b64encode(WHSEC_BYTES).decode()
OLD_WHSEC_BYTES = bytes(range(100, 132))
OLD_WHSEC = "whsec_" + base64.b64encode(OLD_WHSEC_BYTES).decode()
STRIPE_SECRET = "whsec_stripe_test_0123456789abcdefghijkl"
SHOPIFY_SECRET = "shpss_0123456789abcdef0123456789abcdef"
ODOO_SECRET = "odoo-shared-secret-for-the-rental-site"
SEED = bytes(range(7, 39))
ED_KEY = Ed25519PrivateKey.from_private_bytes(SEED)
RAW_PUB = ED_KEY.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
SPKI_PUB = ED_KEY.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
WHPK_RAW = "whpk_" + base64.b64encode(RAW_PUB).decode()
WHPK_SPKI = "whpk_" + base64.b64encode(SPKI_PUB).decode()
WHSK = "whsk_" + base64.b64encode(SEED).decode()
OTHER_ED = Ed25519PrivateKey.from_private_bytes(bytes(range(50, 82)))


def body_arg(body: bytes) -> object:
    if len(body) >= MIB and body == body[:1] * len(body):
        return {"$repeat": {"text": body[:1].decode(), "times": len(body)}}
    try:
        text = body.decode("utf-8")
        return text
    except UnicodeDecodeError:
        return {"$bytes_hex": body.hex()}


def mac(key: bytes, msg: bytes) -> bytes:
    return hmac.new(key, msg, hashlib.sha256).digest()


def std_msg(msg_id: str, ts: int | str, body: bytes) -> bytes:
    return f"{msg_id}.{ts}.".encode() + body


cases: list[dict] = []


def ok(id_: str, config: dict, headers: list, body: bytes, now: int | str = NOW, *, key: int = 0,
       msg_id: str | None = None, ts: int | None = None) -> None:
    cases.append({"id": id_, "fn": "verify", "args": [config, headers, body_arg(body), now],
                  "expect": {"key_index": key, "msg_id": msg_id, "timestamp": ts}})


def bad(id_: str, config: dict, headers: list, body: bytes, code: str, now: int | str = NOW) -> None:
    cases.append({"id": id_, "fn": "verify", "args": [config, headers, body_arg(body), now], "error": code})


# --- smartcar: hex HMAC of the raw body keyed with the AMT ---------------------------------------------------------
sc = {"preset": "smartcar", "secrets": [AMT]}
sc_sig = mac(AMT.encode(), EVENT).hex()
ok("smartcar-valid", sc, [["SC-Signature", sc_sig]], EVENT)
ok("smartcar-header-lowercase", sc, [["sc-signature", sc_sig]], EVENT)
ok("smartcar-header-mixed-case", sc, [["Sc-SiGnAtUrE", sc_sig]], EVENT)
ok("smartcar-uppercase-hex-same-bytes", sc, [["SC-Signature", sc_sig.upper()]], EVENT)
ok("smartcar-surrounding-whitespace", sc, [["SC-Signature", "  " + sc_sig + "\t"]], EVENT)
ok("smartcar-other-headers-ignored", sc, [["content-type", "application/json"], ["SC-Signature", sc_sig]], EVENT)
ok("smartcar-rotation-new-key-second", {"preset": "smartcar", "secrets": [OLD_AMT, AMT]},
   [["SC-Signature", sc_sig]], EVENT, key=1)
bad("smartcar-reserialised-body", sc, [["SC-Signature", sc_sig]], RESERIALISED, "invalid_signature")
bad("smartcar-wrong-amt", {"preset": "smartcar", "secrets": [OLD_AMT]}, [["SC-Signature", sc_sig]], EVENT,
    "invalid_signature")
bad("smartcar-missing-header", sc, [["X-Signature", sc_sig]], EVENT, "missing_header")
bad("smartcar-header-twice", sc, [["SC-Signature", sc_sig], ["sc-signature", sc_sig]], EVENT, "malformed_header")
bad("smartcar-odd-length-hex", sc, [["SC-Signature", sc_sig[:-1]]], EVENT, "no_supported_signature")
bad("smartcar-non-hex", sc, [["SC-Signature", "z" * 64]], EVENT, "no_supported_signature")
bad("smartcar-empty-signature", sc, [["SC-Signature", ""]], EVENT, "no_supported_signature")
bad("smartcar-truncated-even-hex", sc, [["SC-Signature", sc_sig[:62]]], EVENT, "invalid_signature")
bad("smartcar-empty-amt", {"preset": "smartcar", "secrets": [""]}, [["SC-Signature", sc_sig]], EVENT,
    "invalid_secret")
bad("smartcar-no-secrets", {"preset": "smartcar", "secrets": []}, [["SC-Signature", sc_sig]], EVENT,
    "invalid_secret")
ok("smartcar-non-utf8-body", sc, [["SC-Signature", mac(AMT.encode(), NON_UTF8).hex()]], NON_UTF8)
big = b"a" * MIB
ok("smartcar-1mib-body", sc, [["SC-Signature", mac(AMT.encode(), big).hex()]], big)
bad("smartcar-1mib-body-one-byte-off", sc, [["SC-Signature", mac(AMT.encode(), big[:-1]).hex()]], big,
    "invalid_signature")
bad("smartcar-body-too-large", {**sc, "max_body": 16}, [["SC-Signature", sc_sig]], EVENT, "body_too_large")
ok("smartcar-body-at-max", {**sc, "max_body": len(EVENT)}, [["SC-Signature", sc_sig]], EVENT)
ok("smartcar-empty-body", sc, [["SC-Signature", mac(AMT.encode(), b"").hex()]], b"")

# --- github -------------------------------------------------------------------------------------------------------
gh = {"preset": "github", "secrets": [GH_SECRET]}
# GitHub's documentation gives this exact signature for the secret and body below.
GH_DOC = "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
assert mac(GH_SECRET.encode(), b"Hello, World!").hex() == GH_DOC
ok("github-documented-example", gh, [["X-Hub-Signature-256", "sha256=" + GH_DOC]], b"Hello, World!")
ok("github-lowercase-header", gh, [["x-hub-signature-256", "sha256=" + GH_DOC]], b"Hello, World!")
bad("github-no-prefix", gh, [["X-Hub-Signature-256", GH_DOC]], b"Hello, World!", "no_supported_signature")
bad("github-sha1-prefix", gh, [["X-Hub-Signature-256", "sha1=" + GH_DOC[:40]]], b"Hello, World!",
    "no_supported_signature")
bad("github-tampered-body", gh, [["X-Hub-Signature-256", "sha256=" + GH_DOC]], b"Hello, World?",
    "invalid_signature")
bad("github-only-sha1-header", gh, [["X-Hub-Signature", "sha1=" + GH_DOC[:40]]], b"Hello, World!",
    "missing_header")

# --- shopify ------------------------------------------------------------------------------------------------------
sh = {"preset": "shopify", "secrets": [SHOPIFY_SECRET]}
sh_sig = base64.b64encode(mac(SHOPIFY_SECRET.encode(), EVENT)).decode()
ok("shopify-valid", sh, [["X-Shopify-Hmac-Sha256", sh_sig]], EVENT)
ok("shopify-alternate-header", sh, [["shopify-hmac-sha256", sh_sig]], EVENT)
bad("shopify-bad-base64", sh, [["X-Shopify-Hmac-Sha256", sh_sig.rstrip("=") + "!"]], EVENT, "no_supported_signature")
bad("shopify-hex-instead-of-base64", sh, [["X-Shopify-Hmac-Sha256", mac(SHOPIFY_SECRET.encode(), EVENT).hex()]],
    EVENT, "invalid_signature")
bad("shopify-reserialised", sh, [["X-Shopify-Hmac-Sha256", sh_sig]], RESERIALISED, "invalid_signature")

# --- stripe: t.body, keyed with the whole secret string -----------------------------------------------------------
st = {"preset": "stripe", "secrets": [STRIPE_SECRET]}


def stripe_sig(ts: int | str, body: bytes = EVENT, secret: str = STRIPE_SECRET) -> str:
    return mac(secret.encode(), f"{ts}.".encode() + body).hex()


good = stripe_sig(NOW)
ok("stripe-valid", st, [["Stripe-Signature", f"t={NOW},v1={good}"]], EVENT, ts=NOW)
ok("stripe-decoy-first", st, [["Stripe-Signature", f"t={NOW},v1={'0' * 64},v1={good},v0={good}"]], EVENT, ts=NOW)
ok("stripe-spaces-after-commas", st, [["stripe-signature", f"t={NOW}, v1={good}"]], EVENT, ts=NOW)
bad("stripe-secret-base64-decoded-is-wrong", st,
    [["Stripe-Signature", f"t={NOW},v1={mac(STRIPE_SECRET.removeprefix('whsec_').encode(), f'{NOW}.'.encode() + EVENT).hex()}"]],
    EVENT, "invalid_signature")
bad("stripe-only-v0", st, [["Stripe-Signature", f"t={NOW},v0={good}"]], EVENT, "no_supported_signature")
bad("stripe-no-t", st, [["Stripe-Signature", f"v1={good}"]], EVENT, "malformed_header")
bad("stripe-two-t", st, [["Stripe-Signature", f"t={NOW},t={NOW},v1={good}"]], EVENT, "malformed_header")
bad("stripe-signed-t-plus", st, [["Stripe-Signature", f"t=+{NOW},v1={stripe_sig('+' + str(NOW))}"]], EVENT,
    "invalid_timestamp")
bad("stripe-t-fraction", st, [["Stripe-Signature", f"t={NOW}.0,v1={good}"]], EVENT, "invalid_timestamp")
ok("stripe-exactly-300s-old", st, [["Stripe-Signature", f"t={NOW - 300},v1={stripe_sig(NOW - 300)}"]], EVENT,
   ts=NOW - 300)
bad("stripe-301s-old", st, [["Stripe-Signature", f"t={NOW - 301},v1={stripe_sig(NOW - 301)}"]], EVENT,
    "timestamp_too_old")
ok("stripe-exactly-300s-ahead", st, [["Stripe-Signature", f"t={NOW + 300},v1={stripe_sig(NOW + 300)}"]], EVENT,
   ts=NOW + 300)
bad("stripe-301s-ahead", st, [["Stripe-Signature", f"t={NOW + 301},v1={stripe_sig(NOW + 301)}"]], EVENT,
    "timestamp_too_new")
ok("stripe-replay-with-time-check-skipped", st, [["Stripe-Signature", f"t={NOW - 86400},v1={stripe_sig(NOW - 86400)}"]],
   EVENT, "skip", ts=NOW - 86400)
bad("stripe-replay-changed-t", st, [["Stripe-Signature", f"t={NOW},v1={stripe_sig(NOW - 86400)}"]], EVENT,
    "invalid_signature")
ok("stripe-custom-tolerance-past", {**st, "tolerance": [600, 0]},
   [["Stripe-Signature", f"t={NOW - 600},v1={stripe_sig(NOW - 600)}"]], EVENT, ts=NOW - 600)
bad("stripe-custom-tolerance-future-zero", {**st, "tolerance": [600, 0]},
    [["Stripe-Signature", f"t={NOW + 1},v1={stripe_sig(NOW + 1)}"]], EVENT, "timestamp_too_new")
bad("stripe-33-signatures", st, [["Stripe-Signature", f"t={NOW}," + ",".join([f"v1={'0' * 64}"] * 32 + [f"v1={good}"])]],
    EVENT, "too_many_signatures")
ok("stripe-32-signatures", st, [["Stripe-Signature", f"t={NOW}," + ",".join([f"v1={'0' * 64}"] * 31 + [f"v1={good}"])]],
   EVENT, ts=NOW)

# --- standard webhooks: id.ts.body, v1 HMAC (base64 secret) and v1a Ed25519 -----------------------------------------
sw = {"preset": "standard_webhooks", "secrets": [WHSEC]}
MSG = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"


def v1(ts: int | str = NOW, body: bytes = EVENT, key: bytes = WHSEC_BYTES, msg_id: str = MSG) -> str:
    return "v1," + base64.b64encode(mac(key, std_msg(msg_id, ts, body))).decode()


def v1a(ts: int | str = NOW, body: bytes = EVENT, key: Ed25519PrivateKey = ED_KEY) -> str:
    return "v1a," + base64.b64encode(key.sign(std_msg(MSG, ts, body))).decode()


def std_headers(sig: str, ts: int | str = NOW, prefix: str = "webhook") -> list:
    return [[f"{prefix}-id", MSG], [f"{prefix}-timestamp", str(ts)], [f"{prefix}-signature", sig]]


ok("std-v1-valid", sw, std_headers(v1()), EVENT, msg_id=MSG, ts=NOW)
ok("std-v1-secret-without-prefix", {**sw, "secrets": [WHSEC.removeprefix("whsec_")]}, std_headers(v1()), EVENT,
   msg_id=MSG, ts=NOW)
ok("std-svix-headers", sw, std_headers(v1(), prefix="svix"), EVENT, msg_id=MSG, ts=NOW)
ok("std-header-case", sw, [["Webhook-Id", MSG], ["WEBHOOK-TIMESTAMP", str(NOW)], ["Webhook-Signature", v1()]], EVENT,
   msg_id=MSG, ts=NOW)
ok("std-several-signatures-decoys", sw, std_headers(f"v1,{base64.b64encode(b'x' * 32).decode()} v2,abc nocomma {v1()}"),
   EVENT, msg_id=MSG, ts=NOW)
ok("std-rotation-old-key-matches", {**sw, "secrets": [WHSEC, OLD_WHSEC]}, std_headers(v1(key=OLD_WHSEC_BYTES)), EVENT,
   key=1, msg_id=MSG, ts=NOW)
bad("std-unknown-version-only", sw, std_headers("v2," + v1().split(",", 1)[1]), EVENT, "no_supported_signature")
bad("std-token-without-comma", sw, std_headers(v1().replace(",", "")), EVENT, "no_supported_signature")
bad("std-empty-signature-value", sw, std_headers("v1,"), EVENT, "no_supported_signature")
bad("std-bad-base64-signature", sw, std_headers("v1,@@@@"), EVENT, "no_supported_signature")
bad("std-wrong-secret", {**sw, "secrets": [OLD_WHSEC]}, std_headers(v1()), EVENT, "invalid_signature")
bad("std-reserialised-body", sw, std_headers(v1()), RESERIALISED, "invalid_signature")
bad("std-msg-id-swapped", sw, [["webhook-id", "msg_other"], ["webhook-timestamp", str(NOW)], ["webhook-signature", v1()]],
    EVENT, "invalid_signature")
bad("std-missing-id", sw, std_headers(v1())[1:], EVENT, "missing_header")
bad("std-missing-timestamp", sw, [std_headers(v1())[0], std_headers(v1())[2]], EVENT, "missing_header")
bad("std-missing-signature", sw, std_headers(v1())[:2], EVENT, "missing_header")
bad("std-timestamp-leading-space", sw, std_headers(v1(" " + str(NOW)), " " + str(NOW)), EVENT, "invalid_timestamp")
bad("std-timestamp-negative", sw, std_headers(v1(-5), -5), EVENT, "invalid_timestamp")
bad("std-timestamp-fraction", sw, std_headers(v1(f"{NOW}.5"), f"{NOW}.5"), EVENT, "invalid_timestamp")
bad("std-timestamp-empty", sw, std_headers(v1(""), ""), EVENT, "invalid_timestamp")
bad("std-timestamp-huge", sw, std_headers(v1("99999999999999999999"), "99999999999999999999"), EVENT,
    "invalid_timestamp")
ok("std-exactly-300s-old", sw, std_headers(v1(NOW - 300), NOW - 300), EVENT, msg_id=MSG, ts=NOW - 300)
bad("std-301s-old", sw, std_headers(v1(NOW - 301), NOW - 301), EVENT, "timestamp_too_old")
ok("std-exactly-300s-ahead", sw, std_headers(v1(NOW + 300), NOW + 300), EVENT, msg_id=MSG, ts=NOW + 300)
bad("std-301s-ahead", sw, std_headers(v1(NOW + 301), NOW + 301), EVENT, "timestamp_too_new")
ok("std-old-with-skip", sw, std_headers(v1(NOW - 99999), NOW - 99999), EVENT, "skip", msg_id=MSG, ts=NOW - 99999)
bad("std-33-tokens", sw, std_headers(" ".join(["v1,AAAA"] * 32 + [v1()])), EVENT, "too_many_signatures")
ok("std-32-tokens", sw, std_headers(" ".join(["v1,AAAA"] * 31 + [v1()])), EVENT, msg_id=MSG, ts=NOW)
ok("std-non-utf8-body", sw, std_headers(v1(body=NON_UTF8)), NON_UTF8, msg_id=MSG, ts=NOW)
ok("std-1mib-body", sw, std_headers(v1(body=big)), big, msg_id=MSG, ts=NOW)
bad("std-secret-bad-base64", {**sw, "secrets": ["whsec_not*base64"]}, std_headers(v1()), EVENT, "invalid_secret")
bad("std-secret-with-whitespace", {**sw, "secrets": ["whsec_ " + WHSEC.removeprefix("whsec_")]}, std_headers(v1()),
    EVENT, "invalid_secret")
bad("std-secret-missing-padding", {**sw, "secrets": [WHSEC.rstrip("=")]}, std_headers(v1()), EVENT, "invalid_secret")
bad("std-secret-empty", {**sw, "secrets": ["whsec_"]}, std_headers(v1()), EVENT, "invalid_secret")
ok("std-v1a-raw-public-key", {**sw, "secrets": [WHPK_RAW]}, std_headers(v1a()), EVENT, msg_id=MSG, ts=NOW)
ok("std-v1a-spki-public-key", {**sw, "secrets": [WHPK_SPKI]}, std_headers(v1a()), EVENT, msg_id=MSG, ts=NOW)
ok("std-v1a-signing-key-verifies", {**sw, "secrets": [WHSK]}, std_headers(v1a()), EVENT, msg_id=MSG, ts=NOW)
ok("std-v1a-mixed-keys", {**sw, "secrets": [WHSEC, WHPK_SPKI]}, std_headers(f"{v1(key=OLD_WHSEC_BYTES)} {v1a()}"), EVENT,
   key=1, msg_id=MSG, ts=NOW)
bad("std-v1a-other-key", {**sw, "secrets": [WHPK_RAW]}, std_headers(v1a(key=OTHER_ED)), EVENT, "invalid_signature")
bad("std-v1a-tampered", {**sw, "secrets": [WHPK_RAW]}, std_headers(v1a()), RESERIALISED, "invalid_signature")
bad("std-v1-token-against-public-key", {**sw, "secrets": [WHPK_RAW]}, std_headers(v1()), EVENT, "invalid_signature")
bad("std-v1a-short-signature", {**sw, "secrets": [WHPK_RAW]}, std_headers("v1a," + base64.b64encode(b"x" * 10).decode()),
    EVENT, "invalid_signature")
bad("std-whpk-wrong-length", {**sw, "secrets": ["whpk_" + base64.b64encode(RAW_PUB[:31]).decode()]}, std_headers(v1a()),
    EVENT, "invalid_secret")
bad("std-whpk-bad-spki-prefix", {**sw, "secrets": ["whpk_" + base64.b64encode(b"\x31" + SPKI_PUB[1:]).decode()]},
    std_headers(v1a()), EVENT, "invalid_secret")

# --- odoo and the generic hmac preset -----------------------------------------------------------------------------
od = {"preset": "odoo", "secrets": [ODOO_SECRET]}
od_sig = "sha256=" + mac(ODOO_SECRET.encode(), EVENT).hex()
ok("odoo-valid", od, [["X-Odoo-Signature", od_sig]], EVENT)
bad("odoo-no-prefix", od, [["X-Odoo-Signature", od_sig.removeprefix("sha256=")]], EVENT, "no_supported_signature")
odt = {**od, "timestamped": True}
odt_sig = "sha256=" + mac(ODOO_SECRET.encode(), f"{NOW}.".encode() + EVENT).hex()
ok("odoo-timestamped-valid", odt, [["X-Odoo-Signature", odt_sig], ["X-Odoo-Timestamp", str(NOW)]], EVENT, ts=NOW)
bad("odoo-timestamped-missing-timestamp", odt, [["X-Odoo-Signature", od_sig]], EVENT, "missing_header")
bad("odoo-timestamped-replay", odt, [["X-Odoo-Signature", odt_sig], ["X-Odoo-Timestamp", str(NOW)]], EVENT,
    "timestamp_too_old", NOW + 301)
gen = {"preset": "hmac", "secrets": ["generic-secret-0123456789abcdef"], "header": "X-Signature", "prefix": None,
       "encoding": "base64", "timestamp_header": "X-Timestamp"}
gen_sig = base64.b64encode(mac(b"generic-secret-0123456789abcdef", f"{NOW}.".encode() + EVENT)).decode()
ok("hmac-base64-timestamped", gen, [["x-signature", gen_sig], ["x-timestamp", str(NOW)]], EVENT, ts=NOW)
bad("hmac-base64-timestamp-changed", gen, [["x-signature", gen_sig], ["x-timestamp", str(NOW + 1)]], EVENT,
    "invalid_signature")
gen_hex = {"preset": "hmac", "secrets": ["k"], "header": "X-Sig", "prefix": "v1=", "encoding": "hex",
           "timestamp_header": None}
ok("hmac-weak-key-still-verifies", gen_hex, [["X-Sig", "v1=" + mac(b"k", EVENT).hex()]], EVENT)

# --- the generic hmac preset with a signed_content template ---------------------------------------------------------
# The signed bytes are built here by plain substitution (a regex over the template), independently of fleetgate's
# parser: {body} is the raw body, {timestamp}/{id} the headers' values, {header:Name} that header, {{ and }} braces.
TPL_SECRET = b"template-secret-0123456789abcdef"


def signed_content(template: str, body: bytes, values: dict) -> bytes:
    out = b""
    for token in re.findall(r"\{\{|\}\}|\{[^{}]*\}|[^{}]+", template):
        if token in ("{{", "}}"):
            out += token[0].encode()
        elif token == "{body}":
            out += body
        elif token.startswith("{"):
            out += values[token[1:-1]].encode()
        else:
            out += token.encode()
    return out


tpl = {"preset": "hmac", "secrets": [TPL_SECRET.decode()], "header": "X-Signature", "prefix": "v1=",
       "encoding": "hex", "timestamp_header": "X-Timestamp", "id_header": "X-Webhook-Id",
       "signed_content": "{id}.{timestamp}.{body}"}
TPL_ID = "delivery_2f1c"
tpl_sig = "v1=" + mac(TPL_SECRET, f"{TPL_ID}.{NOW}.".encode() + EVENT).hex()
assert tpl_sig == "v1=" + mac(TPL_SECRET, signed_content(tpl["signed_content"], EVENT,
                                                          {"id": TPL_ID, "timestamp": str(NOW)})).hex()
tpl_headers = [["X-Signature", tpl_sig], ["X-Timestamp", str(NOW)], ["X-Webhook-Id", TPL_ID]]
ok("hmac-template-id-timestamp-body", tpl, tpl_headers, EVENT, msg_id=TPL_ID, ts=NOW)
ok("hmac-template-headers-any-case", tpl, [[k.lower(), v] for k, v in tpl_headers], EVENT, msg_id=TPL_ID, ts=NOW)
bad("hmac-template-id-changed", tpl, [tpl_headers[0], tpl_headers[1], ["X-Webhook-Id", "delivery_2f1d"]], EVENT,
    "invalid_signature")
bad("hmac-template-timestamp-changed", tpl, [tpl_headers[0], ["X-Timestamp", str(NOW - 1)], tpl_headers[2]], EVENT,
    "invalid_signature")
bad("hmac-template-body-reserialised", tpl, tpl_headers, RESERIALISED, "invalid_signature")
bad("hmac-template-missing-id", tpl, tpl_headers[:2], EVENT, "missing_header")
bad("hmac-template-empty-id", tpl, [tpl_headers[0], tpl_headers[1], ["X-Webhook-Id", ""]], EVENT, "malformed_header")
bad("hmac-template-stale", tpl, tpl_headers, EVENT, "timestamp_too_old", NOW + 301)
ok("hmac-template-skip-time", tpl, tpl_headers, EVENT, "skip", msg_id=TPL_ID, ts=NOW)
plain_sig = "v1=" + mac(TPL_SECRET, f"{NOW}.".encode() + EVENT).hex()
bad("hmac-template-default-content-does-not-match", tpl, [["X-Signature", plain_sig], *tpl_headers[1:]], EVENT,
    "invalid_signature")

# A body in the middle, a named header after it, literal braces and non-ASCII text.
tpl2 = {"preset": "hmac", "secrets": [TPL_SECRET.decode()], "header": "X-Sig", "encoding": "base64",
        "timestamp_header": "X-Ts", "signed_content": "v0:{{{timestamp}}}:{body}:{header:X-Delivery}:é"}
tpl2_values = {"timestamp": str(NOW), "header:X-Delivery": "d-77"}
tpl2_sig = base64.b64encode(mac(TPL_SECRET, signed_content(tpl2["signed_content"], EVENT, tpl2_values))).decode()
assert tpl2_sig == base64.b64encode(mac(TPL_SECRET, b"v0:{" + str(NOW).encode() + b"}:" + EVENT + ":d-77:é".encode())).decode()
tpl2_headers = [["X-Sig", tpl2_sig], ["X-Ts", str(NOW)], ["X-Delivery", "d-77"]]
ok("hmac-template-body-in-the-middle", tpl2, tpl2_headers, EVENT, ts=NOW)
bad("hmac-template-named-header-changed", tpl2, [*tpl2_headers[:2], ["X-Delivery", "d-78"]], EVENT,
    "invalid_signature")
bad("hmac-template-named-header-missing", tpl2, tpl2_headers[:2], EVENT, "missing_header")
bad("hmac-template-suffix-dropped", tpl2, [["X-Sig", base64.b64encode(mac(TPL_SECRET, b"v0:{" + str(NOW).encode()
    + b"}:" + EVENT)).decode()], *tpl2_headers[1:]], EVENT, "invalid_signature")
tpl3 = {"preset": "hmac", "secrets": [TPL_SECRET.decode()], "header": "X-Sig", "signed_content": "{body}|{header:X-Shop}"}
tpl3_sig = mac(TPL_SECRET, NON_UTF8 + b"|shop-1").hex()
ok("hmac-template-non-utf8-body", tpl3, [["X-Sig", tpl3_sig], ["x-shop", "shop-1"]], NON_UTF8)

# Templates that cannot be used: refused when the verifier is built.
for name, extra in [
    ("unknown-placeholder", {"signed_content": "{ts}.{body}"}),
    ("no-body", {"signed_content": "{timestamp}.", "timestamp_header": "X-Ts"}),
    ("two-bodies", {"signed_content": "{body}.{body}"}),
    ("lone-brace", {"signed_content": "{body}}"}),
    ("unclosed", {"signed_content": "{body"}),
    ("empty-header-name", {"signed_content": "{header:}{body}"}),
    ("too-long", {"signed_content": "{body}" + "x" * 251}),
    ("too-many-placeholders", {"signed_content": "{header:A}" * 8 + "{body}"}),
    ("timestamp-without-header", {"signed_content": "{timestamp}.{body}"}),
    ("timestamp-header-unsigned", {"signed_content": "{body}", "timestamp_header": "X-Ts"}),
    ("id-without-header", {"signed_content": "{id}.{body}"}),
    ("id-header-unsigned", {"signed_content": "{body}", "id_header": "X-Id"}),
    ("id-header-without-template", {"id_header": "X-Id"}),
]:
    config = {"preset": "hmac", "secrets": [TPL_SECRET.decode()], "header": "X-Sig", **extra}
    bad(f"hmac-template-refused-{name}", config, [["X-Sig", "00"]], EVENT, "invalid_signed_content")
ok("hmac-template-longest", {"preset": "hmac", "secrets": [TPL_SECRET.decode()], "header": "X-Sig",
                             "signed_content": "{body}" + "x" * 250},
   [["X-Sig", mac(TPL_SECRET, EVENT + b"x" * 250).hex()]], EVENT)

# --- weak keys ----------------------------------------------------------------------------------------------------
cases.append({"id": "weak-keys-flagged", "fn": "weak_keys",
              "args": [{"preset": "github", "secrets": ["short", GH_SECRET + "-long-enough", "x" * 23]}],
              "expect": [0, 2]})
cases.append({"id": "weak-keys-std-decoded-length", "fn": "weak_keys",
              "args": [{"preset": "standard_webhooks", "secrets": ["whsec_" + base64.b64encode(b"k" * 16).decode(), WHSEC, WHPK_RAW]}],
              "expect": [0]})
cases.append({"id": "weak-keys-none", "fn": "weak_keys", "args": [sc], "expect": []})
cases.append({"id": "weak-keys-invalid-secret", "fn": "weak_keys",
              "args": [{"preset": "stripe", "secrets": [STRIPE_SECRET, ""]}], "error": "invalid_secret"})

# --- signing ------------------------------------------------------------------------------------------------------


def sign(id_: str, config: dict, body: bytes, msg_id: str | None, ts: int | None, expect: list | None = None,
         error: str | None = None, headers: list | None = None) -> None:
    case = {"id": id_, "fn": "sign", "args": [config, body_arg(body), msg_id, ts, *([headers] if headers else [])]}
    case.update({"expect": expect} if error is None else {"error": error})
    cases.append(case)


sign("sign-smartcar", sc, EVENT, None, None, [["SC-Signature", sc_sig]])
sign("sign-github", gh, b"Hello, World!", None, None, [["X-Hub-Signature-256", "sha256=" + GH_DOC]])
sign("sign-shopify", sh, EVENT, None, None, [["X-Shopify-Hmac-Sha256", sh_sig]])
sign("sign-stripe", st, EVENT, None, NOW, [["Stripe-Signature", f"t={NOW},v1={good}"]])
sign("sign-stripe-negative-timestamp", st, EVENT, None, -1, error="invalid_timestamp")
sign("sign-std-v1", sw, EVENT, MSG, NOW,
     [["webhook-id", MSG], ["webhook-timestamp", str(NOW)], ["webhook-signature", v1()]])
sign("sign-std-v1-rotation-signs-with-first", {**sw, "secrets": [OLD_WHSEC, WHSEC]}, EVENT, MSG, NOW,
     [["webhook-id", MSG], ["webhook-timestamp", str(NOW)], ["webhook-signature", v1(key=OLD_WHSEC_BYTES)]])
derived = "msg_" + hashlib.sha256(f"{NOW}.".encode() + EVENT).hexdigest()[:32]
sign("sign-std-derived-msg-id", sw, EVENT, None, NOW,
     [["webhook-id", derived], ["webhook-timestamp", str(NOW)],
      ["webhook-signature", v1(msg_id=derived)]])
sign("sign-std-v1a", {**sw, "secrets": [WHSK]}, EVENT, MSG, NOW,
     [["webhook-id", MSG], ["webhook-timestamp", str(NOW)], ["webhook-signature", v1a()]])
sign("sign-std-public-key-cannot-sign", {**sw, "secrets": [WHPK_RAW]}, EVENT, MSG, NOW, error="invalid_secret")
sign("sign-odoo", od, EVENT, None, None, [["X-Odoo-Signature", od_sig]])
sign("sign-odoo-timestamped", odt, EVENT, None, NOW, [["X-Odoo-Signature", odt_sig], ["X-Odoo-Timestamp", str(NOW)]])
sign("sign-hmac-generic", gen, EVENT, None, NOW, [["X-Signature", gen_sig], ["X-Timestamp", str(NOW)]])
sign("sign-hmac-template", tpl, EVENT, TPL_ID, NOW,
     [["X-Signature", tpl_sig], ["X-Timestamp", str(NOW)], ["X-Webhook-Id", TPL_ID]])
tpl_derived = "msg_" + hashlib.sha256(f"{NOW}.".encode() + EVENT).hexdigest()[:32]
sign("sign-hmac-template-derived-id", tpl, EVENT, None, NOW,
     [["X-Signature", "v1=" + mac(TPL_SECRET, f"{tpl_derived}.{NOW}.".encode() + EVENT).hex()],
      ["X-Timestamp", str(NOW)], ["X-Webhook-Id", tpl_derived]])
sign("sign-hmac-template-named-header", tpl2, EVENT, None, NOW,
     [["X-Sig", tpl2_sig], ["X-Ts", str(NOW)], ["X-Delivery", "d-77"]], headers=[["x-delivery", "d-77"]])
sign("sign-hmac-template-named-header-missing", tpl2, EVENT, None, NOW, error="missing_header")
sign("sign-hmac-template-refused", {**tpl, "signed_content": "{id}.{body}"}, EVENT, None, NOW,
     error="invalid_signed_content")
sign("sign-non-utf8", sc, NON_UTF8, None, None, [["SC-Signature", mac(AMT.encode(), NON_UTF8).hex()]])

# --- Smartcar VERIFY challenge ------------------------------------------------------------------------------------
for i, challenge in enumerate(["3f8c2a1e-ab12-4c3d-9e8f-0123456789ab", "", "ünïcödé challenge"]):
    cases.append({"id": f"smartcar-challenge-{i}", "fn": "challenge", "args": [AMT, challenge],
                  "expect": mac(AMT.encode(), challenge.encode()).hex()})


if __name__ == "__main__":
    write_or_check(VECTORS, "webhooks",
                   "Webhook verification and signing for every preset. Expected values come from "
                   "reference/webhooks.py (Python hmac/hashlib/base64 and the cryptography package), not from "
                   "fleetgate. See that script's docstring for the argument shapes.", cases)
