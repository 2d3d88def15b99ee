#!/usr/bin/env bash
# Analytics benchmark: a generated history (a million orders of 2.5 lines
# over two years, 50 shops of 40 products, 100,000 customers, about 5 million
# traffic events) on SQLite and on a throwaway
# PostgreSQL cluster (fsync off, like the test cluster); the rollups rebuilt
# from it (timed); then p50/p95 of the dashboard report's server time per
# range, all shops and one shop, and the rollups' cost per placed order
# (`bazaar analytics-bench`, in-process, release build).
#   BENCH_ORDERS (1000000)  BENCH_SHOPS (50)  BENCH_CUSTOMERS (100000)
#   BENCH_DAYS (730)  BENCH_RUNS (20)  BENCH_VISITORS (2400 a day: ~5M traffic events)
#   BENCH_PG_PORT (55434)
#   BENCH_BUILD=0 measures the last release build as it is
set -euo pipefail
source "$(dirname "$0")/../scripts/env.sh"
source "$(dirname "$0")/../scripts/lib.sh"
cd "$BAZAAR_ROOT"

ARGS=(--orders "${BENCH_ORDERS:-1000000}" --shops "${BENCH_SHOPS:-50}" --customers "${BENCH_CUSTOMERS:-100000}"
  --days "${BENCH_DAYS:-730}" --runs "${BENCH_RUNS:-20}" --visitors "${BENCH_VISITORS:-2400}")

"$BAZAAR_ROOT/scripts/bootstrap" --test
[[ "${BENCH_BUILD:-1}" == 0 ]] || build_release

dir="$(mktemp -d /tmp/bazaar-analytics-bench.XXXXXX)"
trap 'pg_stop; rm -rf "$dir"' EXIT
export RUST_LOG=warn

echo "SQLite"
BAZAAR_DATABASE_URL="sqlite://$dir/bench.db" "$BAZAAR_BIN" analytics-bench "${ARGS[@]}"
echo "database file: $(du -h "$dir/bench.db" | cut -f1)"

port="${BENCH_PG_PORT:-55434}"
pg_start "$port" "$(mktemp -d /tmp/bazaar-pg.XXXXXX)"
echo
echo "PostgreSQL"
BAZAAR_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres" "$BAZAAR_BIN" analytics-bench "${ARGS[@]}"
