#!/usr/bin/env bash
# Checkout benchmark: many buyers placing cash-on-delivery orders at once
# through the same transaction the page and the API run (`bazaar
# checkout-bench`, in-process, release build), on SQLite and on a throwaway
# PostgreSQL cluster (fsync off, like the test cluster). Two runs per
# database: everyone after one hot product with little stock (oversold must
# be 0), then orders spread over 1,000 products. Prints orders/s, p50/p99
# placement latency and the oversold count.
#   BENCH_PRODUCTS (2000)  BENCH_BUYERS (200)  BENCH_ATTEMPTS (4000)
#   BENCH_STOCK (100)  BENCH_CONCURRENCY (200)  BENCH_PG_PORT (55433)
#   BENCH_BUILD=0 measures the last release build as it is
set -euo pipefail
source "$(dirname "$0")/../scripts/env.sh"
source "$(dirname "$0")/../scripts/lib.sh"
cd "$BAZAAR_ROOT"

PRODUCTS="${BENCH_PRODUCTS:-2000}"
ARGS=(--buyers "${BENCH_BUYERS:-200}" --attempts "${BENCH_ATTEMPTS:-4000}"
  --stock "${BENCH_STOCK:-100}" --concurrency "${BENCH_CONCURRENCY:-200}")

"$BAZAAR_ROOT/scripts/bootstrap" --test
[[ "${BENCH_BUILD:-1}" == 0 ]] || build_release

dir="$(mktemp -d /tmp/bazaar-checkout-bench.XXXXXX)"
trap 'pg_stop; rm -rf "$dir"' EXIT
export RUST_LOG=warn

log "SQLite: seeding $PRODUCTS products"
BAZAAR_DATABASE_URL="sqlite://$dir/bench.db" "$BAZAAR_BIN" seed --products "$PRODUCTS"
echo
echo "SQLite"
BAZAAR_DATABASE_URL="sqlite://$dir/bench.db" "$BAZAAR_BIN" checkout-bench "${ARGS[@]}"

port="${BENCH_PG_PORT:-55433}"
pg_start "$port" "$(mktemp -d /tmp/bazaar-pg.XXXXXX)"
url="postgres://postgres@127.0.0.1:$port/postgres"
log "PostgreSQL: seeding $PRODUCTS products"
BAZAAR_DATABASE_URL="$url" "$BAZAAR_BIN" seed --products "$PRODUCTS"
echo
echo "PostgreSQL (pool ${BENCH_PG_POOL:-32})"
BAZAAR_DATABASE_URL="$url" BAZAAR_DATABASE_MAX_CONNECTIONS="${BENCH_PG_POOL:-32}" "$BAZAAR_BIN" checkout-bench "${ARGS[@]}"
