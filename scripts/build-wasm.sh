#!/usr/bin/env bash
# Builds the WASM package's two builds into bindings-wasm/pkg/: `full` (every namespace) and `booking` (booking,
# pricing, availability, units). Used by scripts/build.sh and scripts/pack.sh; a second run with nothing changed
# only copies files.
source "$(dirname "$0")/lib.sh"

step "WASM package (wasm-bindgen $WASM_BINDGEN_VERSION, bundler glue; the full build and the booking build)"
# One .wasm per build, shared by every entry point (node.js, web.js, edge.js; booking/*): the glue is
# wasm-bindgen's bundler output and load.js instantiates it, so nothing is shipped twice. Profile `wasm` optimises
# for size; wasm-opt -Oz shrinks it further (binaryen from npm, pinned in package.json: Debian's is too old for
# wasm-bindgen's externref table). The booking build has its own target dir, so switching
# features never rebuilds the other one.
WASM_OPT_FLAGS=(-Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals
  --enable-reference-types --enable-multivalue)
wasm_build() {
  local name="$1" target_dir="$2"; shift 2
  cargo build --quiet -p fleetgate-wasm --target wasm32-unknown-unknown --profile wasm --target-dir "$target_dir" "$@"
  local wasm="$target_dir/wasm32-unknown-unknown/wasm/fleetgate_wasm.wasm" out="bindings-wasm/pkg/$name"
  rm -rf "$out"
  wasm-bindgen --target bundler --out-dir "$out" "$wasm"
  # The bundler entry imports the .wasm as an ES module; the package's own entries replace it (load.js).
  rm -f "$out/fleetgate_wasm.js" "$out/fleetgate_wasm_bg.wasm.d.ts"
  local cached="$target_dir/wasm-opt/fleetgate_wasm_bg.wasm"
  if [ ! -f "$cached" ] || [ "$wasm" -nt "$cached" ]; then
    mkdir -p "$(dirname "$cached")"
    node_modules/.bin/wasm-opt "${WASM_OPT_FLAGS[@]}" "$out/fleetgate_wasm_bg.wasm" -o "$cached"
  fi
  cp "$cached" "$out/fleetgate_wasm_bg.wasm"
}
wasm_build full target
wasm_build booking target/wasm-booking --no-default-features
for f in bindings-wasm/pkg/*/fleetgate_wasm_bg.wasm; do
  printf '%s: %s bytes, %s gzip -9\n' "$f" "$(wc -c <"$f")" "$(gzip -9c "$f" | wc -c)"
done
