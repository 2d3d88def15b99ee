#!/usr/bin/env bash
# Catalog load benchmark: 10,000 products in a fresh SQLite database, the
# release build, and wrk at 64 connections for 20 s on each URL. Prints
# req/s, p50, p99 and the server's RSS, then the hydrate bundle's size.
#   BENCH_PRODUCTS (10000)  BENCH_SECONDS (20)  BENCH_CONNECTIONS (64)  BENCH_PORT (3200)
#   BENCH_BUILD=0 measures the last release build as it is
set -euo pipefail
source "$(dirname "$0")/../scripts/env.sh"
source "$(dirname "$0")/../scripts/lib.sh"
cd "$BAZAAR_ROOT"

PRODUCTS="${BENCH_PRODUCTS:-10000}"
SECONDS_EACH="${BENCH_SECONDS:-20}"
CONNS="${BENCH_CONNECTIONS:-64}"
PORT="${BENCH_PORT:-3200}"

"$BAZAAR_ROOT/scripts/bootstrap"
command -v wrk >/dev/null || { sudo=""; [[ $(id -u) -ne 0 ]] && sudo=sudo; $sudo apt-get install -y -qq wrk >/dev/null; }
[[ "${BENCH_BUILD:-1}" == 0 ]] || build_release

dir="$(mktemp -d /tmp/bazaar-bench.XXXXXX)"
trap 'kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
export BAZAAR_DATABASE_URL="sqlite://$dir/bench.db" BAZAAR_ADDR="127.0.0.1:$PORT" BAZAAR_RTC_UDP="127.0.0.1:0" \
  BAZAAR_SITE_ROOT="$BAZAAR_ROOT/target/site" RUST_LOG=warn
log "seeding $PRODUCTS products"
"$BAZAAR_BIN" seed --products "$PRODUCTS"
"$BAZAAR_BIN" serve >"$dir/server.log" 2>&1 &
pid=$!
wait_http "http://127.0.0.1:$PORT/health" 60 || { cat "$dir/server.log"; die "server did not start"; }
base="http://127.0.0.1:$PORT"
slug="$(curl -fsS "$base/api/v1/products?limit=1&page=77" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"][0]["slug"])')"

# Anonymous requests may be answered by the one-second page micro-cache;
# the "fresh" rows send a cookie, as a signed-in shopper would, so every
# request renders the page and queries the database.
bench() { # label path [header]
  local label="$1" path="$2" out rps p50 p99 errors rss
  local extra=(); [[ -n "${3:-}" ]] && extra=(-H "$3")
  curl -fsS -o /dev/null "${extra[@]}" "$base$path" # warm up and fail fast on an error page
  out="$(wrk -t2 -c"$CONNS" -d"${SECONDS_EACH}s" --latency "${extra[@]}" "$base$path")"
  rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  p50="$(awk '$1=="50%" {print $2}' <<<"$out")"
  p99="$(awk '$1=="99%" {print $2}' <<<"$out")"
  errors="$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out")"
  rss="$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$pid/status")"
  printf '%-46s %10s %9s %9s %9s\n' "$label" "$rps" "$p50" "$p99" "$rss"
  [[ -z "$errors" ]] || echo "  !! $errors"
}

printf '\n%-46s %10s %9s %9s %9s\n' "URL (${CONNS} conns, ${SECONDS_EACH}s)" "req/s" "p50" "p99" "RSS MiB"
fresh="Cookie: bench_session=1"
bench "/products" "/products"
bench "/products?page=50&sort=price_asc" "/products?page=50&sort=price_asc"
bench "/products/{slug}" "/products/$slug"
bench "/api/v1/products" "/api/v1/products"
bench "/products (fresh render)" "/products" "$fresh"
bench "/products?page=50&sort=price_asc (fresh)" "/products?page=50&sort=price_asc" "$fresh"
bench "/products/{slug} (fresh)" "/products/$slug" "$fresh"
bench "/api/v1/products (fresh)" "/api/v1/products" "$fresh"

# A real signed-in shopper: their session cookie, so every render also
# works out who they are (once per request) and marks their hearts.
jar="$dir/cookies"
curl -fsS -o /dev/null -c "$jar" -H 'Content-Type: application/json' "$base/api/v1/auth/register" \
  -d '{"email":"bench@example.com","password":"violets at dawn 42","full_name":"Bench Shopper"}'
signed="Cookie: $(sed 's/^#HttpOnly_//' "$jar" | awk '!/^#/ && NF >= 7 {print $6 "=" $7}')"
bench "/products (signed in)" "/products" "$signed"
bench "/products/{slug} (signed in)" "/products/$slug" "$signed"

# Product pages' data is shared for 2 s: one slug measures the render, many
# slugs (1,000, taken in turn) what a shop with a long tail of products sees.
for page in $(seq 1 10); do
  curl -fsS "$base/api/v1/products?limit=100&page=$page" |
    python3 -c 'import json,sys; print("\n".join("/products/" + p["slug"] for p in json.load(sys.stdin)["data"]))'
done >"$dir/slugs.txt"
out="$(BENCH_PATHS="$dir/slugs.txt" wrk -t2 -c"$CONNS" -d"${SECONDS_EACH}s" --latency -s "$BAZAAR_ROOT/bench/rotate.lua" "$base/")"
printf '%-46s %10s %9s %9s\n' "/products/{1,000 slugs in turn} (fresh)" "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
  "$(awk '$1=="50%" {print $2}' <<<"$out")" "$(awk '$1=="99%" {print $2}' <<<"$out")"

wasm="$BAZAAR_ROOT/target/site/pkg/bazaar.wasm"
[[ -f "$wasm" ]] || wasm="$(ls "$BAZAAR_ROOT"/target/site/pkg/*.wasm | head -1)"
raw=$(stat -c %s "$wasm")
br=$(brotli -c -q 11 "$wasm" | wc -c)
printf '\nhydrate bundle: %s  raw %d KB  brotli %d KB\n' "$(basename "$wasm")" $((raw / 1024)) $((br / 1024))
