#!/usr/bin/env bash
# What the cluster-wide rate limiter costs per request: the same product GETs (edge cache bypassed, so
# every request reaches Payara and is answered from the JCache) with the rate-limit filter on vs off,
# side by side in one run. With it on, each request also does one compare-and-swap on the Hazelcast grid.
#
#   bench/rate-limit-overhead.sh [duration-seconds=20] [connections=16]
#
# Needs a running stack and wrk. Prints throughput, p50 and p99 for both sides and the ratios.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
DURATION="${1:-20}"
CONNECTIONS="${2:-16}"

limiter_is() { # limiter_is on|off: both instances answer accordingly (RateLimit header present or not)
  local port seen
  for port in $(prop scaleshop.instances | tr ',' '\n' | cut -d: -f2); do
    seen=$(curl -fsS -D - -o /dev/null "http://127.0.0.1:$port/api/v1/products/SKU-000001" | grep -ci '^ratelimit:' || true)
    [[ "$1" == on && "$seen" == 1 ]] || [[ "$1" == off && "$seen" == 0 ]] || return 1
  done
}

switch_limiter() { switch_config scaleshop.ratelimit.enabled "$1" limiter_is; }

echo "GET /api/v1/products/{random of ${BENCH_SKUS:-1000} SKUs}, Cache-Control: no-cache, ${DURATION}s, $CONNECTIONS connections" >&2
switch_limiter on
read -r _ on_rps on_p50 on_p99 <<<"$(measure limiter-on "$DURATION" "$CONNECTIONS" -H 'Cache-Control: no-cache')"
switch_limiter off
read -r _ off_rps off_p50 off_p99 <<<"$(measure limiter-off "$DURATION" "$CONNECTIONS" -H 'Cache-Control: no-cache')"
switch_limiter on

awk -v a="$on_rps" -v b="$off_rps" -v a50="$on_p50" -v b50="$off_p50" -v a99="$on_p99" -v b99="$off_p99" 'BEGIN {
  printf "ratio limiter on/off: throughput %.2fx   p50 latency %.2fx   p99 latency %.2fx\n", a / b, a50 / b50, a99 / b99 }'
