# Shared helpers of the bench/ scripts (sourced). Needs a running stack and wrk.
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STACK="$HERE/../server-config/bin/stack"
PROPS="${SCALESHOP_RUN_DIR:-$HERE/../run}/stack.properties"
[[ -f "$PROPS" ]] || { echo "no $PROPS: run $STACK up" >&2; exit 1; }
prop() { grep -E "^$1=" "$PROPS" | cut -d= -f2-; }
BASE=$(prop scaleshop.base.url)
command -v wrk >/dev/null || { echo "wrk missing: apt-get install wrk" >&2; exit 1; }
curl -fsS -o /dev/null "$BASE/api/v1/products/SKU-000001" || { echo "stack not up: $STACK up" >&2; exit 1; }

psql_on() { # psql_on <port> <sql>: as the application user
  PGPASSWORD=$(prop scaleshop.db.password) psql -qtAX -h 127.0.0.1 -p "$1" \
    -U "$(prop scaleshop.db.user)" -d "$(prop scaleshop.db.name)" -c "$2"
}
psql_primary() { psql_on "$(prop scaleshop.pg.primary.port)" "$1"; }

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

measure() { # measure <label> <seconds> <connections> [wrk options...] -> prints "label rps p50 p99" (and a line on stderr)
  local out rps p50 p99 errors
  wrk -t2 -c"$3" -d5s -s "$HERE/random-sku.lua" "${@:4}" "$BASE" >/dev/null   # warm-up
  out=$(wrk -t2 -c"$3" -d"$2s" --latency -s "$HERE/random-sku.lua" "${@:4}" "$BASE")
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out" | tr '\n' ' ')
  printf '%-12s %10s req/s   p50 %8s   p99 %8s   %s\n' "$1" "$rps" "$p50" "$p99" "${errors:-no errors}" >&2
  echo "$1 $rps $(to_ms "$p50") $(to_ms "$p99")"
}

to_ms() { # wrk prints 1.23ms / 850.00us / 1.02s
  awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/, "", v); print v / 1000 }
                         else if (v ~ /ms$/) { sub(/ms$/, "", v); print v + 0 }
                         else { sub(/s$/, "", v); print v * 1000 } }'
}
