#!/usr/bin/env bash
# Runs every test suite: fmt, clippy, cargo test, the Python wheel (pytest + stubtest), the napi module
# (node --test), the WASM package in Node and in headless Chromium, the examples, the packed packages (imports, types,
# sizes, a Next.js app and a Cloudflare Worker installed from the tarballs) and the demo. Installs what it needs first.
# Every suite runs even when an earlier one fails; the exit status is non-zero if any failed.
source "$(dirname "$0")/lib.sh"

scripts/setup.sh
source scripts/redis.sh
failed=()
suite() {
  local name="$1"; shift
  step "$name"
  if "$@"; then echo "--> $name: ok"; else echo "--> $name: FAILED"; failed+=("$name"); fi
}

suite "rustfmt" cargo fmt --all --check
suite "docs stay in the repository" bash scripts/check-docs.sh
suite "bindings hold no domain default (scripts/check-bindings.py)" "$VENV/bin/python" scripts/check-bindings.py
suite "clippy (host)" cargo clippy --quiet --workspace --all-targets -- -D warnings
suite "clippy (wasm32)" cargo clippy --quiet -p fleetgate-wasm --target wasm32-unknown-unknown -- -D warnings
suite "clippy (wasm32, booking build)" cargo clippy --quiet -p fleetgate-wasm --target wasm32-unknown-unknown \
  --no-default-features -- -D warnings
suite "cargo test" cargo test --workspace
suite "cargo test (Redis limiter, feature redis)" cargo test -p fleetgate --features redis --test redis_limiter
suite "hostile input, release build (release and debug behave alike)" \
  cargo test --release -p fleetgate --features http --test hostile --test client_hostile
suite "fuzz smoke run (scripts/fuzz.sh: every target, 5 s each)" bash scripts/fuzz.sh 5
suite "build bindings" scripts/build.sh
suite "generated files are current" scripts/check-generated.sh
suite "pytest (Python wheel)" bash -c 'cd bindings-python && "$0/bin/python" -m pytest -q' "$VENV"
suite "mypy stubtest" "$VENV/bin/python" -m mypy.stubtest fleetgate
suite "node --test (napi module)" node --test bindings-node/__test__/
suite "node --test (WASM in Node)" node --test bindings-wasm/tests/node.test.mjs
suite "node --test (WASM in headless Chromium)" node --test bindings-wasm/tests/browser.test.mjs
suite "node --test (examples)" node --test examples/tests/
# The packages as users receive them: release artifacts packed into target/packages/, then installed from the
# tarballs into a scratch project, the Next.js example and the Worker.
suite "pack (scripts/pack.sh: npm tarballs, wheel, sdist)" scripts/pack.sh
suite "WASM sizes (scripts/wasm-sizes.mjs: ceilings, gap to the targets)" node scripts/wasm-sizes.mjs --check
suite "node --test (packed packages: imports, names, types)" node --test examples/deploy-tests/packages.test.mjs
suite "node --test (Next.js example: next build, next start, routes, page)" \
  node --test examples/deploy-tests/nextjs.test.mjs
suite "node --test (Cloudflare Worker: wrangler bundle in workerd)" node --test examples/deploy-tests/worker.test.mjs
suite "demo (scripts/demo.sh)" scripts/demo.sh

step "summary"
if [ "${#failed[@]}" -gt 0 ]; then
  printf 'FAILED suites: %s\n' "${failed[*]}"
  exit 1
fi
echo "all suites passed"
