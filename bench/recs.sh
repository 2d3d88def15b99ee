#!/usr/bin/env bash
# Recommendations, evaluated offline: the demo shop (seeded into a fresh
# SQLite database, every product embedded) with its generated order history;
# each shopper's last checkout is held out and the recommender's top 10 is
# compared with a popularity baseline's — hit-rate@10 and MRR — and one
# recommendation is timed in-process (the snapshot built beforehand).
#   BENCH_BUILD=0 uses the last release build as it is
set -euo pipefail
source "$(dirname "$0")/../scripts/env.sh"
source "$(dirname "$0")/../scripts/lib.sh"
cd "$BAZAAR_ROOT"

"$BAZAAR_ROOT/scripts/bootstrap"
[[ "${BENCH_BUILD:-1}" == 0 ]] || build_release

dir="$(mktemp -d /tmp/bazaar-recs-eval.XXXXXX)"
trap 'rm -rf "$dir"' EXIT
BAZAAR_DATABASE_URL="sqlite://$dir/eval.db" BAZAAR_MEDIA_URL="$dir/media" BAZAAR_RTC_UDP="127.0.0.1:0" \
  BAZAAR_MODEL_DIR="$BAZAAR_MODEL_HOME" RUST_LOG=warn "$BAZAAR_BIN" recs-eval
