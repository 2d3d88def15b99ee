#!/usr/bin/env bash
# Meaning, measured (release build, fresh SQLite database):
#  1. `bazaar ai-bench`: generated products up to BENCH_PRODUCTS (100,000), the
#     first BENCH_EMBED (10,000) embedded for real — products per CPU-second
#     and the projection for 100,000 — the rest given derived vectors; then
#     in-process search over all of them (200 distinct queries, each query
#     embedded afresh) with words alone and hybrid, p50/p95; the demo order
#     history and one recommendation's p50/p95; the assistant's offline answer (200
#     messages: questions and follow-ups) p50/p95; RSS.
#  2. The server on that database: each of 1,000 distinct searches asked once
#     (their query vectors are then cached, as shoppers repeat queries), then
#     wrk cycling them, with a session cookie so the page micro-cache never answers;
#     the server's RSS with the model and every vector loaded.
#   BENCH_PRODUCTS  BENCH_EMBED  BENCH_SECONDS (20)  BENCH_CONNECTIONS (64)  BENCH_PORT (3203)
#   BENCH_BUILD=0 uses the last release build as it is
set -euo pipefail
source "$(dirname "$0")/../scripts/env.sh"
source "$(dirname "$0")/../scripts/lib.sh"
cd "$BAZAAR_ROOT"

PRODUCTS="${BENCH_PRODUCTS:-100000}"
EMBED="${BENCH_EMBED:-10000}"
SECONDS_EACH="${BENCH_SECONDS:-20}"
CONNS="${BENCH_CONNECTIONS:-64}"
PORT="${BENCH_PORT:-3203}"

"$BAZAAR_ROOT/scripts/bootstrap"
command -v wrk >/dev/null || { sudo=""; [[ $(id -u) -ne 0 ]] && sudo=sudo; $sudo apt-get install -y -qq wrk >/dev/null; }
[[ "${BENCH_BUILD:-1}" == 0 ]] || build_release

dir="$(mktemp -d /tmp/bazaar-ai-bench.XXXXXX)"
pid=""
trap '[[ -n "$pid" ]] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
export BAZAAR_DATABASE_URL="sqlite://$dir/bench.db" BAZAAR_MEDIA_URL="$dir/media" BAZAAR_ADDR="127.0.0.1:$PORT" \
  BAZAAR_RTC_UDP="127.0.0.1:0" BAZAAR_SITE_ROOT="$BAZAAR_ROOT/target/site" BAZAAR_MODEL_DIR="$BAZAAR_MODEL_HOME" RUST_LOG=warn
"$BAZAAR_BIN" ai-bench --products "$PRODUCTS" --embed "$EMBED"

RUST_LOG="warn,bazaar=info" "$BAZAAR_BIN" serve >"$dir/server.log" 2>&1 &
pid=$!
wait_http "http://127.0.0.1:$PORT/health" 120 || { cat "$dir/server.log"; die "server did not start"; }
for _ in $(seq 1 1200); do grep -q "product embeddings: current" "$dir/server.log" && grep -q "search index ready" "$dir/server.log" && break; sleep 0.5; done
grep -E "semantic search|product embeddings: (read|current)|search index ready" "$dir/server.log" | sed 's/^/server: /'
python3 - >"$dir/queries.txt" <<'PY'
needs = ["something for", "a gift for", "help with", "gentle", "best", "natural", "light", "rich", "calming", "soft"]
things = ["pimples", "dry patches", "my mum", "a wedding", "oily skin", "wrinkles", "red cheeks", "sunburn",
          "a birthday", "tired eyes", "dull skin", "chapped lips", "sensitive skin", "an anniversary", "my desk",
          "a new baby", "dark spots", "large pores", "summer", "winter", "the beach", "a funeral", "a thank you",
          "my sister", "long days", "night time", "cracked hands", "redness", "a dinner table", "spring"]
tails = ["", " please", " vegan", " that smells nice"]
out = []
for t in tails:
    for a in needs:
        for b in things:
            out.append(f"{a} {b}{t}")
for q in out[:1000]:
    print("/api/v1/products?search=" + q.replace(" ", "+").replace("$", "%24"))
PY
base="http://127.0.0.1:$PORT"
# Shoppers repeat queries: each is asked once first (its vector is then cached).
started=$SECONDS
while read -r path; do curl -fsS -o /dev/null -H "Cookie: bench_session=1" "$base$path"; done <"$dir/queries.txt"
printf 'warm-up: %s queries asked once, one at a time, in %ss\n' "$(wc -l <"$dir/queries.txt")" "$((SECONDS - started))"
out="$(BENCH_PATHS="$dir/queries.txt" wrk -t2 -c"$CONNS" -d"${SECONDS_EACH}s" --latency -s "$BAZAAR_ROOT/bench/rotate.lua" "$base/")"
printf '\n%-52s %10s %9s %9s\n' "HTTP (${CONNS} conns, ${SECONDS_EACH}s, fresh)" "req/s" "p50" "p99"
printf '%-52s %10s %9s %9s\n' "/api/v1/products?search={$(wc -l <"$dir/queries.txt") queries in turn}" \
  "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" "$(awk '$1=="50%" {print $2}' <<<"$out")" "$(awk '$1=="99%" {print $2}' <<<"$out")"
awk '/Non-2xx|Socket errors/ {print "  !! " $0}' <<<"$out"
printf 'server RSS (model, %s vectors, index): %s MiB\n' "$PRODUCTS" "$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$pid/status")"
