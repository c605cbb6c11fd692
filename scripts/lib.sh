# Shared by the scripts in this folder: paths, the pinned wasm-bindgen version, and a step banner.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# The wasm-bindgen crate is pinned exactly in Cargo.toml; the CLI must be the same version.
WASM_BINDGEN_VERSION="$(sed -nE 's/^wasm-bindgen = "=([0-9.]+)".*/\1/p' Cargo.toml)"
VENV="$ROOT/.venv"
export PATH="$HOME/.cargo/bin:$PATH"
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
