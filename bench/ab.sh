#!/usr/bin/env bash
# A/B two server binaries on one database, taking turns (the host's speed
# drifts; interleaving keeps the comparison fair). Fresh renders without a
# session and with a real signed-in shopper's session.
#   bench/ab.sh BEFORE_BIN [AFTER_BIN]   (AFTER_BIN: the last release build)
#   BENCH_PRODUCTS (10000)  BENCH_SECONDS (8)  BENCH_ROUNDS (2)  BENCH_PORT (3202)
set -euo pipefail
source "$(dirname "$0")/../scripts/env.sh"
source "$(dirname "$0")/../scripts/lib.sh"
cd "$BAZAAR_ROOT"
before="${1:?usage: bench/ab.sh BEFORE_BIN [AFTER_BIN]}"
after="${2:-$BAZAAR_BIN}"
seconds="${BENCH_SECONDS:-8}"
port="${BENCH_PORT:-3202}"
dir="$(mktemp -d /tmp/bazaar-ab.XXXXXX)"
pid=""
trap '[[ -n "$pid" ]] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
export BAZAAR_DATABASE_URL="sqlite://$dir/bench.db" BAZAAR_ADDR="127.0.0.1:$port" BAZAAR_RTC_UDP="127.0.0.1:0" \
  BAZAAR_SITE_ROOT="$BAZAAR_ROOT/target/site" RUST_LOG=warn
base="http://127.0.0.1:$port"
"$after" seed --products "${BENCH_PRODUCTS:-10000}" >/dev/null
start() { "$1" serve >"$dir/server.log" 2>&1 & pid=$!; wait_http "$base/health" 60 || die "server did not start"; }
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }
start "$after"
slug="$(curl -fsS "$base/api/v1/products?limit=1&page=77" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"][0]["slug"])')"
curl -fsS -o /dev/null -c "$dir/jar" -H 'Content-Type: application/json' "$base/api/v1/auth/register" \
  -d '{"email":"bench@example.com","password":"violets at dawn 42","full_name":"Bench Shopper"}'
signed="Cookie: $(sed 's/^#HttpOnly_//' "$dir/jar" | awk '!/^#/ && NF >= 7 {print $6 "=" $7}')"
stop
printf '%-6s %-7s %-10s %-18s %10s\n' round binary session URL req/s
for round in $(seq 1 "${BENCH_ROUNDS:-2}"); do
  for which in before after; do
    if [[ $which == before ]]; then start "$before"; else start "$after"; fi
    for kind in none signed; do
      header="Cookie: bench_session=1"; [[ $kind == signed ]] && header="$signed"
      for path in "/products/$slug" /products; do
        curl -fsS -o /dev/null -H "$header" "$base$path"
        rps="$(wrk -t2 -c64 -d"${seconds}s" -H "$header" "$base$path" | awk '/Requests\/sec/ {print $2}')"
        label="$path"; [[ $path == /products/* ]] && label="/products/{slug}"
        printf '%-6s %-7s %-10s %-18s %10s\n' "$round" "$which" "$kind" "$label" "$rps"
      done
    done
    stop
  done
done
