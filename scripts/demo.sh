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
step "Webhooks: Python (verify, sign, parse, re-verify stored deliveries)"
"$VENV/bin/python" examples/python/webhooks_demo.py
step "Webhooks: Node (App Router route handlers behind a local server)"
node examples/node/webhooks-demo.mjs
step "Browser (WASM in headless Chromium)"
node examples/browser/run.mjs
