"""The Python runner of the shared vectors in core/tests/vectors/*.json.

Generic: every vector file is found; each area needs one loader in ``LOADERS`` mapping a case's function name to
the public API. A file without a loader fails the suite, so a new area cannot be forgotten here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

import adapters_ratelimit as rl
import fleetgate

VECTORS_DIR = Path(__file__).resolve().parents[2] / "core" / "tests" / "vectors"

#: area -> function name -> callable (positional arguments, as in the vector file)
LOADERS: dict[str, dict[str, Callable[..., Any]]] = {
    "units": {
        "to_metres": fleetgate.units.to_metres,
        "from_metres": fleetgate.units.from_metres,
        "convert": fleetgate.units.convert,
    },
    "ratelimit": {"limiter": rl.limiter, "headers": rl.headers, "gcra_step": rl.gcra_step, "redis_reply": rl.redis_reply},
    "client_key": {"client_key": rl.client_key},
    "retry": {"delays": rl.delays, "next_delays": rl.next_delays, "parse_retry_after": rl.parse_retry_after,
              "is_retryable": rl.is_retryable},
    "sse": {"encode": rl.encode, "comment": fleetgate.sse.comment, "decode": rl.decode, "roundtrip": rl.roundtrip,
            "reconnect": rl.reconnect},
    "odoo": {"parse_event": rl.parse_event, "image_url": fleetgate.odoo.image_url},
}


def vector_files() -> dict[str, dict[str, Any]]:
    """Every vector file, parsed, keyed by area."""
    return {p.stem: json.loads(p.read_text()) for p in sorted(VECTORS_DIR.glob("*.json"))}


def decode(arg: Any) -> Any:
    """``{"$float": "nan" | "inf" | "-inf"}`` is that float; everything else is itself."""
    if isinstance(arg, dict) and "$float" in arg:
        return float(arg["$float"])
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
