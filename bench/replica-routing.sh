#!/usr/bin/env bash
# Catalog reads with replica routing vs all reads on the primary, while pgbench drives a steady write
# load on the primary. The JCache is switched off for both sides so every read reaches PostgreSQL.
# Reports read throughput/latency and the CPU the primary's processes burned during each side.
#
#   bench/replica-routing.sh [duration-seconds=20] [connections=16] [writes-per-second=200]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
DURATION="${1:-20}"
BENCH_WARMUP="${BENCH_WARMUP:-5}"   # wrk warm-up inside the write window (lib.sh measure)
CONNECTIONS="${2:-16}"
WRITE_RATE="${3:-200}"
PRIMARY_DATA="$(prop scaleshop.pg.dir)/primary"

primary_cpu_ticks() { # utime + stime of the primary's postmaster and all its children, in clock ticks
  local postmaster; postmaster=$(head -1 "$PRIMARY_DATA/postmaster.pid")
  for pid in "$postmaster" $(pgrep -P "$postmaster"); do
    awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || true
  done | awk '{s += $1} END {print s + 0}'
}

replica_tuples_read() { # summed over every replica
  local replica total=0
  for replica in $(prop scaleshop.pg.replicas | tr ',' ' '); do
    total=$((total + $(psql_on "$replica" "SELECT sum(tup_returned + tup_fetched) FROM pg_stat_database")))
  done
  echo "$total"
}

side() { # side <label> <routing true|false> -> "label rps p50 p99 cpu-seconds"
  "$STACK" config scaleshop.catalog.replica.enabled "$2" >&2
  sleep 7
  local before_cpu after_cpu before_replica after_replica result
  PGPASSWORD=$(prop scaleshop.db.password) pgbench -n -h "$(prop scaleshop.pg.primary.host)" -p "$(prop scaleshop.pg.port)" -U "$(prop scaleshop.db.user)" \
    -c 2 -R "$WRITE_RATE" -T $((DURATION + BENCH_WARMUP + 1)) -f "$HERE/write-load.sql" "$(prop scaleshop.db.name)" >/dev/null 2>&1 &
  local pgbench_pid=$!
  before_replica=$(replica_tuples_read)
  before_cpu=$(primary_cpu_ticks)
  result=$(measure "$1" "$DURATION" "$CONNECTIONS")
  after_cpu=$(primary_cpu_ticks)
  after_replica=$(replica_tuples_read)
  wait "$pgbench_pid" || true
  local cpu; cpu=$(awk -v a="$before_cpu" -v b="$after_cpu" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", (b - a) / hz}')
  echo "  $1: primary CPU ${cpu} s during ${DURATION}+${BENCH_WARMUP} s of reads; replicas returned $((after_replica - before_replica)) tuples" >&2
  echo "$result $cpu"
}

echo "reads: GET /api/v1/products/{random of 1000 SKUs}, ${DURATION}s, $CONNECTIONS connections, cache off;" \
     "writes: pgbench ${WRITE_RATE}/s on the primary" >&2
switch_cache off
read -r _ r_rps r_p50 r_p99 r_cpu <<<"$(side replica true)"
read -r _ p_rps p_p50 p_p99 p_cpu <<<"$(side primary false)"
"$STACK" config scaleshop.catalog.replica.enabled true >&2
switch_cache on

awk -v rr="$r_rps" -v pr="$p_rps" -v r50="$r_p50" -v p50="$p_p50" -v r99="$r_p99" -v p99="$p_p99" \
    -v rc="$r_cpu" -v pc="$p_cpu" 'BEGIN {
  printf "ratio replica-routed/primary-only: read throughput %.2fx   p50 %.2fx lower   p99 %.2fx lower   primary CPU %.2fx less\n",
         rr / pr, p50 / r50, p99 / r99, (rc > 0 ? pc / rc : 0) }'
