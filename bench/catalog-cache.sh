#!/usr/bin/env bash
# Catalog read throughput through HAProxy, measured side by side in one run with the same load:
#   edge+jcache  caching on: anonymous reads answered by the HAProxy micro-cache, misses by the JCache
#   jcache       caching on, edge bypassed (request Cache-Control: no-cache): every read reaches Payara
#                and is answered from the cluster-wide JCache
#   uncached     scaleshop.catalog.cache.enabled=false: no edge copy (s-maxage=0), no JCache; every
#                read is a JPA query on a replica
#
#   bench/catalog-cache.sh [duration-seconds=20] [connections=16]
#   BENCH_SKUS=100 bench/catalog-cache.sh   # a hot set: how many distinct products the load reads (default 1000)
#
# The edge cache's share depends on how often a product is read again within s-maxage (5 s): the
# "edge hits" column is HAProxy's own hit count over the run.
#
# Needs a running stack (server-config/bin/stack up) and wrk (apt-get install wrk).
# Prints throughput, p50 and p99 for each side and the ratios. Not part of CI's pass/fail.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
DURATION="${1:-20}"
CONNECTIONS="${2:-16}"

echo "catalog GET /api/v1/products/{random of ${BENCH_SKUS:-1000} SKUs} through HAProxy, ${DURATION}s, $CONNECTIONS connections" >&2
switch_cache on
read -r _ e_rps e_p50 e_p99 <<<"$(measure edge+jcache "$DURATION" "$CONNECTIONS")"
read -r _ j_rps j_p50 j_p99 <<<"$(measure jcache "$DURATION" "$CONNECTIONS" -H 'Cache-Control: no-cache')"
switch_cache off
read -r _ u_rps u_p50 u_p99 <<<"$(measure uncached "$DURATION" "$CONNECTIONS")"
switch_cache on

ratio() { # ratio <label> <rps> <p50> <p99> against the uncached side
  awk -v l="$1" -v r="$2" -v p50="$3" -v p99="$4" -v ur="$u_rps" -v u50="$u_p50" -v u99="$u_p99" 'BEGIN {
    printf "ratio %-12s / uncached: throughput %6.2fx   p50 latency %6.2fx lower   p99 latency %6.2fx lower\n",
           l, r / ur, u50 / p50, u99 / p99 }'
}
ratio edge+jcache "$e_rps" "$e_p50" "$e_p99"
ratio jcache "$j_rps" "$j_p50" "$j_p99"
