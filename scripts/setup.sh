#!/usr/bin/env bash
# Installs everything the demo and the tests need, idempotently: what is already there is left alone.
source "$(dirname "$0")/lib.sh"

step "Rust: wasm32 target, rustfmt, clippy"
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
rustup component list --installed | grep -q '^clippy' || rustup component add clippy

step "nightly toolchain and cargo-fuzz (the fuzz smoke run)"
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked

step "wasm-bindgen-cli $WASM_BINDGEN_VERSION (pinned like the crate)"
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  echo "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a fresh build takes several minutes)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi
wasm-bindgen --version

step "Chromium for the browser tests"
if ! command -v chromium >/dev/null 2>&1; then
  as_root apt-get update
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y chromium
fi
chromium --version 2>/dev/null || true

step "redis-server for the distributed rate-limit tests"
if ! command -v redis-server >/dev/null 2>&1; then
  as_root apt-get update
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y redis-server
fi
redis-server --version

step "Python venv (.venv) with maturin, pytest, mypy"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt

step "npm packages (npm ci)"
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s <(sed -n '/"packages"/,$p' package-lock.json) \
     <(sed -n '/"packages"/,$p' node_modules/.package-lock.json 2>/dev/null); then
  npm ci --no-audit --no-fund --loglevel=error
else
  echo "node_modules matches package-lock.json"
fi
