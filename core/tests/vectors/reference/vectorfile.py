"""Shared by the ratelimit, client_key, retry, sse and odoo references: evaluates a case list with the reference
functions and writes (or, with --check, compares) the vector file. Uses only the Python standard library."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Callable


class Rejected(Exception):
    """The reference rejects the input with a fleetgate error code."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def write(area: str, about: str, cases: list[tuple[str, str, list[Any]]],
          functions: dict[str, Callable[..., Any]]) -> int:
    """Evaluates `cases` ((id, fn, args)) and writes core/tests/vectors/<area>.json (or checks it with --check)."""
    out = []
    for case_id, fn, args in cases:
        entry: dict[str, Any] = {"id": case_id, "fn": fn, "args": args}
        try:
            entry["expect"] = functions[fn](*args)
        except Rejected as rejected:
            entry["error"] = rejected.code
        out.append(entry)
    ids = [c["id"] for c in out]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    text = json.dumps({"area": area, "about": about, "cases": out}, indent=1, ensure_ascii=True) + "\n"
    path = Path(__file__).resolve().parent.parent / f"{area}.json"
    if "--check" in sys.argv:
        if path.read_text() != text:
            print(f"{path} differs from the reference; rerun the reference script", file=sys.stderr)
            return 1
        print(f"{path.name}: matches the independent reference")
        return 0
    path.write_text(text)
    print(f"wrote {path} ({len(out)} cases)")
    return 0
