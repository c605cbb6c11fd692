#!/usr/bin/env python3
"""Independent reference for core/tests/vectors/sse.json: the WHATWG HTML "event stream interpretation" algorithm
transcribed step by step (decode the whole stream as UTF-8 with replacement, strip one BOM, split lines on
CRLF / LF / CR, process fields, dispatch on blank lines), and the spec's encoder rules. Chunk boundaries do not
exist for the reference: it joins the chunks first, which is exactly what a streaming decoder must agree with.

    python3 core/tests/vectors/reference/sse.py [--check]
"""

from __future__ import annotations

import re
import sys

from retry import Policy
from vectorfile import Rejected, write


def chunk_bytes(chunk) -> bytes:
    return bytes.fromhex(chunk["$bytes_hex"]) if isinstance(chunk, dict) else chunk.encode("utf-8")


def decode(chunks: list) -> dict:
    text = b"".join(chunk_bytes(c) for c in chunks).decode("utf-8", errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    # only complete lines are processed: drop what follows the last line terminator
    lines = re.split(r"\r\n|\n|\r", text)[:-1]
    events, data, event_type, id_buffer, last_id, retry = [], "", "", "", "", None
    for line in lines:
        if line == "":
            last_id = id_buffer
            if data == "":
                event_type = ""
                continue
            if data.endswith("\n"):
                data = data[:-1]
            events.append({"event": event_type or "message", "data": data, "id": last_id})
            data, event_type = "", ""
            continue
        if line.startswith(":"):
            continue
        field, sep, value = line.partition(":")
        if sep and value.startswith(" "):
            value = value[1:]
        if field == "event":
            event_type = value
        elif field == "data":
            data += value + "\n"
        elif field == "id":
            if "\0" not in value:
                id_buffer = value
        elif field == "retry":
            if value and all(c in "0123456789" for c in value):
                retry = int(value)
    return {"events": events, "last_event_id": last_id, "retry": retry}


def encode(data: str, event: str | None, id: str | None, retry: int | None) -> str:
    for value in (event, id):
        if value is not None and ("\r" in value or "\n" in value):
            raise Rejected("field_injection")
    if id is not None and "\0" in id:
        raise Rejected("field_injection")
    out = ""
    if id is not None:
        out += f"id: {id}\n"
    if event is not None:
        out += f"event: {event}\n"
    if retry is not None:
        out += f"retry: {retry}\n"
    for line in re.split(r"\r\n|\n|\r", data):
        out += f"data: {line}\n"
    return out + "\n"


def comment(text: str) -> str:
    return "".join(f": {line}\n" if line else ":\n" for line in re.split(r"\r\n|\n|\r", text))


def roundtrip(data: str, event: str | None, id: str | None) -> dict:
    return decode([encode(data, event, id, None)])


def reconnect(chunks: list, backoff: dict, attempts: list) -> list:
    """The server's retry (ms) acts like a Retry-After for the policy; the last event ID is sent back."""
    state = decode(chunks)
    policy = Policy(backoff)
    out = []
    for attempt in attempts:
        server = None if state["retry"] is None else state["retry"] / 1000
        delay = policy.next(attempt, server)
        out.append(None if delay is None else [delay, state["last_event_id"]])
    return out


def hexs(b: bytes) -> dict:
    return {"$bytes_hex": b.hex()}


CASES = [
    ("encode-simple", "encode", ["hello", None, None, None]),
    ("encode-all-fields", "encode", ["hello", "inventory", "42", 3000]),
    ("encode-multiline-lf", "encode", ["a\nb\nc", None, None, None]),
    ("encode-crlf-and-cr", "encode", ["a\r\nb\rc", None, None, None]),
    ("encode-trailing-newline", "encode", ["a\n", None, None, None]),
    ("encode-leading-space-kept", "encode", [" x", None, None, None]),
    ("encode-colon-in-data", "encode", ["event: fake", None, None, None]),
    ("encode-injection-in-event", "encode", ["x", "a\ndata: evil", None, None]),
    ("encode-injection-cr-in-id", "encode", ["x", None, "1\r", None]),
    ("encode-nul-in-id", "encode", ["x", None, "1\u0000", None]),
    ("encode-empty-data", "encode", ["", None, None, None]),
    ("roundtrip-empty-data", "roundtrip", ["", "ping", None]),
    ("encode-empty-id-resets", "encode", ["x", None, "", None]),
    ("comment-heartbeat", "comment", ["heartbeat"]),
    ("comment-multiline-cannot-inject", "comment", ["a\ndata: evil\n"]),
    ("comment-empty", "comment", [""]),
    ("decode-whatwg-stock-example", "decode", [["data: YHOO\ndata: +2\ndata: 10\n\n"]]),
    ("decode-whatwg-ids-example", "decode",
     [[": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n"]]),
    ("decode-whatwg-two-events", "decode", [["data\n\ndata\ndata\n\ndata:"]]),
    ("decode-whatwg-space-equivalence", "decode", [["data:test\n\ndata: test\n\n"]]),
    ("decode-event-type", "decode", [["event: inventory\ndata: {\"vehicle_id\":1}\n\n"]]),
    ("decode-type-reset-after-dispatch", "decode", [["event: a\ndata: 1\n\ndata: 2\n\n"]]),
    ("decode-crlf", "decode", [["data: a\r\ndata: b\r\n\r\n"]]),
    ("decode-lone-cr", "decode", [["data: a\rdata: b\r\r"]]),
    ("decode-crlf-split-across-chunks", "decode", [["data: a\r", "\ndata: b\r", "\n\r", "\n"]]),
    ("decode-line-split-across-chunks", "decode", [["da", "ta: hel", "lo\n", "\n"]]),
    ("decode-utf8-split-across-chunks", "decode", [[hexs(b"data: \xc3"), hexs(b"\xa9t\xc3\xa9\n\n")]]),
    ("decode-invalid-utf8-replaced", "decode", [[hexs(b"data: \xff\n\n")]]),
    ("decode-bom-stripped", "decode", [[hexs(b"\xef\xbb\xbfdata: x\n\n")]]),
    ("decode-bom-split", "decode", [[hexs(b"\xef\xbb"), hexs(b"\xbfdata: x\n\n")]]),
    ("decode-only-first-bom", "decode", [[hexs(b"\xef\xbb\xbf\xef\xbb\xbfdata: x\n\n")]]),
    ("decode-unknown-field-ignored", "decode", [["foo: bar\ndata: x\n\n"]]),
    ("decode-retry-digits", "decode", [["retry: 5000\ndata: x\n\n"]]),
    ("decode-retry-not-digits-ignored", "decode", [["retry: 5000\nretry: 5s\nretry: -1\nretry:\ndata: x\n\n"]]),
    ("decode-id-with-nul-ignored", "decode", [["id: 7\ndata: a\n\nid: 8\u0000\ndata: b\n\n"]]),
    ("decode-id-carried-over", "decode", [["id: 5\ndata: a\n\ndata: b\n\n"]]),
    ("decode-id-without-data-updates-last-id", "decode", [["id: 9\n\n"]]),
    ("decode-incomplete-event-not-dispatched", "decode", [["data: a\n\ndata: b\n"]]),
    ("decode-field-without-colon", "decode", [["data\ndata\n\n"]]),
    ("decode-comment-lines", "decode", [[":hi\n: there\ndata: x\n:\n\n"]]),
    ("decode-one-space-stripped-only", "decode", [["data:   x\n\n"]]),
    ("reconnect-server-retry", "reconnect",
     [["retry: 1500\nid: 41\ndata: x\n\n"], {"kind": "full_jitter", "base": 0.5, "cap": 10.0, "max_attempts": 4,
                                             "max_elapsed": None, "seed": 1}, [1, 2, 3, 4]]),
    ("reconnect-server-retry-capped", "reconnect",
     [["retry: 60000\ndata: x\n\n"], {"kind": "constant", "base": 1.0, "cap": 5.0, "max_attempts": 3,
                                       "max_elapsed": None, "seed": 1}, [1]]),
    ("reconnect-backoff-without-retry", "reconnect",
     [["id: a\ndata: x\n\n"], {"kind": "equal_jitter", "base": 0.5, "cap": 10.0, "max_attempts": 5,
                                 "max_elapsed": 2.0, "seed": 3}, [1, 2, 3, 4]]),
    ("roundtrip-multiline", "roundtrip", ["line 1\nline 2\n\nline 4", "inventory", "abc"]),
    ("roundtrip-crlf-becomes-lf", "roundtrip", ["a\r\nb", None, None]),
    ("roundtrip-unicode", "roundtrip", ["\u00e9t\u00e9 \u2603 \U0001F697", "voiture", "\u00e9"]),
    # decode_text: string chunks are fed as the host's strings (Python str, JS string), not as bytes.
    ("decode-text-chunks", "decode_text", [["data: \u00e9t", "\u00e9 \u2603\n", "\n", "id: 7\ndata: \U0001F697\n\n"]]),
    ("decode-text-and-bytes-mixed", "decode_text", [["data: a", hexs(b"\xc3"), hexs(b"\xa9\n"), "data: b\r\n\r\n"]]),
    ("decode-text-crlf-split", "decode_text", [["event: x\r", "\ndata: 1\r", "\n\r\n"]]),
]

ABOUT = ("Server-sent events. `decode` feeds the chunks (text as UTF-8, or {\"$bytes_hex\": ...}) to one decoder "
         "and expects every event {event, data, id}, then last_event_id and retry (ms); `decode_text` is the same with "
         "string chunks fed as the host's strings (Python str, JS string). `roundtrip` decodes "
         "encode(data, event, id). `reconnect` decodes the chunks, then asks for the reconnection [delay s, "
         "last event id] after each attempt with the backoff policy (null: give up). Expected values come from reference/sse.py (the WHATWG algorithm transcribed), "
         "not from fleetgate.")

if __name__ == "__main__":
    sys.exit(write("sse", ABOUT, CASES, {"encode": encode, "comment": comment, "decode": decode, "decode_text": decode,
                                         "roundtrip": roundtrip, "reconnect": reconnect}))
