# Helpers shared by scripts/run, scripts/test and bench/: sourced, never executed.

# Build the server and the hydrate bundle in the dev profile (tests, e2e):
# our crate unoptimised and incremental, dependencies optimised once.
# `--split`: islands marked `#[island(lazy)]` (the card form, the live chat)
# go to their own wasm files, fetched only by the pages that show them, so
# the storefront's download does not grow with them. The tests load pages
# the way a shop serves them.
build_dev() {
  log "cargo leptos build --split (dev profile)"
  (cd "$BAZAAR_ROOT" && cargo leptos build --split)
}

# Build the release server and the hydrate bundle (incremental when warm).
build_release() {
  log "cargo leptos build --release --split"
  (cd "$BAZAAR_ROOT" && cargo leptos build --release --split)
  # No debug info in the release binary: `[profile.release]` strips it.
  # Pre-compressed copies: the server sends .br/.gz when the browser accepts them.
  local pkg="$BAZAAR_ROOT/target/site/pkg"
  for f in "$pkg"/*.wasm "$pkg"/*.js "$pkg"/*.css; do
    [[ -f "$f" ]] || continue
    if [[ ! -f "$f.br" || "$f" -nt "$f.br" ]]; then
      brotli -f -q 11 -o "$f.br" "$f"
      gzip -f -k -9 "$f"
    fi
  done
}

# Drop incremental caches and test binaries of our own crate untouched for a
# day: every clone path gets its own, and a shared target dir otherwise
# grows by gigabytes a run until the disk is full. Dependencies stay.
prune_target() {
  [[ -d "$CARGO_TARGET_DIR" ]] || return 0
  find "$CARGO_TARGET_DIR" -mindepth 3 -maxdepth 5 -type d -path '*/incremental/*' -prune -mtime +0 \
    -exec rm -rf {} + 2>/dev/null || true
  find "$CARGO_TARGET_DIR" -mindepth 3 -maxdepth 4 -path '*/deps/*' -type f -mtime +0 \
    \( -name 'bazaar-*' -o -name 'integration-*' -o -name 'live_load-*' -o -name 'libbazaar-*' \) \
    -delete 2>/dev/null || true
}

# Copy the embedding model into a data directory ($1, e.g. data/model) unless
# it is there already; the server reads it from BAZAAR_MODEL_DIR.
install_model() {
  local dest="$1" f
  mkdir -p "$dest"
  for f in config.json tokenizer.json model.safetensors; do
    cmp -s "$BAZAAR_MODEL_HOME/$f" "$dest/$f" || cp "$BAZAAR_MODEL_HOME/$f" "$dest/$f"
  done
}

BAZAAR_BIN="$CARGO_TARGET_DIR/release/bazaar"
BAZAAR_DEV_BIN="$CARGO_TARGET_DIR/debug/bazaar"

# First TCP port from $1 up that nothing on 127.0.0.1 listens on: a second
# checkout's test run (or a benchmark) may hold the default one.
free_port() {
  local port="$1"
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    port=$((port + 1))
  done
  echo "$port"
}

# Start a throwaway PostgreSQL cluster on 127.0.0.1:$1 in $2; sets PG_DIR.
pg_start() {
  local port="$1" dir="$2"
  local bin
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  PG_DIR="$dir"
  rm -rf "$dir"
  mkdir -p "$dir"
  local as=()
  if [[ $(id -u) -eq 0 ]]; then
    chown postgres:postgres "$dir"
    as=(runuser -u postgres --)
  fi
  "${as[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
    -o "-k $dir -p $port -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null
  PG_STOP=("${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast stop)
}

pg_stop() {
  if [[ -n "${PG_STOP:-}" ]]; then
    "${PG_STOP[@]}" >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
    unset PG_STOP
  fi
}

# Wait until $1 answers 200 (up to $2 seconds).
wait_http() {
  local url="$1" limit="${2:-60}" i
  for ((i = 0; i < limit * 10; i++)); do
    if curl -fsS -o /dev/null "$url" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  return 1
}
