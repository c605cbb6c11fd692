#!/usr/bin/env bash
# Fails when a committed generated file differs from what the build just generated: the Python stubs (from the
# wheel, made by maturin --generate-stubs) and napi's index.d.ts / index.js. `--update` copies them instead.
source "$(dirname "$0")/lib.sh"
PROFILE="${PROFILE:-dev}"
wheel="$(ls -t "$ROOT/target/wheels/$PROFILE"/fleetgate-*.whl | head -1)"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
"$VENV/bin/python" - "$wheel" "$tmp" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel:
    for name in wheel.namelist():
        if name.endswith(".pyi"):
            wheel.extract(name, sys.argv[2])
PY
if [ "${1:-}" = "--update" ]; then
  rm -rf bindings-python/stubs && mkdir -p bindings-python/stubs && cp -r "$tmp/fleetgate" bindings-python/stubs/
  echo "updated bindings-python/stubs/ (napi's index.d.ts is written by the build itself)"
  exit 0
fi
status=0
if ! diff -ru bindings-python/stubs/fleetgate "$tmp/fleetgate"; then
  echo "The committed Python stubs are stale: run scripts/build.sh && scripts/check-generated.sh --update" >&2
  status=1
fi
if ! git diff --quiet -- bindings-node/index.d.ts bindings-node/index.js; then
  git --no-pager diff --stat -- bindings-node/index.d.ts bindings-node/index.js
  echo "bindings-node/index.d.ts or index.js changed when built: commit the regenerated files" >&2
  status=1
fi
[ "$status" = 0 ] && echo "generated stubs and index.d.ts are current"
exit "$status"
