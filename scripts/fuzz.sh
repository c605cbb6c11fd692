#!/usr/bin/env bash
# Fuzzes every parser and entry point that takes outside data (fuzz/fuzz_targets/*.rs) for SECONDS each
# (default 10: the smoke run the test command uses), one target at a time, each in one libFuzzer process (the
# default; `-jobs=1` would only move its output to fuzz-0.log). Installs what it needs
# when missing: the nightly toolchain (minimal profile) and cargo-fuzz. Seeds come from the shared vectors
# (fuzz/seeds.py writes fuzz/corpus/<target>/, which is not committed); libFuzzer adds what it finds there.
# A crash leaves its input in fuzz/artifacts/<target>/ and makes the script fail after the other targets ran.
# Usage: scripts/fuzz.sh [seconds] [target...]
set -euo pipefail
seconds="${1:-10}"
shift || true
cd "$(dirname "$0")/.."

if ! rustup toolchain list | grep -q '^nightly'; then
  rustup toolchain install nightly --profile minimal
fi
if ! command -v cargo-fuzz >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

python3 fuzz/seeds.py
(cd fuzz && cargo +nightly fuzz build -O)
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
  mapfile -t targets < <(cd fuzz && cargo +nightly fuzz list)
fi

mkdir -p fuzz/target/logs
failed=()
summary=()
for target in "${targets[@]}"; do
  log="fuzz/target/logs/$target.log"
  echo "== $target: ${seconds}s"
  if (cd fuzz && cargo +nightly fuzz run -O "$target" -- -max_total_time="$seconds" \
      -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1) >"$log" 2>&1; then
    status=ok
  else
    status=FAILED
    failed+=("$target")
    tail -n 30 "$log"
  fi
  execs="$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+).*/\1/p' "$log" | tail -n 1)"
  summary+=("$(printf '%-20s %-6s %12s execs' "$target" "$status" "${execs:-?}")")
done

printf '%s\n' "${summary[@]}"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz: crashes in ${failed[*]} (inputs in fuzz/artifacts/)" >&2
  exit 1
fi
