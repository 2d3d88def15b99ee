#!/usr/bin/env bash
# Search quality: nDCG@10 of the storefront's search with words alone (BM25)
# and with words and meaning (hybrid), on the labelled queries in
# bench/search_labels.json over the demo catalog (seeded into a fresh SQLite
# database; the release build embeds its 242 products first).
#   BENCH_BUILD=0 uses the last release build as it is
set -euo pipefail
source "$(dirname "$0")/../scripts/env.sh"
source "$(dirname "$0")/../scripts/lib.sh"
cd "$BAZAAR_ROOT"

"$BAZAAR_ROOT/scripts/bootstrap"
[[ "${BENCH_BUILD:-1}" == 0 ]] || build_release

dir="$(mktemp -d /tmp/bazaar-search-eval.XXXXXX)"
trap 'rm -rf "$dir"' EXIT
BAZAAR_DATABASE_URL="sqlite://$dir/eval.db" BAZAAR_MEDIA_URL="$dir/media" BAZAAR_RTC_UDP="127.0.0.1:0" \
  BAZAAR_MODEL_DIR="$BAZAAR_MODEL_HOME" RUST_LOG=warn \
  "$BAZAAR_BIN" search-eval --queries "$BAZAAR_ROOT/bench/search_labels.json"
