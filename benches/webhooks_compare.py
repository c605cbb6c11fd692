"""Webhook verification through the Python package next to what a Python user writes instead (hmac.new +
hmac.compare_digest), in the same run. Build the release wheel first: PROFILE=release bash scripts/build.sh

Run: .venv/bin/python benches/webhooks_compare.py
"""

import hashlib
import hmac
import timeit

from fleetgate import webhooks

AMT = "bench-application-management-token"
SIZES = [(20, "20 B"), (1024, "1 KiB"), (65536, "64 KiB"), (1 << 20, "1 MiB")]


def per_call_ns(fn) -> float:
    number, _ = timeit.Timer(fn).autorange()
    return min(timeit.repeat(fn, number=number, repeat=7)) / number * 1e9


def show(ns: float, size: int) -> str:
    text = f"{ns:.0f} ns" if ns < 1000 else f"{ns / 1000:.1f} µs"
    return f"{text} ({size / ns * 1e9 / 2**20:.0f} MiB/s)"


print("| body | fleetgate Python `verify` | hmac.new + compare_digest |")
print("|---|---|---|")
for size, name in SIZES:
    body = b"x" * size
    headers = {"sc-signature": hmac.new(AMT.encode(), body, hashlib.sha256).hexdigest()}
    verifier = webhooks.Verifier.smartcar(AMT)

    def by_hand() -> None:
        expected = hmac.new(AMT.encode(), body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, headers["sc-signature"]):
            raise ValueError("mismatch")

    ours = per_call_ns(lambda: verifier.verify(headers, body, check_time=False))
    theirs = per_call_ns(by_hand)
    print(f"| {name} | {show(ours, size)} | {show(theirs, size)} |")
