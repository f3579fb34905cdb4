#!/usr/bin/env bash
# Isolation: a well-behaved client's latency while another address floods the API, side by side in one
# run. The victim is a customer reading products with its token through HAProxy at a steady 40
# requests/s (its tier lifted for the run, so it is never limited); the flood comes from 127.0.0.2,
# anonymous, up to FLOOD_RATE requests/s (default 1,000) over 32 keep-alive connections, under the
# production anonymous policy (1200 per minute, set for the run). Both use curl (--interface binds the
# flood's source address; --rate paces each connection), so the phases offer the same load.
#
#   bench/rate-limit-isolation.sh [duration-seconds=20]
#
# Phases: no flood (baseline); flood stopped by the edge tier (HAProxy ceiling = 4 x the anonymous
# rate, as stack.env derives it); flood with the edge ceiling lifted, refused by the application's
# limiter alone. Prints the victim's p50/p99 per phase, the flood's answers, and the ratios against the
# baseline (the issue's bar: victim p99 within 1.5x).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
DURATION="${1:-20}"
FLOOD_RATE="${FLOOD_RATE:-1000}"
FLOOD_CONNECTIONS=32
WORK=$(mktemp -d)

json_field() { sed -E "s/.*\"$1\":\"([^\"]*)\".*/\\1/"; }
api() { curl -fsS -H 'Content-Type: application/json' "$@"; }

admin_token=$(api "$BASE/api/v1/auth/token" -d "{\"grant_type\":\"password\",\"email\":\"$(prop scaleshop.identity.initial.admin.email)\",\"password\":\"$(cat "$(prop scaleshop.identity.initial.admin.password.file)")\"}" | json_field access_token)
victim_email="bench-victim-$(date +%s%N)@example.test"
api "$BASE/api/v1/customers" -o /dev/null -d "{\"email\":\"$victim_email\",\"password\":\"Correct horse battery 9\",\"name\":\"Victim\",\"address\":{\"line1\":\"1 Main St\",\"city\":\"Springfield\",\"postalCode\":\"12345\",\"country\":\"US\"}}"
victim_token=$(api "$BASE/api/v1/auth/token" -d "{\"grant_type\":\"password\",\"email\":\"$victim_email\",\"password\":\"Correct horse battery 9\"}" | json_field access_token)

policy() { # policy <name> <quota> <window> | policy <name> reset
  if [[ "$2" == reset ]]; then api -X DELETE -H "Authorization: Bearer $admin_token" "$BASE/api/v1/admin/rate-limits/$1" -o /dev/null
  else api -X PUT -H "Authorization: Bearer $admin_token" "$BASE/api/v1/admin/rate-limits/$1" -o /dev/null \
    -d "{\"quota\":$2,\"windowSeconds\":$3}"; fi
}
cleanup() {
  [[ ${#FLOOD_PIDS[@]} -gt 0 ]] && kill "${FLOOD_PIDS[@]}" 2>/dev/null || true
  policy anonymous reset; policy free reset
  "$STACK" start haproxy >&2
  rm -rf "$WORK"
}
FLOOD_PIDS=()
on_exit cleanup
policy anonymous 1200 60
policy free 100000000 60
sleep 1

for _ in $(seq $((FLOOD_RATE * (DURATION + 10) / FLOOD_CONNECTIONS))); do
  printf 'url = "%s/api/v1/products/SKU-000001"\noutput = "/dev/null"\n' "$BASE"
done >"$WORK/flood.curl"
for _ in $(seq $((40 * DURATION))); do
  printf 'url = "%s/api/v1/products/SKU-%06d"\noutput = "/dev/null"\n' "$BASE" $((RANDOM % 1000 + 1))
done >"$WORK/victim.curl"

flood_start() { # FLOOD_CONNECTIONS paced curl processes from 127.0.0.2, until killed
  rm -f "$WORK"/flood.codes.*
  FLOOD_PIDS=()
  for i in $(seq "$FLOOD_CONNECTIONS"); do
    curl -s --interface 127.0.0.2 --rate "$((FLOOD_RATE / FLOOD_CONNECTIONS))/s" -H 'Cache-Control: no-cache' \
      -w '%{http_code} %header{ratelimit-policy}\n' --config "$WORK/flood.curl" >"$WORK/flood.codes.$i" 2>/dev/null &
    FLOOD_PIDS+=($!)
  done
  sleep 3
}
flood_stop() {
  kill "${FLOOD_PIDS[@]}" 2>/dev/null || true; wait 2>/dev/null || true; FLOOD_PIDS=()
  local f
  for f in "$WORK"/flood.codes.*; do # a curl killed mid-line leaves a fragment: counted as no answer
    [[ -s "$f" && "$(tail -c1 "$f")" != "" ]] && sed -i '$d' "$f"
  done
  awk -v d="$1" '{ n++; k = $1 " " ($2 == "" ? "(no policy)" : $2); c[k]++ }
    END { printf "  flood: %d answers (%.0f/s):", n, n / d; for (k in c) printf "  %s x%d", k, c[k]; printf "\n" }' \
    "$WORK"/flood.codes.* >&2
}

victim() { # victim <label> -> "label p50 p99" in ms (and a line on stderr)
  curl -s --rate 40/s -H "Authorization: Bearer $victim_token" -H 'Cache-Control: no-cache' \
    -w '%{http_code} %{time_total}\n' --config "$WORK/victim.curl" >"$WORK/victim.times"
  sort -k2 -n "$WORK/victim.times" | awk -v l="$1" '{ t[NR] = $2 * 1000; if ($1 != 200) bad++ }
    END { p50 = t[int(NR * 0.50)]; p99 = t[int(NR * 0.99)]
          printf "%-16s %d requests   p50 %7.2f ms   p99 %7.2f ms   non-200: %d\n", l, NR, p50, p99, bad > "/dev/stderr"
          print l, p50, p99 }'
}

edge_ceiling=$(( 1200 * 10 * ${SCALESHOP_EDGE_RATE_FACTOR:-4} / 60 ))
echo "victim: customer token, GET /api/v1/products/{random}, 40/s; flood: 127.0.0.2, up to $FLOOD_RATE/s; ${DURATION}s each" >&2

"$STACK" edge-limit "$edge_ceiling" >&2
victim warm-up >/dev/null
read -r _ b_p50 b_p99 <<<"$(victim baseline)"

flood_start
read -r _ e_p50 e_p99 <<<"$(victim flood+edge)"
flood_stop $((DURATION + 3))

"$STACK" edge-limit 100000000 >&2
flood_start
read -r _ a_p50 a_p99 <<<"$(victim flood+app-only)"
flood_stop $((DURATION + 3))

awk -v b50="$b_p50" -v b99="$b_p99" -v e50="$e_p50" -v e99="$e_p99" -v a50="$a_p50" -v a99="$a_p99" 'BEGIN {
  printf "victim under a flood stopped at the edge / no flood:      p50 %.2fx   p99 %.2fx\n", e50 / b50, e99 / b99
  printf "victim under a flood refused by the app alone / no flood: p50 %.2fx   p99 %.2fx\n", a50 / b50, a99 / b99 }'
