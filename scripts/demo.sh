#!/usr/bin/env bash
# The demo: builds fleetgate for every language, then shows the same rules from Rust, Python, Node and a browser.
source "$(dirname "$0")/lib.sh"

scripts/setup.sh >/dev/null
step "building the bindings (first run compiles everything; later runs are quick)"
scripts/build.sh >/dev/null 2>&1 || scripts/build.sh

step "Rust"
cargo run --quiet -p fleetgate-examples --bin demo
step "Python"
"$VENV/bin/python" examples/python/units_demo.py
step "Rust: the Smartcar receiver (SQLite) takes a scripted day of signed deliveries, a forged one and a VERIFY"
cargo run --quiet -p fleetgate-examples --bin receiver -- demo
step "Python: a day of odometer readings (retries, a late arrival, a unit mix-up, a sentinel) validated in one call"
mkdir -p target/demo
"$VENV/bin/python" examples/python/backfill.py examples/python/sample_readings.csv target/demo/verdicts.csv
"$VENV/bin/python" - target/demo/verdicts.csv <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
for r in rows:
    why = r["reason"] or (f"repeats id {r['duplicate_of']}" if r["duplicate_of"] else "")
    print(f"  id {r['id']:>2}  {r['value']:>10} {r['unit']:<3} at {r['reading_time']}  ->  {r['status']:<9} {why}")
PY
step "Node.js"
node examples/node/units-demo.mjs
step "Webhooks: Python (verify, sign, parse, re-verify stored deliveries)"
"$VENV/bin/python" examples/python/webhooks_demo.py
step "Webhooks: Node (App Router route handlers behind a local server)"
node examples/node/webhooks-demo.mjs
step "Browser (WASM in headless Chromium)"
node examples/browser/run.mjs

step "Bookings, prices, availability: Rust, Python, Node (/api/booking route), browser (WASM)"
cargo run --quiet -p fleetgate-examples --bin booking-demo
"$VENV/bin/python" examples/python/booking_demo.py
node examples/node/booking-demo.mjs
node examples/browser/booking-run.mjs
step "Rate limits, client keys, retries, SSE, Odoo events (Rust, then Python)"
cargo run --quiet -p fleetgate-examples --bin ratelimit_demo
"$VENV/bin/python" examples/python/ratelimit_demo.py
step "Sync Now: Smartcar client against the bundled mock (token refresh, odometer read, same rules as webhooks)"
"$VENV/bin/python" examples/python/sync_vehicles.py
node examples/node/sync-now-demo.mjs
