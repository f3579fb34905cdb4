#!/usr/bin/env bash
# Catalog read throughput through HAProxy with the cluster-wide JCache on vs off (off = every read goes
# to the replica through JPA), measured side by side in one run with the same load.
#
#   bench/catalog-cache.sh [duration-seconds=20] [connections=16]
#
# Needs a running stack (server-config/bin/stack up) and wrk (apt-get install wrk).
# Prints throughput, p50 and p99 for both sides and the ratios. Not part of CI's pass/fail.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
DURATION="${1:-20}"
CONNECTIONS="${2:-16}"

echo "catalog GET /api/v1/products/{random of 1000 SKUs} through HAProxy, ${DURATION}s, $CONNECTIONS connections" >&2
switch_cache on
read -r _ c_rps c_p50 c_p99 <<<"$(measure cached "$DURATION" "$CONNECTIONS")"
switch_cache off
read -r _ u_rps u_p50 u_p99 <<<"$(measure uncached "$DURATION" "$CONNECTIONS")"
switch_cache on

awk -v cr="$c_rps" -v ur="$u_rps" -v c50="$c_p50" -v u50="$u_p50" -v c99="$c_p99" -v u99="$u_p99" 'BEGIN {
  printf "ratio cached/uncached: throughput %.2fx   p50 latency %.2fx lower   p99 latency %.2fx lower\n",
         cr / ur, u50 / c50, u99 / c99 }'
