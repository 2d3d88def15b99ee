#!/usr/bin/env bash
# Live-shopping load on one node (the release build, demo data on SQLite):
#  1. BENCH_VIEWERS WebSocket viewers on one live stream while 10 signed-in
#     senders write one message a second each: delivery latency p50/p99/max
#     (send → every viewer) and the server's peak RSS;
#  2. one WHIP publisher at BENCH_KBPS and, in turn, each count of WHEP
#     viewers in BENCH_WHEP: the share of frames lost.
# The load generator (examples/live_load.rs, str0m and tokio-tungstenite
# clients) runs on the same machine and competes for its cores.
#   BENCH_VIEWERS (10000)  BENCH_SECONDS (30)  BENCH_KBPS (1000)
#   BENCH_WHEP ("10 25 50 100")  BENCH_PORT (3210)  BENCH_BUILD=0: the last release build as it is
set -euo pipefail
source "$(dirname "$0")/../scripts/env.sh"
source "$(dirname "$0")/../scripts/lib.sh"
cd "$BAZAAR_ROOT"

VIEWERS="${BENCH_VIEWERS:-10000}"
SECONDS_RUN="${BENCH_SECONDS:-30}"
KBPS="${BENCH_KBPS:-1000}"
WHEP="${BENCH_WHEP:-10 25 50 100}"
PORT="${BENCH_PORT:-3210}"

"$BAZAAR_ROOT/scripts/bootstrap"
[[ "${BENCH_BUILD:-1}" == 0 ]] || build_release
log "building the load generator"
cargo build -q --example live_load --no-default-features --features ssr
LOAD="$CARGO_TARGET_DIR/debug/examples/live_load"
# Ten thousand sockets a side.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
[[ "$(ulimit -n)" -ge $((VIEWERS + 1000)) ]] || die "need $((VIEWERS + 1000)) open files, have $(ulimit -n)"

dir="$(mktemp -d /tmp/bazaar-live.XXXXXX)"
trap 'kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
BAZAAR_DATABASE_URL="sqlite://$dir/live.db" BAZAAR_ADDR="127.0.0.1:$PORT" BAZAAR_RTC_UDP="127.0.0.1:0" \
  BAZAAR_SITE_ROOT="$BAZAAR_ROOT/target/site" RUST_LOG=warn \
  "$BAZAAR_BIN" serve --demo >"$dir/server.log" 2>&1 &
pid=$!
wait_http "http://127.0.0.1:$PORT/health" 120 || { cat "$dir/server.log"; die "server did not start"; }
base="http://127.0.0.1:$PORT"

log "chat: $VIEWERS WebSocket viewers, 10 senders at 1 message/s, ${SECONDS_RUN}s"
"$LOAD" chat "$base" "$pid" "$VIEWERS" "$SECONDS_RUN"
log "video: WHEP viewers of one ${KBPS} kbit/s stream (${SECONDS_RUN}s each)"
# shellcheck disable=SC2086
"$LOAD" video "$base" "$pid" "$KBPS" "$SECONDS_RUN" $WHEP
