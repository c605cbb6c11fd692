#!/usr/bin/env python3
"""The bindings hold no domain default and no rule (CONTRIBUTING.md, "The boundary contract"): a check over
bindings-*/src/*.rs that fails, listing each offending line, on

- a default written in a binding: `unwrap_or(<literal>)`, `unwrap_or_else(|| <literal>)`, a Python signature
  default other than `None` (`= "manual"`, `= 56`, `= True`);
- a number other than 0 and 1 in code (outside comments, strings and array lengths `[T; N]`), except the unit
  conversions in ALLOWED, each with its reason.

Usage: scripts/check-bindings.py [files...] (default: every bindings-*/src/*.rs). Exit 1 when anything is found.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Literals a binding may write, and why: representation, not domain.
ALLOWED = {
    "1e6": "microseconds to seconds, the unit JS and Python callers use for durations",
    "1e3": "milliseconds to seconds",
    "1000.0": "Date.now() milliseconds to unix seconds (the host clock, read only at the outermost API)",
}

STRING = re.compile(r'r#*"(?:[^"\\]|\\.)*"#*|"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)\'')
NUMBER = re.compile(r"(?<![\w.])(\d[\d_]*(?:\.\d+)?(?:e\d+)?)(?:_?[iuf](?:8|16|32|64|128|size))?(?![\w.])")
ARRAY_LEN = re.compile(r";\s*\d+\s*\]")
DEFAULT_CALL = re.compile(r"unwrap_or(?:_else)?\(\s*(?:\|\|\s*)?(-?\d|\"|true|false)")
PY_DEFAULT = re.compile(r"(\w+)\s*:\s*\"[^\"]*\"\s*=\s*([^,)\s]+)")


def findings(path: Path) -> list[str]:
    out = []
    in_test = False
    for number, line in enumerate(path.read_text().splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("#[cfg(test)]"):
            in_test = True
        if in_test or stripped.startswith("//") or stripped.startswith("*"):
            continue
        where = f"{path.relative_to(ROOT)}:{number}: {stripped}"
        if "#[pyo3(signature" in line:
            for name, default in PY_DEFAULT.findall(line):
                if default == "None":
                    continue
                out.append(f"{where}\n    Python default {name}={default.strip()}: defaults live in core (pass None)")
            continue
        if DEFAULT_CALL.search(line):
            out.append(f"{where}\n    a default written in the binding: it belongs in core's option type")
        code = STRING.sub('""', line.split("//", 1)[0])
        if "#[" in code:
            continue
        code = ARRAY_LEN.sub("]", code)
        for literal in NUMBER.findall(code):
            if literal.replace("_", "") in {"0", "1", "0.0", "1.0"} or literal in ALLOWED:
                continue
            out.append(f"{where}\n    the number {literal}: a domain value in a binding (move it to core)")
    return out


def main(argv: list[str]) -> int:
    files = [Path(a).resolve() for a in argv] or sorted(ROOT.glob("bindings-*/src/*.rs"))
    found = [f for path in files for f in findings(path)]
    for item in found:
        print(item)
    print(f"check-bindings: {len(files)} files, {len(found)} findings")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
