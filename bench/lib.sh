# Shared helpers of the bench/ scripts (sourced). Needs a running stack and wrk.
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STACK="$HERE/../server-config/bin/stack"
PROPS="${SCALESHOP_RUN_DIR:-$HERE/../run}/stack.properties"
[[ -f "$PROPS" ]] || { echo "no $PROPS: run $STACK up" >&2; exit 1; }
prop() { grep -E "^$1=" "$PROPS" | cut -d= -f2-; }
BASE=$(prop scaleshop.base.url)
command -v wrk >/dev/null || { echo "wrk missing: apt-get install wrk" >&2; exit 1; }
curl -fsS -o /dev/null "$BASE/api/v1/products/SKU-000001" || { echo "stack not up: $STACK up" >&2; exit 1; }

EXIT_HOOKS=()
on_exit() { # on_exit <command>: run when the script ends, after the hooks added before it (one EXIT trap for all)
  EXIT_HOOKS=("$1" "${EXIT_HOOKS[@]}")
  trap 'for hook in "${EXIT_HOOKS[@]}"; do eval "$hook"; done' EXIT
}
# the stack runs with production rate limits and every benchmark client is one address behind HAProxy: lifted
# for the run (the anonymous and job policies, the edge ceiling), put back at the end
"$STACK" limits raised >&2
on_exit '"$STACK" limits configured >&2'

psql_on() { # psql_on <server> <sql> [database]: as the application user; server = primary, replica1, shard0, ...
  PGPASSWORD=$(prop scaleshop.db.password) psql -qtAX -h "$(prop "scaleshop.pg.$1.host")" -p "$(prop scaleshop.pg.port)" \
    -U "$(prop scaleshop.db.user)" -d "${3:-$(prop scaleshop.db.name)}" -c "$2"
}
psql_primary() { psql_on primary "$1"; }

restock() { # the checkout benchmarks' 1,000 products sell out after a few runs: refusals would stand in for checkouts
  # (straight in the database, as a warehouse feed would; product pages may show the old count for a minute)
  psql_primary "UPDATE product SET stock = 100000 WHERE sku BETWEEN 'SKU-000001' AND 'SKU-001000' AND stock < 50000" >/dev/null
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

switch_config() { # switch_config <key> <on|off> <check-function>: set key true/false, wait until <check> on|off holds
  "$STACK" config "$1" "$([[ $2 == on ]] && echo true || echo false)" >&2
  for _ in $(seq 15); do
    "$3" "$2" && { echo "$1 verified $2 on every instance" >&2; return; }
    sleep 2
  done
  echo "$1 did not switch $2: results would be meaningless" >&2; exit 1
}

switch_cache() { switch_config scaleshop.catalog.cache.enabled "$1" cache_is; }

instance_urls() { local i; for i in $(prop scaleshop.instances | tr ',' ' '); do prop "scaleshop.instance.$i.url"; done; }
# not `instance_urls | head -1`: under pipefail the loop's second write can die of SIGPIPE and end the script
first_instance_url() { prop "scaleshop.instance.$(prop scaleshop.instances | cut -d, -f1).url"; }
instance_pid_files() { local i; for i in $(prop scaleshop.instances | tr ',' ' '); do echo "$(prop "scaleshop.instance.$i.dir")/config/pid"; done; }

as_load_balancer() { # as_load_balancer <instance url>: this machine's connections to it leave from HAProxy's address
  # The instances believe X-Forwarded-For only from the load balancer (scaleshop.http.trusted-proxies): a load of
  # many client addresses sent straight to an instance (random-client.lua) needs its connections to come from
  # there. wrk cannot choose its source address; an iptables SNAT rule for the run does it (removed at exit).
  local hostport="${1#http://}" rule
  [[ $EUID -eq 0 ]] || { echo "as_load_balancer: needs root (iptables)" >&2; exit 1; }
  rule="POSTROUTING -o lo -p tcp -d ${hostport%:*} --dport ${hostport##*:} -m comment --comment scaleshop-bench"
  rule+=" -j SNAT --to-source $(prop scaleshop.haproxy.address)"   # (stack down removes one a killed run left)
  # shellcheck disable=SC2086
  iptables -w -t nat -C $rule 2>/dev/null || iptables -w -t nat -A $rule
  on_exit "iptables -w -t nat -D $rule 2>/dev/null || true"
  client_addresses_believed "$1" || { echo "as_load_balancer: $1 still does not believe X-Forwarded-For" >&2; exit 1; }
  echo "connections to $1 leave from HAProxy's address for the run: 30 made-up X-Forwarded-For addresses were 30 clients" >&2
}

client_addresses_believed() { # client_addresses_believed <instance url>: 30 made-up addresses are 30 clients
  # (the rate limiter, on, takes a grid lease for each client it has not seen: its counter moves by 30, not by 1)
  local g0 g1 i
  g0=$(grid_decisions_of "$1")
  for i in $(seq 30); do
    curl -fsS -o /dev/null -H "X-Forwarded-For: 10.250.$((RANDOM % 250)).$i" "$1/api/v1/products/SKU-000001"
  done
  g1=$(grid_decisions_of "$1")
  ((g1 - g0 >= 30))
}

grid_decisions_of() { # grid_decisions_of <instance url>: requests its rate limiter decided with a grid call
  curl -fsS "$1/metrics" | awk '/^scaleshop_ratelimit_grid_decisions_total/ { s += $2 } END { print s + 0 }'
}

limiter_is() { # limiter_is on|off: both instances answer accordingly (RateLimit header present or not)
  local url seen
  for url in $(instance_urls); do
    seen=$(curl -fsS -D - -o /dev/null "$url/api/v1/products/SKU-000001" | grep -ci '^ratelimit:' || true)
    [[ "$1" == on && "$seen" == 1 ]] || [[ "$1" == off && "$seen" == 0 ]] || return 1
  done
}

switch_limiter() { switch_config scaleshop.ratelimit.enabled "$1" limiter_is; }


edge_cache_counters() { # "lookups hits" of HAProxy's edge cache (backend payara, stats CSV columns by name)
  curl -fsS "$(prop scaleshop.haproxy.stats.url)" | awk -F, '
    NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    $1 == "payara" && $2 == "BACKEND" { print $col["cache_lookups"] + 0, $col["cache_hits"] + 0 }'
}

measure() { # measure <label> <seconds> <connections> [wrk options...] -> prints "label rps p50 p99" (and a line on stderr)
  # BENCH_TARGET (default: HAProxy) and BENCH_SCRIPT (default: random-sku.lua) choose where and what
  local out rps p50 p99 errors l0 h0 l1 h1 hits target="${BENCH_TARGET:-$BASE}" script="$HERE/${BENCH_SCRIPT:-random-sku.lua}"
  wrk -t2 -c"$3" -d"${BENCH_WARMUP:-10}s" -s "$script" "${@:4}" "$target" >/dev/null   # warm-up
  read -r l0 h0 <<<"$(edge_cache_counters)"
  out=$(wrk -t2 -c"$3" -d"$2s" --latency -s "$script" "${@:4}" "$target")
  read -r l1 h1 <<<"$(edge_cache_counters)"
  hits=$(awk -v r="$(awk '/^Requests\/sec/ {print $2}' <<<"$out")" -v d="$2" -v h="$((h1 - h0))" \
    'BEGIN { printf "%.0f%%", (r * d > 0 ? 100 * h / (r * d) : 0) }')
  rps=$(ok_rps "$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out" | tr '\n' ' ')
  printf '%-12s %10s req/s   p50 %8s   p99 %8s   edge hits %5s   %s\n' "$1" "$rps" "$p50" "$p99" "$hits" "${errors:-no errors}" >&2
  echo "$1 $rps $(to_ms "$p50") $(to_ms "$p99")"
}

ok_rps() { # ok_rps <wrk output>: answered requests per second that were 2xx/3xx (wrk counts the others too)
  awk '/requests in/ { n = $1; d = $(NF - 2); sub(/,$/, "", d); s = d + 0
                       if (d ~ /ms$/) s /= 1000; else if (d ~ /m$/) s *= 60 }
       /Non-2xx or 3xx responses:/ { bad = $NF }
       END { printf "%.2f", (s > 0 ? (n - bad) / s : 0) }' <<<"$1"
}

to_ms() { # wrk prints 1.23ms / 850.00us / 1.02s
  awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/, "", v); print v / 1000 }
                         else if (v ~ /ms$/) { sub(/ms$/, "", v); print v + 0 }
                         else { sub(/s$/, "", v); print v * 1000 } }'
}

register_customers() { # register_customers <count> <file>: new customers, one access token per line of <file>
  local i email
  echo "registering $1 customers..." >&2
  for i in $(seq "$1"); do
    email="bench-$i-$(date +%s%N)@example.test"
    curl -fsS -o /dev/null -H 'Content-Type: application/json' "$BASE/api/v1/customers" -d "{\"email\":\"$email\",
      \"password\":\"Correct horse battery 9\",\"name\":\"Bench\",\"address\":{\"line1\":\"1 Main St\",\"city\":\"Springfield\",
      \"postalCode\":\"12345\",\"country\":\"US\"}}"
    curl -fsS -H 'Content-Type: application/json' "$BASE/api/v1/auth/token" \
      -d "{\"grant_type\":\"password\",\"email\":\"$email\",\"password\":\"Correct horse battery 9\"}" \
      | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])' >>"$2"
  done
}
