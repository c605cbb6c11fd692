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
step "Rate limits, client keys, retries, SSE, Odoo events (Rust, then Python)"
cargo run --quiet -p fleetgate-examples --bin ratelimit_demo
"$VENV/bin/python" examples/python/ratelimit_demo.py
