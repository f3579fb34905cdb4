#!/usr/bin/env bash
# Orders on shards, measured side by side in one run on the running stack:
#  1. checkout throughput with the customers' buckets on 2 shards vs all on 1 shard (moved there online
#     with the stack's own move-buckets, then back), 2 shards measured first and last, with the CPU
#     seconds each component used during the runs (where the bottleneck is);
#  2. the write pause clients see while one bucket moves under checkout load: the move's fence and the
#     slowest checkout, next to the slowest checkout of the same load without a move.
# usage: bench/sharding.sh [seconds=20] [connections=16] [customers=64]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
SECONDS_PER_RUN=${1:-20}; CONNECTIONS=${2:-16}; CUSTOMERS=${3:-64}
export BENCH_SKUS=${BENCH_SKUS:-1000} BENCH_TOKENS; BENCH_TOKENS=$(mktemp)
on_exit 'rm -f "$BENCH_TOKENS"'
psql_primary "UPDATE product SET stock = 100000000 WHERE sku <= 'SKU-$(printf %06d "$BENCH_SKUS")'"

# where the time goes: CPU seconds of each component (the process and its live children) during a run
component_pids() { "$STACK" status | awk '$2 == "running" && $1 !~ /das|artemis|replica/ { print $1 "=" $4 }'; }
cpu_of() {
  local total=0 p
  for p in $1 $(pgrep -P "$1" || true); do
    total=$(awk -v t="$total" '{ print t + ($14 + $15) / 100 }' "/proc/$p/stat" 2>/dev/null || echo "$total")
  done
  echo "$total"
}
cpu_snapshot() { local c; for c in $(component_pids); do echo "${c%%=*} $(cpu_of "${c#*=}")"; done; }
cpu_report() { # cpu_report <label> <before> <after>
  join <(sort <<<"$2") <(sort <<<"$3") | awk -v l="$1" '{ printf "%s %s %.1fs\n", l, $1, $3 - $2 }' \
    | sort -k3 -t' ' -rn | awk '{ line = line sprintf("%s %s  ", $2, $3) } END { print "  CPU during " $1 ": " line }'
}

register_customers "$CUSTOMERS" "$BENCH_TOKENS"

export BENCH_SCRIPT=checkout.lua BENCH_WARMUP=5
"$STACK" shards >&2
before=$(cpu_snapshot)
read -r _ two_a _ _ <<<"$(measure 2-shards "$SECONDS_PER_RUN" "$CONNECTIONS")"
cpu_two=$(cpu_report 2-shards "$before" "$(cpu_snapshot)")
moved_at=$(date +%s)
"$STACK" move-buckets 512 1023 0 >&2
move_all_seconds=$(( $(date +%s) - moved_at ))
before=$(cpu_snapshot)
read -r _ one _ _ <<<"$(measure 1-shard "$SECONDS_PER_RUN" "$CONNECTIONS")"
cpu_one=$(cpu_report 1-shard "$before" "$(cpu_snapshot)")
"$STACK" move-buckets 512 1023 1 >&2
read -r _ two_b _ _ <<<"$(measure 2-shards "$SECONDS_PER_RUN" "$CONNECTIONS")"

# the write pause: the bucket holding the most orders moves to the other shard while checkouts run
max_latency() { awk '/^    Latency/ {print $4}' <<<"$1"; }
busiest=$(for shard in $(prop scaleshop.pg.shards | tr ',' ' '); do
  PGPASSWORD=$(prop scaleshop.db.password) psql -qtAX -h "$(prop "scaleshop.pg.$shard.host")" -p "$(prop scaleshop.pg.port)" -U "$(prop scaleshop.db.user)" \
    -d "$(prop scaleshop.shard.db.name)" -F ' ' -c "SELECT count(*), bucket FROM customer_order GROUP BY bucket"
done | sort -n | tail -1)
read -r bucket_orders bucket <<<"$busiest"
home=$(psql_primary "SELECT shard FROM shard_map WHERE bucket = $bucket")
calm=$(wrk -t2 -c"$CONNECTIONS" -d10s --latency -s "$HERE/checkout.lua" "$BASE")
wrk -t2 -c"$CONNECTIONS" -d10s --latency -s "$HERE/checkout.lua" "$BASE" >"$BENCH_TOKENS.moving" &
sleep 4
answer=$("$STACK" move-buckets "$bucket" "$bucket" $(( 1 - home )))
wait
moving=$(cat "$BENCH_TOKENS.moving"); rm -f "$BENCH_TOKENS.moving"
"$STACK" move-buckets "$bucket" "$bucket" "$home" >/dev/null

echo
echo "checkout throughput (POST /api/v1/orders through HAProxy, $CONNECTIONS connections, $CUSTOMERS customers):"
awk -v a="$two_a" -v b="$two_b" -v o="$one" -v s="$move_all_seconds" 'BEGIN {
  two = (a + b) / 2
  printf "  2 shards %.0f req/s (first %.0f, last %.0f), 1 shard %.0f req/s: 1 shard / 2 shards = %.2fx\n", two, a, b, o, o / two
  printf "  moving 512 buckets online onto one shard took %d s\n", s }'
echo "$cpu_two"
echo "$cpu_one"
echo "one bucket moved under checkout load (bucket $bucket, $bucket_orders orders):"
echo "  $answer"
echo "  slowest checkout: $(max_latency "$moving") during the move vs $(max_latency "$calm") in the same load without a move"
