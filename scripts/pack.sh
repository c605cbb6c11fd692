#!/usr/bin/env bash
# Builds release artifacts and writes the packages users install into target/packages/:
#   fleetgate-<version>.tgz        the napi package (npm pack; the stripped x86_64-linux-gnu .node inside)
#   fleetgate-wasm-<version>.tgz   the WASM package (npm pack; one .wasm per build: full and booking)
#   fleetgate-<version>-*.whl      the Python wheel (maturin, release, stripped)
#   fleetgate-<version>.tar.gz     the Python sdist
# Fails when a native artifact is over its budget (.node 10 MB, wheel 8 MB). Install with
# `npm install ./target/packages/fleetgate-0.1.0.tgz` or `pip install target/packages/fleetgate-*.whl`.
source "$(dirname "$0")/lib.sh"
OUT="$ROOT/target/packages"
rm -rf "$OUT" && mkdir -p "$OUT"
budget() { # file, max bytes, label
  local size; size="$(wc -c <"$1")"
  printf '%-28s %9d bytes (budget %d)\n' "$3" "$size" "$2"
  if [ "$size" -gt "$2" ]; then echo "$3 is over its budget: $1" >&2; return 1; fi
}

step "napi module (release, stripped)"
(cd bindings-node && npx napi build --platform --release --strip >/dev/null)
budget bindings-node/fleetgate.linux-x64-gnu.node $((10 * 1024 * 1024)) ".node"

step "WASM package builds"
scripts/build-wasm.sh

step "npm packages (npm pack)"
for pkg in bindings-node bindings-wasm; do
  (cd "$pkg" && npm pack --silent --pack-destination "$OUT" >/dev/null)
done

step "Python wheel and sdist (maturin, release, stripped)"
(cd bindings-python && "$VENV/bin/maturin" build --quiet --release --strip -o "$OUT" && "$VENV/bin/maturin" sdist -o "$OUT" >/dev/null)
for wheel in "$OUT"/fleetgate-*.whl; do budget "$wheel" $((8 * 1024 * 1024)) "wheel"; done

step "target/packages"
ls -l "$OUT"
