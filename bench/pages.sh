#!/usr/bin/env bash
# Page weight and Lighthouse (mobile preset, simulated throttling) on the
# release build with the demo shop: `/`, `/products` and a product page.
# Prints performance and accessibility scores, LCP, TBT, bytes transferred
# and the JS + wasm bytes each page loads; then the bundle sizes from disk.
#   BENCH_PORT (3210)  BENCH_BUILD=0 to reuse the last release build
set -euo pipefail
source "$(dirname "$0")/../scripts/env.sh"
source "$(dirname "$0")/../scripts/lib.sh"
cd "$BAZAAR_ROOT"

PORT="${BENCH_PORT:-3210}"
LH_DIR="$BAZAAR_TOOLS/lighthouse"
LIGHTHOUSE_VERSION=12.8.2

"$BAZAAR_ROOT/scripts/bootstrap" --test
if [[ "$("$LH_DIR/node_modules/.bin/lighthouse" --version 2>/dev/null)" != "$LIGHTHOUSE_VERSION" ]]; then
  log "npm install lighthouse $LIGHTHOUSE_VERSION"
  mkdir -p "$LH_DIR"
  [[ -f "$LH_DIR/package.json" ]] || echo '{"private":true}' >"$LH_DIR/package.json"
  (cd "$LH_DIR" && npm install --silent --no-audit --no-fund "lighthouse@$LIGHTHOUSE_VERSION")
fi
[[ "${BENCH_BUILD:-1}" == 0 ]] || build_release

dir="$(mktemp -d /tmp/bazaar-pages.XXXXXX)"
trap 'kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
BAZAAR_DATABASE_URL="sqlite://$dir/pages.db" BAZAAR_ADDR="127.0.0.1:$PORT" BAZAAR_RTC_UDP="127.0.0.1:0" \
  BAZAAR_SITE_ROOT="$BAZAAR_ROOT/target/site" RUST_LOG=warn "$BAZAAR_BIN" serve --demo >"$dir/server.log" 2>&1 &
pid=$!
base="http://127.0.0.1:$PORT"
wait_http "$base/health" 60 || { cat "$dir/server.log"; die "server did not start"; }
slug="$(curl -fsS "$base/api/v1/products?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"][0]["slug"])')"

export CHROME_PATH=/usr/bin/chromium
printf '%-22s %5s %5s %8s %7s %9s %9s\n' page perf a11y LCP TBT bytes "js+wasm"
for path in / /products "/products/$slug"; do
  out="$dir/report.json"
  "$LH_DIR/node_modules/.bin/lighthouse" "$base$path" --quiet --output=json --output-path="$out" \
    --only-categories=performance,accessibility --form-factor=mobile \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --disable-component-update --disable-sync --no-first-run" \
    >/dev/null 2>"$dir/lh.log" || { tail -20 "$dir/lh.log"; die "lighthouse failed on $path"; }
  python3 - "$out" "$path" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); a = r["audits"]
items = a["network-requests"]["details"]["items"]
total = sum(i.get("transferSize", 0) for i in items)
code = sum(i.get("transferSize", 0) for i in items if i["url"].endswith((".js", ".wasm")))
print(f'{sys.argv[2][:22]:<22} {round(r["categories"]["performance"]["score"]*100):>5} '
      f'{round(r["categories"]["accessibility"]["score"]*100):>5} '
      f'{a["largest-contentful-paint"]["numericValue"]/1000:>7.2f}s {a["total-blocking-time"]["numericValue"]:>5.0f}ms '
      f'{total/1024:>7.0f}KB {code/1024:>7.0f}KB')
fails = [k for k, v in a.items() if v.get("score") == 0 and k in
         [x["id"] for x in r["categories"]["accessibility"]["auditRefs"]]]
if fails: print("   accessibility failures:", ", ".join(fails))
PY
done

pkg="$BAZAAR_ROOT/target/site/pkg"
for f in "$pkg/bazaar.wasm" "$pkg/bazaar.js"; do
  printf '%-12s raw %7s B   brotli %7s B\n' "$(basename "$f")" "$(stat -c %s "$f")" "$(brotli -c -q 11 "$f" | wc -c)"
done
