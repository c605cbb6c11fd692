#!/usr/bin/env bash
# Builds the three bindings from source: the Python wheel (installed into .venv), the napi module, and the WASM
# package (one .wasm per build: full, and booking-only). PROFILE=release builds optimised artifacts (the benches
# use it).
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

scripts/build-wasm.sh
