#!/usr/bin/env bash
# What the cluster-wide rate limiter costs per request: the same product GETs (edge cache bypassed, so
# every request reaches Payara and is answered from the catalog caches) with the rate-limit filter on
# (buckets in the Hazelcast grid, taken in leases: a compare-and-swap per lease), on with per-instance buckets
# (scaleshop.ratelimit.store=local, what an instance does alone while the grid is unavailable) and off,
# side by side in one run.
#
#   bench/rate-limit-overhead.sh [duration-seconds=20] [connections=16]
#
# Two scenarios: one hot client (every request through HAProxy comes from the operator's address: a single bucket,
# the worst case for a grid-backed bucket) and many clients (BENCH_CLIENTS addresses, default 10,000,
# sent straight to instance i1 with X-Forwarded-For, one bucket each: the usual case).
#
# Needs a running stack and wrk. Prints throughput, p50 and p99 for both sides and the ratios.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
DURATION="${1:-20}"
CONNECTIONS="${2:-16}"

store_is() { # store_is on|off: "on" = every instance decides with the grid's buckets (gauge at /metrics)
  local port seen
  for url in $(instance_urls); do
    seen=$(curl -fsS "$url/metrics" | awk '/^scaleshop_ratelimit_grid_in_use/ {print $2 + 0}')
    [[ "$1" == on && "$seen" == 1 ]] || [[ "$1" == off && "$seen" == 0 ]] || return 1
  done
}

switch_store() { # switch_store grid|local
  "$STACK" config scaleshop.ratelimit.store "$1" >&2
  for _ in $(seq 15); do
    store_is "$([[ $1 == grid ]] && echo on || echo off)" && { echo "buckets: $1 on every instance" >&2; return; }
    sleep 2
  done
  echo "scaleshop.ratelimit.store did not switch to $1" >&2; exit 1
}

echo "GET /api/v1/products/{random of ${BENCH_SKUS:-1000} SKUs}, Cache-Control: no-cache, ${DURATION}s, $CONNECTIONS connections" >&2
on_exit '"$STACK" config scaleshop.ratelimit.store grid >&2; "$STACK" config scaleshop.ratelimit.enabled true >&2'

ratio() { # ratio <label> <rps> <p50> <p99> <rps'> <p50'> <p99'>
  awk -v l="$1" -v a="$2" -v a50="$3" -v a99="$4" -v b="$5" -v b50="$6" -v b99="$7" 'BEGIN {
    printf "  %-28s throughput %.2fx   p50 latency %.2fx   p99 latency %.2fx\n", l, a / b, a50 / b50, a99 / b99 }'
}

scenario() { # scenario <title>: the three modes with the current BENCH_TARGET / BENCH_SCRIPT
  # limiter off is measured first and last, and the mean is the baseline: the JVMs keep warming up
  # during a run, and a baseline taken only at one end would favour one side
  switch_limiter off
  read -r _ f1_rps f1_p50 f1_p99 <<<"$(measure limiter-off "$DURATION" "$CONNECTIONS" -H 'Cache-Control: no-cache')"
  switch_limiter on
  switch_store grid
  read -r _ on_rps on_p50 on_p99 <<<"$(measure grid-buckets "$DURATION" "$CONNECTIONS" -H 'Cache-Control: no-cache')"
  switch_store local
  read -r _ lo_rps lo_p50 lo_p99 <<<"$(measure local-buckets "$DURATION" "$CONNECTIONS" -H 'Cache-Control: no-cache')"
  switch_store grid
  switch_limiter off
  read -r _ f2_rps f2_p50 f2_p99 <<<"$(measure limiter-off "$DURATION" "$CONNECTIONS" -H 'Cache-Control: no-cache')"
  switch_limiter on
  read -r off_rps off_p50 off_p99 <<<"$(awk -v a="$f1_rps" -v b="$f2_rps" -v c="$f1_p50" -v d="$f2_p50" -v e="$f1_p99" -v f="$f2_p99" \
    'BEGIN { print (a + b) / 2, (c + d) / 2, (e + f) / 2 }')"
  RESULTS+="$1 (limiter off: $f1_rps then $f2_rps req/s)"$'\n'
  RESULTS+="$(ratio "grid buckets / limiter off:" "$on_rps" "$on_p50" "$on_p99" "$off_rps" "$off_p50" "$off_p99")"$'\n'
  RESULTS+="$(ratio "local buckets / limiter off:" "$lo_rps" "$lo_p50" "$lo_p99" "$off_rps" "$off_p50" "$off_p99")"$'\n'
  RESULTS+="$(ratio "grid / local buckets:" "$on_rps" "$on_p50" "$on_p99" "$lo_rps" "$lo_p50" "$lo_p99")"$'\n'
}

RESULTS=""
echo "== one hot client: every request from one address through HAProxy, one bucket" >&2
scenario "one hot client through HAProxy (one bucket):"
echo "== ${BENCH_CLIENTS:-10000} clients: random X-Forwarded-For straight to instance i1, one bucket each" >&2
as_load_balancer "$(first_instance_url)"   # X-Forwarded-For is believed only from HAProxy's address
BENCH_TARGET="$(first_instance_url)" BENCH_SCRIPT=random-client.lua \
  scenario "${BENCH_CLIENTS:-10000} clients on instance i1 (a bucket each):"
printf '%s' "$RESULTS"
