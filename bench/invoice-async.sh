#!/usr/bin/env bash
# What the job queue saves the client: checkout latency (p50/p99) and throughput with the invoice PDF
# rendered asynchronously by the invoice worker (production) vs rendered inline in the checkout request
# (scaleshop.invoice.render-inline=true, the baseline), measured side by side in one run: async, inline,
# async again. The PDF is the same either way (the worker finds an inline-rendered invoice and stops).
# usage: bench/invoice-async.sh [seconds=20] [connections=2] [customers=32]
# (few connections: the latency of one checkout, not of a queue in front of saturated app servers)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
SECONDS_PER_RUN=${1:-20}; CONNECTIONS=${2:-2}; CUSTOMERS=${3:-32}
export BENCH_SKUS=${BENCH_SKUS:-1000} BENCH_TOKENS; BENCH_TOKENS=$(mktemp)
on_exit 'rm -f "$BENCH_TOKENS"; "$STACK" config scaleshop.invoice.render-inline false >/dev/null'
psql_primary "UPDATE product SET stock = 100000000 WHERE sku <= 'SKU-$(printf %06d "$BENCH_SKUS")'"
register_customers "$CUSTOMERS" "$BENCH_TOKENS"
export BENCH_SCRIPT=checkout.lua BENCH_WARMUP=5

inline() { # switch and wait until the config cache (5 s) has it on every instance
  "$STACK" config scaleshop.invoice.render-inline "$1" >&2
  sleep 7
}
inline false; BENCH_WARMUP=30 measure warm-up "$SECONDS_PER_RUN" "$CONNECTIONS" >/dev/null  # JIT after a (re)deploy
read -r _ rps_a1 p50_a1 p99_a1 <<<"$(measure async "$SECONDS_PER_RUN" "$CONNECTIONS")"
inline true;  read -r _ rps_i p50_i p99_i <<<"$(measure inline "$SECONDS_PER_RUN" "$CONNECTIONS")"
inline false; read -r _ rps_a2 p50_a2 p99_a2 <<<"$(measure async "$SECONDS_PER_RUN" "$CONNECTIONS")"

awk -v r1="$rps_a1" -v r2="$rps_a2" -v ri="$rps_i" -v a50="$p50_a1" -v b50="$p50_a2" -v i50="$p50_i" \
    -v a99="$p99_a1" -v b99="$p99_a2" -v i99="$p99_i" 'BEGIN {
  p50 = (a50 + b50) / 2; p99 = (a99 + b99) / 2; rps = (r1 + r2) / 2
  printf "checkout, invoice PDF async (mean of first and last run) vs inline in the request:\n"
  printf "  p50 %.1f ms vs %.1f ms  -> inline/async %.2fx\n", p50, i50, i50 / p50
  printf "  p99 %.1f ms vs %.1f ms  -> inline/async %.2fx\n", p99, i99, i99 / p99
  printf "  throughput %.1f vs %.1f req/s -> async/inline %.2fx\n", rps, ri, rps / ri
}'
