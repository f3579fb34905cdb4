#!/usr/bin/env bash
# Catalog reads and checkouts with latency added between the app hosts and the databases (issue 15), in one run:
# p50, p99 and throughput of a listing page (read from a replica: the catalog cache is off for the run) and of a
# checkout (main primary and a shard) with no proxy,
# through the latency proxy with nothing added, and with 5 ms and 25 ms added to every round trip.
#
# This machine's kernel has no netem, so the latency comes from NetCrusher TCP proxies (bench/latency-proxy): one
# per app host and database server, on 127.0.39.1. An iptables DNAT rule per pair (nat OUTPUT, comment
# scaleshop-bench) sends an instance's new database connections to its proxy, which connects on from the
# instance's own address (pg_hba admits it); the proxy runs as `nobody` and its own connections are exempt from the
# rules (owner match). The instances are restarted so that every connection goes through the proxies, and again
# at the end, after the rules are gone (`stack down` removes rules a killed run left).
#
# Usage: bench/db-latency.sh [seconds per run]        (default 20; needs root, wrk, the stack, and
#        ./mvnw -q -pl bench/latency-proxy package)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
DURATION="${1:-20}"
WARMUP="${BENCH_WARMUP:-5}"
LEVELS=(0 5 25)                      # milliseconds added to each round trip (half of it each way)
PROXY_ADDRESS=127.0.39.1
PROXY_PORT=26001
LIB="$HERE/latency-proxy/target"
[[ -f "$LIB/latency-proxy.jar" ]] || { echo "no $LIB/latency-proxy.jar: ./mvnw -q -pl bench/latency-proxy package" >&2; exit 1; }
[[ $EUID -eq 0 ]] || { echo "needs root (iptables, and to run the proxy as nobody)" >&2; exit 1; }
ASADMIN=("$(prop scaleshop.payara.home)/bin/asadmin" --user "$(prop scaleshop.admin.user)" --passwordfile
         "$(prop scaleshop.admin.password.file)" --host "$(prop scaleshop.admin.host)" --port "$(prop scaleshop.admin.port)")
PG_PORT=$(prop scaleshop.pg.port)
SERVERS=(primary $(prop scaleshop.pg.replicas | tr ',' ' ') $(prop scaleshop.pg.shards | tr ',' ' '))

restart_instances() { # every instance restarted: its pools' connections made anew, following the rules in force
  # (flush-connection-pool acts on the DAS's pools only; a connection made before a rule keeps its path)
  local url
  "${ASADMIN[@]}" restart-deployment-group "$(prop scaleshop.deployment.group)" >/dev/null
  for url in $(instance_urls); do
    for _ in $(seq 180); do curl -fsS "$url/health/ready" 2>/dev/null | grep -q database-primary && break; sleep 1; done
  done
  sleep 5 # HAProxy's checks see them
}

SPECS=() RULES=() port=$PROXY_PORT
for instance in $(prop scaleshop.instances | tr ',' ' '); do
  address=$(prop "scaleshop.instance.$instance.address")
  for server in "${SERVERS[@]}"; do
    host=$(prop "scaleshop.pg.$server.host")
    SPECS+=("$PROXY_ADDRESS:$port=$address>$host:$PG_PORT")
    RULES+=("OUTPUT -o lo -p tcp -s $address -d $host --dport $PG_PORT -m owner ! --uid-owner nobody
             -m comment --comment scaleshop-bench -j DNAT --to-destination $PROXY_ADDRESS:$port")
    port=$((port + 1))
  done
done

rules_off() {
  local rule
  for rule in "${RULES[@]}"; do
    # shellcheck disable=SC2086
    iptables -w -t nat -D $rule 2>/dev/null || true
  done
}

replica_transactions() { # transactions the replicas committed so far (the operator's own connections are not proxied)
  local server
  for server in $(prop scaleshop.pg.replicas | tr ',' ' '); do
    psql_on "$server" "SELECT sum(xact_commit + xact_rollback) FROM pg_stat_database"
  done | awk '{ s += $1 } END { print s + 0 }'
}

declare -A ROW
measure() { # measure <label>: the listing and the checkout, each after a warm-up
  local label="$1" out x0 x1
  wrk -t1 -c8 -d"${WARMUP}s" -s "$HERE/listing.lua" -H 'Cache-Control: no-cache' "$BASE" >/dev/null
  x0=$(replica_transactions)
  out=$(wrk -t1 -c8 -d"${DURATION}s" --latency -s "$HERE/listing.lua" -H 'Cache-Control: no-cache' "$BASE")
  x1=$(replica_transactions)
  ROW[$label/listing]="$(ok_rps "$out") $(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")") $(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")"
  # every listing reads a replica: a run whose replica transactions fall short of its requests did not measure them
  echo "$label: listing requests $(awk '/requests in/ { print $1 }' <<<"$out"), replica transactions meanwhile $((x1 - x0))" >&2
  restock
  BENCH_TOKENS="$TOKENS" wrk -t1 -c4 -d"${WARMUP}s" -s "$HERE/checkout.lua" "$BASE" >/dev/null
  out=$(BENCH_TOKENS="$TOKENS" wrk -t1 -c4 -d"${DURATION}s" --latency -s "$HERE/checkout.lua" "$BASE")
  ROW[$label/checkout]="$(ok_rps "$out") $(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")") $(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")"
  echo "$label: listing ${ROW[$label/listing]}, checkout ${ROW[$label/checkout]} (req/s p50 p99)" >&2
}

TOKENS=$(mktemp)
on_exit 'rm -f "$TOKENS"'
register_customers 16 "$TOKENS"
# the listing is a catalog read from a replica, not from the cluster's cache of recent searches
switch_cache off
on_exit 'switch_cache on'

echo "== no proxy" >&2
measure direct

PROXY_LOG=$(mktemp)
on_exit 'rm -f "$PROXY_LOG"'
chmod 666 "$PROXY_LOG"
coproc PROXY { setpriv --reuid=nobody --regid=nogroup --clear-groups \
  java -cp "$LIB/latency-proxy.jar:$LIB/lib/*" dev.scaleshop.bench.LatencyProxy "${SPECS[@]}" 2>>"$PROXY_LOG"; }
PROXY_OUT=${PROXY[0]} PROXY_IN=${PROXY[1]}
on_exit 'rules_off; restart_instances; kill "$PROXY_PID" 2>/dev/null || true'
read -r -t 30 line <&"$PROXY_OUT" && [[ "$line" == ready ]] \
  || { echo "latency proxy did not start: $line $(cat "$PROXY_LOG")" >&2; exit 1; }
for rule in "${RULES[@]}"; do
  # shellcheck disable=SC2086
  iptables -w -t nat -A $rule
done
restart_instances
echo "== JVM warm-up after the restart: ${BENCH_JVM_WARMUP:-60}s of listings and checkouts through the proxies, unmeasured" >&2
wrk -t1 -c8 -d"$(( ${BENCH_JVM_WARMUP:-60} / 2 ))s" -s "$HERE/listing.lua" -H 'Cache-Control: no-cache' "$BASE" >/dev/null
BENCH_TOKENS="$TOKENS" wrk -t1 -c4 -d"$(( ${BENCH_JVM_WARMUP:-60} / 2 ))s" -s "$HERE/checkout.lua" "$BASE" >/dev/null
echo "${#SPECS[@]} latency proxies on $PROXY_ADDRESS, every database connection of the instances through them" >&2

for level in "${LEVELS[@]}"; do
  echo "delay $((level * 1000 / 2))" >&"$PROXY_IN"
  read -r -t 10 line <&"$PROXY_OUT" && [[ "$line" == ok ]] || { echo "latency proxy did not take the delay: $line" >&2; exit 1; }
  echo "== +$level ms per database round trip" >&2
  measure "+$level"
done

field() { awk -v i="$2" '{ print $i }' <<<"${ROW[$1]}"; }
echo
echo "Database latency ($(prop scaleshop.instances | tr ',' ' ') to ${SERVERS[*]}; ${DURATION}s per run, wrk -t1; listing -c8, checkout -c4)"
printf '  %-34s %9s %9s %9s   %9s %9s %9s\n' "" "listing" "p50 ms" "p99 ms" "checkout" "p50 ms" "p99 ms"
for label in direct "${LEVELS[@]/#/+}"; do
  printf '  %-34s %7s/s %9s %9s   %7s/s %9s %9s\n' \
    "$([[ $label == direct ]] && echo "no proxy" || echo "through the proxies, $label ms")" \
    "$(field "$label/listing" 1)" "$(field "$label/listing" 2)" "$(field "$label/listing" 3)" \
    "$(field "$label/checkout" 1)" "$(field "$label/checkout" 2)" "$(field "$label/checkout" 3)"
done
for level in "${LEVELS[@]:1}"; do
  awk -v l="$level" -v a="$(field "+$level/listing" 2)" -v b="$(field "+0/listing" 2)" -v c="$(field "+$level/checkout" 2)" \
      -v d="$(field "+0/checkout" 2)" -v e="$(field "+$level/checkout" 1)" -v f="$(field "+0/checkout" 1)" \
      'BEGIN { printf "  +%s ms against +0: listing p50 %.2fx, checkout p50 %.2fx, checkout throughput %.2fx\n", l,
               (b > 0 ? a / b : 0), (d > 0 ? c / d : 0), (f > 0 ? e / f : 0) }'
done
