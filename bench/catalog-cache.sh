#!/usr/bin/env bash
# Catalog read throughput through HAProxy with the cluster-wide JCache on vs off (off = every read goes
# to the replica through JPA), measured side by side in one run with the same load.
#
#   bench/catalog-cache.sh [duration-seconds=20] [connections=16]
#
# Needs a running stack (server-config/bin/stack up) and wrk (apt-get install wrk).
# Prints throughput, p50 and p99 for both sides and the ratios. Not part of CI's pass/fail.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
STACK="$HERE/../server-config/bin/stack"
DURATION="${1:-20}"
CONNECTIONS="${2:-16}"
PROPS="${SCALESHOP_RUN_DIR:-$HERE/../run}/stack.properties"
prop() { grep -E "^$1=" "$PROPS" | cut -d= -f2-; }
BASE=$(prop scaleshop.base.url)
command -v wrk >/dev/null || { echo "wrk missing: apt-get install wrk" >&2; exit 1; }
curl -fsS -o /dev/null "$BASE/api/v1/products/SKU-000001" || { echo "stack not up: $STACK up" >&2; exit 1; }

psql_primary() {
  PGPASSWORD=$(prop scaleshop.db.password) psql -qtAX -h 127.0.0.1 -p "$(prop scaleshop.pg.primary.port)" \
    -U "$(prop scaleshop.db.user)" -d "$(prop scaleshop.db.name)" -c "$1"
}

cache_is() { # cache_is on|off: proves the mode through both instances with a change made behind the cache's back
  local probe=SKU-012000 seen expected
  for _ in 1 2 3 4; do curl -fsS -o /dev/null "$BASE/api/v1/products/$probe"; done
  psql_primary "UPDATE product SET name = 'bench-probe' WHERE sku = '$probe'"
  sleep 1
  seen=$(for _ in 1 2 3 4; do curl -fsS "$BASE/api/v1/products/$probe"; echo; done | grep -c '"name":"bench-probe"' || true)
  psql_primary "UPDATE product SET name = 'Product 12000' WHERE sku = '$probe'"
  [[ "$1" == on ]] && expected=0 || expected=4
  [[ "$seen" == "$expected" ]]
}

switch_cache() { # switch_cache on|off, and wait until both instances behave accordingly
  "$STACK" config scaleshop.catalog.cache.enabled "$([[ $1 == on ]] && echo true || echo false)" >&2
  for _ in $(seq 15); do
    cache_is "$1" && { echo "cache verified $1 on every instance" >&2; return; }
    sleep 2
  done
  echo "the cache did not switch $1: results would be meaningless" >&2; exit 1
}

run() { # run <label> -> prints "label rps p50 p99"
  local out
  wrk -t2 -c"$CONNECTIONS" -d5s -s "$HERE/random-sku.lua" "$BASE" >/dev/null   # warm-up (fills the cache)
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$HERE/random-sku.lua" "$BASE")
  local rps p50 p99 errors
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out" | tr '\n' ' ')
  printf '%-10s %10s req/s   p50 %8s   p99 %8s   %s\n' "$1" "$rps" "$p50" "$p99" "${errors:-no errors}" >&2
  echo "$1 $rps $p50 $p99"
}

to_ms() { # wrk prints 1.23ms / 850.00us / 1.02s
  awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/, "", v); print v / 1000 }
                         else if (v ~ /ms$/) { sub(/ms$/, "", v); print v + 0 }
                         else { sub(/s$/, "", v); print v * 1000 } }'
}

echo "catalog GET /api/v1/products/{random of 1000 SKUs} through HAProxy, ${DURATION}s, $CONNECTIONS connections" >&2
switch_cache on
cached=$(run cached)
switch_cache off
uncached=$(run uncached)
switch_cache on

read -r _ c_rps c_p50 c_p99 <<<"$cached"
read -r _ u_rps u_p50 u_p99 <<<"$uncached"
awk -v cr="$c_rps" -v ur="$u_rps" -v c50="$(to_ms "$c_p50")" -v u50="$(to_ms "$u_p50")" \
    -v c99="$(to_ms "$c_p99")" -v u99="$(to_ms "$u_p99")" 'BEGIN {
  printf "ratio cached/uncached: throughput %.2fx   p50 latency %.2fx lower   p99 latency %.2fx lower\n",
         cr / ur, u50 / c50, u99 / c99 }'
