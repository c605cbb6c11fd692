"""The Python runner of the shared vectors in core/tests/vectors/*.json.

Generic: every vector file is found; each area needs one loader in ``LOADERS`` mapping a case's function name to
the public API. A file without a loader fails the suite, so a new area cannot be forgotten here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

import booking_loaders
import adapters_ratelimit as rl
import fleetgate

VECTORS_DIR = Path(__file__).resolve().parents[2] / "core" / "tests" / "vectors"

def body(arg: Any) -> bytes:
    """A vector body: a str (its UTF-8), ``{"$bytes_hex": ...}`` or ``{"$repeat": {"text", "times"}}``."""
    if isinstance(arg, str):
        return arg.encode()
    if "$bytes_hex" in arg:
        return bytes.fromhex(arg["$bytes_hex"])
    return (arg["$repeat"]["text"] * arg["$repeat"]["times"]).encode()


def _plain(result: Any) -> Any:
    """A result object as its JSON shape (``to_dict()``); None stays None."""
    return None if result is None else result.to_dict()


def verifier(config: dict[str, Any]) -> fleetgate.webhooks.Verifier:
    """The verifier a webhooks case's ``config`` describes."""
    v = fleetgate.webhooks.Verifier
    extra: dict[str, Any] = {}
    if "max_body" in config:
        extra["max_body"] = config["max_body"]
    if "tolerance" in config:
        extra["tolerance"] = tuple(config["tolerance"])
    preset, secrets = config["preset"], config["secrets"]
    if preset == "odoo":
        return v.odoo(secrets, timestamped=config.get("timestamped", False), **extra)
    if preset == "hmac":
        return v.hmac(secrets, header=config["header"], prefix=config.get("prefix"), encoding=config.get("encoding"),
                      timestamp_header=config.get("timestamp_header"), id_header=config.get("id_header"),
                      signed_content=config.get("signed_content"), **extra)
    made: fleetgate.webhooks.Verifier = getattr(v, preset)(secrets, **extra)
    return made


def verify(config: dict[str, Any], headers: list[list[str]], raw: Any, now: int | str) -> dict[str, Any]:
    time = {"check_time": False} if now == "skip" else {"now": now}
    ok = verifier(config).verify([tuple(h) for h in headers], body(raw), **time)
    return {"key_index": ok.key_index, "msg_id": ok.msg_id, "timestamp": ok.timestamp}


def sign(config: dict[str, Any], raw: Any, msg_id: str | None, timestamp: int | None,
         headers: list[list[str]] | None = None) -> list[list[str]]:
    named = {"headers": {k: v for k, v in headers}} if headers else {}  # a dict here, pairs in the JS runner
    signed = verifier(config).sign(body(raw), msg_id=msg_id, timestamp=timestamp, **named)
    return [[k, v] for k, v in signed.items()]


def smartcar_meter_entry(raw: Any, history: list[Any], car_id: Any, source_id: Any, options: dict[str, Any],
                         from_options: dict[str, Any]) -> list[dict[str, Any]]:
    """The three calls from a Smartcar body to meter entries: each reading of ``parse_event`` exactly as it returns
    it (an ``OdometerReading``) -> ``reading_from_smartcar`` -> ``check`` -> ``meter_entry``."""
    out = []
    for delivered in fleetgate.smartcar.parse_event(body(raw)).readings:
        reading = fleetgate.odometer.reading_from_smartcar(delivered, **from_options)
        verdict = fleetgate.odometer.check(history, reading)
        entry = fleetgate.odometer.meter_entry(verdict, reading, car_id, source_id, **options)
        out.append({"verdict": verdict.to_dict(), "meter_entry": _plain(entry)})
    return out


#: area -> function name -> callable (positional arguments, as in the vector file)
LOADERS: dict[str, dict[str, Callable[..., Any]]] = {
    "units": {
        "to_metres": fleetgate.units.to_metres,
        "from_metres": fleetgate.units.from_metres,
        "convert": fleetgate.units.convert,
    },
    "odometer": {
        "check": lambda history, candidate, policy: fleetgate.odometer.check(history, candidate, policy).to_dict(),
        "check_batch": lambda readings, policy: [v.to_dict() for v in fleetgate.odometer.check_batch(readings, policy)],
        "meter_entry": lambda history, candidate, car_id, source_id, options: _plain(fleetgate.odometer.meter_entry(
            fleetgate.odometer.check(history, candidate), candidate, car_id, source_id, **options
        )),
        "current": lambda history, policy: _plain(fleetgate.odometer.current(history, policy)),
        "reading_from_smartcar": lambda raw, options: [
            fleetgate.odometer.reading_from_smartcar(r, **options).to_dict()
            for r in fleetgate.smartcar.parse_event(body(raw)).readings
        ],
        "smartcar_meter_entry": lambda *args: smartcar_meter_entry(*args),
        "check_batch_columns": lambda values, units, times, event_ids, sources, policy: (
            fleetgate.odometer.check_batch_columns(values, units, times, event_ids=event_ids, sources=sources,
                                                   policy=policy)
        ),
    },
    "booking": booking_loaders.BOOKING,
    "pricing": booking_loaders.PRICING,
    "availability": booking_loaders.AVAILABILITY,
    "webhooks": {
        "verify": verify,
        "sign": sign,
        "weak_keys": lambda config: verifier(config).weak_keys,
        "challenge": fleetgate.webhooks.smartcar_challenge,
    },
    "smartcar": {
        "parse_event": lambda raw: fleetgate.smartcar.parse_event(body(raw)).to_dict(),
        "challenge_reply": fleetgate.smartcar.challenge_reply,
    },
    "ratelimit": {"limiter": rl.limiter, "headers": rl.headers, "gcra_step": rl.gcra_step, "redis_reply": rl.redis_reply,
                  "limiter_options": rl.limiter_options},
    "client_key": {"client_key": rl.client_key},
    "retry": {"delays": rl.delays, "next_delays": rl.next_delays, "parse_retry_after": rl.parse_retry_after,
              "is_retryable": rl.is_retryable},
    "sse": {"encode": rl.encode, "comment": fleetgate.sse.comment, "decode": rl.decode, "decode_text": rl.decode_text, "roundtrip": rl.roundtrip,
            "reconnect": rl.reconnect},
    "odoo": {"parse_event": rl.parse_event, "image_url": fleetgate.odoo.image_url},
    "odoo_rental": {
        "constraints": lambda reply: fleetgate.odoo.rental_constraints(reply).to_dict(),
        "availabilities": lambda reply: fleetgate.odoo.rental_availabilities(reply).to_dict(),
    },
}


def vector_files() -> dict[str, dict[str, Any]]:
    """Every vector file, parsed, keyed by area."""
    return {p.stem: json.loads(p.read_text()) for p in sorted(VECTORS_DIR.glob("*.json"))}


def decode(arg: Any) -> Any:
    """``{"$float": "nan" | "inf" | "-inf"}`` is that float, also inside lists and dicts."""
    if isinstance(arg, dict) and "$float" in arg:
        return float(arg["$float"])
    if isinstance(arg, dict):
        return {k: decode(v) for k, v in arg.items()}
    if isinstance(arg, list):
        return [decode(a) for a in arg]
    return arg


def all_cases() -> list[tuple[str, dict[str, Any]]]:
    return [(area, case) for area, file in vector_files().items() for case in file["cases"]]


def same(got: Any, want: Any) -> bool:
    """Exact equality that also checks int vs float (metres are ints, conversions floats)."""
    if isinstance(want, bool) or isinstance(got, bool):
        return got is want
    if isinstance(want, (int, float)):
        return type(got) is type(want) and got == want
    if isinstance(want, list):
        return isinstance(got, list) and len(got) == len(want) and all(map(same, got, want))
    if isinstance(want, dict):
        return isinstance(got, dict) and got.keys() == want.keys() and all(same(got[k], want[k]) for k in want)
    return bool(got == want)


# --- bad_input.json (format: CONTRIBUTING.md, "Bad-input vectors") ---------------------------------------------

_FLOATS = {"nan": float("nan"), "inf": float("inf"), "-inf": float("-inf")}


def host_value(arg: Any) -> Any:
    """Decodes the markers of a bad-input argument into the Python value it stands for."""
    if isinstance(arg, list):
        return [host_value(a) for a in arg]
    if not isinstance(arg, dict):
        return arg
    if "$data" in arg:
        return host_value(arg["$data"])
    if "$bytes" in arg:
        return arg["$bytes"].encode()
    if "$float" in arg:
        return _FLOATS[arg["$float"]]
    if "$bigint" in arg:
        return int(arg["$bigint"])
    if "$function" in arg:
        return lambda: None
    if "$map" in arg or "$headers" in arg:
        return {k: host_value(v) for k, v in arg.get("$map", arg.get("$headers"))}
    if "$deep" in arg:
        value: list[Any] = []
        for _ in range(arg["$deep"] - 1):
            value = [value]
        return value
    if "$undefined" in arg:
        raise AssertionError("$undefined has no Python value: mark the case hosts: ['js']")
    return {k: host_value(v) for k, v in arg.items()}


def run_bad_input(case: dict[str, Any]) -> None:
    """Runs the case's chain of calls; the last must raise ``case["error"]`` (and ``details["path"]``)."""
    current: Any = fleetgate
    for index, (name, *rest) in enumerate(case["fn"]):
        args = rest[0] if rest else []
        target = current
        for part in name.split("."):
            target = getattr(target, part)
        positional = [host_value(a) for a in args if not (isinstance(a, dict) and "$options" in a)]
        keywords: dict[str, Any] = {}
        for a in args:
            if isinstance(a, dict) and "$options" in a:
                keywords.update({k: host_value(v) for k, v in a["$options"].items()})
        if index < len(case["fn"]) - 1:
            current = target(*positional, **keywords)
            continue
        try:
            target(*positional, **keywords)
        except fleetgate.FleetgateError as raised:
            assert raised.code == case["error"], f"expected {case['error']}, got {raised.code}: {raised}"
            if "path" in case:
                assert raised.details.get("path") == case["path"], f"details {raised.details!r}"
            return
        raise AssertionError(f"expected {case['error']}, but the call succeeded")
