"""Shared by the reference scripts of the booking areas: write a vector file, or check it is current."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def write_or_check(path: Path, vectors: dict) -> int:
    """Writes ``vectors`` to ``path``; with ``--check`` on the command line, returns 1 if the file differs."""
    text = json.dumps(vectors, indent=1, ensure_ascii=False) + "\n"
    if "--check" in sys.argv:
        if path.read_text() != text:
            print(f"{path.name} differs from its reference: run {Path(sys.argv[0]).name}", file=sys.stderr)
            return 1
        return 0
    path.write_text(text)
    return 0
