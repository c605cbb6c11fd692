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
step "Node.js"
node examples/node/units-demo.mjs
step "Browser (WASM in headless Chromium)"
node examples/browser/run.mjs

step "Bookings, prices, availability: Rust, Python, Node (/api/booking route), browser (WASM)"
cargo run --quiet -p fleetgate-examples --bin booking-demo
"$VENV/bin/python" examples/python/booking_demo.py
node examples/node/booking-demo.mjs
node examples/browser/booking-run.mjs
