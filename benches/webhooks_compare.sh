#!/usr/bin/env bash
# Every webhook comparison in one run: criterion (Rust core vs bare HMAC/SHA-256), the Python and JS packages vs
# the standard library a user would pick, and OpenSSL's SHA-256 as the hashing ceiling of this machine.
# Run from the repository root: bash benches/webhooks_compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PROFILE=release bash scripts/build.sh >/dev/null
echo "## openssl speed -evp sha256 (1000s of bytes per second)"
openssl speed -elapsed -seconds 3 -bytes 65536 -evp sha256 2>/dev/null | tail -2
openssl speed -elapsed -seconds 3 -bytes 1024 -evp sha256 2>/dev/null | tail -1
echo "## criterion"
cargo bench -q -p fleetgate-benches --bench webhooks -- --warm-up-time 1 --measurement-time 2 2>/dev/null \
  | grep -E '^webhook|time:|thrpt:'
echo "## Python"
.venv/bin/python benches/webhooks_compare.py
echo "## Node (napi, WASM)"
node benches/webhooks_compare.mjs
