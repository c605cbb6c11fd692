#!/usr/bin/env bash
# Builds the three bindings from source: the Python wheel (installed into .venv), the napi module, and the WASM
# package for Node and the web. PROFILE=release builds optimised artifacts (the benches use it).
source "$(dirname "$0")/lib.sh"
PROFILE="${PROFILE:-dev}"

step "Python wheel (maturin, stubs generated from the binary)"
release_flag=(); [ "$PROFILE" = release ] && release_flag=(--release)
(cd bindings-python && "$VENV/bin/maturin" build --quiet --generate-stubs "${release_flag[@]}" -o "$ROOT/target/wheels/$PROFILE")
wheel="$(ls -t "$ROOT/target/wheels/$PROFILE"/fleetgate-*.whl | head -1)"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$wheel"
echo "installed $(basename "$wheel")"

step "Node module (napi-rs)"
(cd bindings-node && npx napi build --platform "${release_flag[@]}" >/dev/null)
ls bindings-node/*.node

step "WASM package (wasm-bindgen $WASM_BINDGEN_VERSION, nodejs and web targets)"
cargo build --quiet -p fleetgate-wasm --target wasm32-unknown-unknown --release
wasm=target/wasm32-unknown-unknown/release/fleetgate_wasm.wasm
rm -rf bindings-wasm/pkg
wasm-bindgen --target nodejs --out-dir bindings-wasm/pkg/node "$wasm"
wasm-bindgen --target web --out-dir bindings-wasm/pkg/web "$wasm"
# The package is ESM ("type": "module"); the nodejs target is CommonJS.
echo '{"type": "commonjs"}' > bindings-wasm/pkg/node/package.json
ls bindings-wasm/pkg/*/*.wasm
