# Shared environment for every Bazaar script: sourced, never executed.
# Puts the project's toolchain (Debian rustc-web + self-built wasm32 std,
# cargo-leptos, wasm-bindgen, tailwind, wasm-opt) first on PATH.

BAZAAR_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export BAZAAR_ROOT
# Tools live outside the clone so a fresh clone reuses them.
export BAZAAR_TOOLS="${BAZAAR_TOOLS:-/opt/bazaar-tools}"
# The embedding model's files, fetched once by scripts/bootstrap.
export BAZAAR_MODEL_HOME="$BAZAAR_TOOLS/models/all-MiniLM-L6-v2"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/bazaar-target}"

export PATH="$BAZAAR_TOOLS/bin:$BAZAAR_TOOLS/cargo/bin:$PATH"
export RUSTC=/usr/bin/rustc
export CARGO=/usr/bin/cargo
export RUSTDOC=/usr/bin/rustdoc
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$BAZAAR_TOOLS/bin/wasm-ld"
export LEPTOS_TAILWIND_VERSION=v4.3.5
# cargo-leptos compiles with this set, and leptos bakes it in (it names the
# hydrate bundle `bazaar.wasm`, not `bazaar_bg.wasm`). Every other cargo call
# (clippy, test) must see the same value, or it rebuilds leptos and relinks
# the server binary with the wrong bundle name.
export LEPTOS_OUTPUT_NAME=bazaar
export NODE_PATH="$BAZAAR_TOOLS/node/node_modules"

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }
