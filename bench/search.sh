#!/usr/bin/env bash
# Search benchmark: generated products in a fresh SQLite database (100,000 by
# default), the release build. Prints the index build time and size and the
# in-process query latency per kind (`bazaar search-bench`), then req/s and
# latency over HTTP with wrk at 64 connections, with a cookie so the page
# micro-cache never answers.
#   BENCH_PRODUCTS (100000)  BENCH_SECONDS (10)  BENCH_CONNECTIONS (64)  BENCH_PORT (3201)
#   BENCH_BUILD=0 measures the last release build as it is
set -euo pipefail
source "$(dirname "$0")/../scripts/env.sh"
source "$(dirname "$0")/../scripts/lib.sh"
cd "$BAZAAR_ROOT"

PRODUCTS="${BENCH_PRODUCTS:-100000}"
SECONDS_EACH="${BENCH_SECONDS:-10}"
CONNS="${BENCH_CONNECTIONS:-64}"
PORT="${BENCH_PORT:-3201}"

"$BAZAAR_ROOT/scripts/bootstrap"
command -v wrk >/dev/null || { sudo=""; [[ $(id -u) -ne 0 ]] && sudo=sudo; $sudo apt-get install -y -qq wrk >/dev/null; }
[[ "${BENCH_BUILD:-1}" == 0 ]] || build_release

dir="$(mktemp -d /tmp/bazaar-search-bench.XXXXXX)"
pid=""
trap '[[ -n "$pid" ]] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
export BAZAAR_DATABASE_URL="sqlite://$dir/bench.db" BAZAAR_ADDR="127.0.0.1:$PORT" BAZAAR_RTC_UDP="127.0.0.1:0" \
  BAZAAR_SITE_ROOT="$BAZAAR_ROOT/target/site" RUST_LOG=warn
log "seeding $PRODUCTS products"
"$BAZAAR_BIN" seed --products "$PRODUCTS"
log "in-process index build and queries"
"$BAZAAR_BIN" search-bench --rounds 40

RUST_LOG="warn,bazaar::catalog::search=info" "$BAZAAR_BIN" serve >"$dir/server.log" 2>&1 &
pid=$!
wait_http "http://127.0.0.1:$PORT/health" 60 || { cat "$dir/server.log"; die "server did not start"; }
base="http://127.0.0.1:$PORT"
for _ in $(seq 1 600); do grep -q "search index ready" "$dir/server.log" && break; sleep 0.5; done
grep "search index ready" "$dir/server.log" | sed 's/^/server: /'

bench() { # label path
  local label="$1" path="$2" out
  curl -fsS -o /dev/null -H "Cookie: bench_session=1" "$base$path"
  out="$(wrk -t2 -c"$CONNS" -d"${SECONDS_EACH}s" --latency -H "Cookie: bench_session=1" "$base$path")"
  printf '%-44s %10s %9s %9s\n' "$label" "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
    "$(awk '$1=="50%" {print $2}' <<<"$out")" "$(awk '$1=="99%" {print $2}' <<<"$out")"
  awk '/Non-2xx|Socket errors/ {print "  !! " $0}' <<<"$out"
}
printf '\n%-44s %10s %9s %9s\n' "URL (${CONNS} conns, ${SECONDS_EACH}s, fresh)" "req/s" "p50" "p99"
bench "/api/v1/products?search=rose" "/api/v1/products?search=rose"
bench "/api/v1/products?search=bouqet (typo)" "/api/v1/products?search=bouqet"
bench "/products?q=rose" "/products?q=rose"
bench "/products?q=serum&price=25-50&in_stock=1" "/products?q=serum&price=25-50&in_stock=1"
bench "/api/v1/search/suggest?q=lav" "/api/v1/search/suggest?q=lav"

# A search's hits are shared for 5 s: the rows above measure a popular query;
# this one sends 240 different queries in turn, as a crowd typing its own would.
python3 - >"$dir/queries.txt" <<'PY'
words = ["rose", "serum", "peony", "cleanser", "lavender", "bouquet", "cream", "tulip", "oil", "mask",
         "white", "dried", "vitamin", "calming", "night", "hydrating", "gift", "spf", "balm", "toner",
         "bouqet", "moisturzer", "hyaluronc", "lavendar", "peonny", "orchid", "lily", "wedding", "gel", "mist"]
seen = set()
for a in words:
    for b in ["", " bouquet", " serum", " cream", " set", " mini", " large", " gift"]:
        q = (a + b).strip()
        if q not in seen:
            seen.add(q); print("/api/v1/products?search=" + q.replace(" ", "+"))
PY
out="$(BENCH_PATHS="$dir/queries.txt" wrk -t2 -c"$CONNS" -d"${SECONDS_EACH}s" --latency -s "$BAZAAR_ROOT/bench/rotate.lua" "$base/")"
printf '%-44s %10s %9s %9s\n' "/api/v1/products?search={240 queries in turn}" "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
  "$(awk '$1=="50%" {print $2}' <<<"$out")" "$(awk '$1=="99%" {print $2}' <<<"$out")"
printf 'RSS: %s MiB\n' "$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$pid/status")"
