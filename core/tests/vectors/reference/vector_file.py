"""Shared by the reference scripts: write a vector file, or with ``--check`` fail when it differs."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def write_or_check(path: Path, area: str, about: str, cases: list[dict]) -> None:
    """Writes ``{"area", "about", "cases"}`` to ``path`` (or compares with ``--check``); case ids must be unique."""
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    text = json.dumps({"area": area, "about": about, "cases": cases}, indent=1, ensure_ascii=False) + "\n"
    if "--check" in sys.argv:
        if path.read_text(encoding="utf-8") != text:
            print(f"{path} differs from the reference; rerun without --check", file=sys.stderr)
            sys.exit(1)
    else:
        path.write_text(text, encoding="utf-8")
        print(f"wrote {len(cases)} cases to {path}")
