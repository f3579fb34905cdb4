#!/usr/bin/env bash
# What the partner SOAP service costs next to the REST API, and what remembering verified partner
# credentials saves, side by side in one run (all through HAProxy, every request reaching Payara):
#   rest          GET /api/v1/products/{sku}, Cache-Control: no-cache (anonymous, no authentication)
#   soap-cached   GetProduct of the same random SKUs with HTTP Basic, verified pair remembered (default 60 s)
#   soap-pbkdf2   the same with scaleshop.partner.credentials-cache-seconds=0: PBKDF2 on every call
#
#   bench/partner-soap.sh [duration-seconds=20] [connections=16]
#
# The partner rate-limit tier is raised for the run (and reset after), so it measures the service, not
# the limiter. Needs a running stack and wrk. Prints throughput, p50 and p99 and the ratios.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
DURATION="${1:-20}"
CONNECTIONS="${2:-16}"
RUN_DIR="${SCALESHOP_RUN_DIR:-$HERE/../run}"

ADMIN=$(curl -fsS -H 'Content-Type: application/json' "$BASE/api/v1/auth/token" \
  -d "{\"grant_type\":\"password\",\"email\":\"admin@scaleshop.local\",\"password\":\"$(cat "$RUN_DIR/identity/initial-admin.pw")\"}" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')
PARTNER="bench-partner-$(date +%s%N)@partner.test"
PASSWORD="Bench-partner-passw0rd"
curl -fsS -o /dev/null -H 'Content-Type: application/json' -H "Authorization: Bearer $ADMIN" "$BASE/api/v1/accounts" \
  -d "{\"email\":\"$PARTNER\",\"password\":\"$PASSWORD\",\"roles\":[\"partner\"]}"
export BENCH_BASIC="Basic $(printf '%s:%s' "$PARTNER" "$PASSWORD" | base64 -w0)"

restore() {
  curl -fsS -o /dev/null -X DELETE -H "Authorization: Bearer $ADMIN" "$BASE/api/v1/admin/rate-limits/partner" || true
  "$STACK" config scaleshop.partner.credentials-cache-seconds 60 >&2 || true
}
on_exit restore
curl -fsS -o /dev/null -X PUT -H 'Content-Type: application/json' -H "Authorization: Bearer $ADMIN" \
  "$BASE/api/v1/admin/rate-limits/partner" -d '{"quota":1000000000,"windowSeconds":60}'
"$STACK" config scaleshop.partner.credentials-cache-seconds 60 >&2
sleep 6 # MicroProfile Config values are cached 5 s on the instances

soap_ok() { # one call answers the product: the credentials and the raised tier are in force
  curl -fsS -H 'Content-Type: text/xml' -H 'SOAPAction: "https://scaleshop.dev/partner/v1/GetProduct"' -H "Authorization: $BENCH_BASIC" "$BASE/soap/partner/v1" \
    --data-binary '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:p="https://scaleshop.dev/partner/v1"><soap:Body><p:GetProduct><p:sku>SKU-000001</p:sku></p:GetProduct></soap:Body></soap:Envelope>' \
    | grep -q '<sku>SKU-000001</sku>'
}
soap_ok || { echo "the SOAP service does not answer GetProduct" >&2; exit 1; }

echo "random product of ${BENCH_SKUS:-1000} SKUs, ${DURATION}s per side, $CONNECTIONS connections" >&2
read -r _ rest_rps rest_p50 rest_p99 <<<"$(measure rest "$DURATION" "$CONNECTIONS" -H 'Cache-Control: no-cache')"
read -r _ soap_rps soap_p50 soap_p99 <<<"$(BENCH_SCRIPT=soap-get-product.lua measure soap-cached "$DURATION" "$CONNECTIONS")"
"$STACK" config scaleshop.partner.credentials-cache-seconds 0 >&2
sleep 6
read -r _ slow_rps slow_p50 slow_p99 <<<"$(BENCH_SCRIPT=soap-get-product.lua BENCH_WARMUP=3 measure soap-pbkdf2 "$DURATION" "$CONNECTIONS")"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
echo
echo "SOAP (credentials remembered) vs REST:  throughput $(ratio "$soap_rps" "$rest_rps")x   p50 $(ratio "$soap_p50" "$rest_p50")x   p99 $(ratio "$soap_p99" "$rest_p99")x"
echo "remembered vs PBKDF2 on every call:     throughput $(ratio "$soap_rps" "$slow_rps")x   p50 $(ratio "$slow_p50" "$soap_p50")x faster   p99 $(ratio "$slow_p99" "$soap_p99")x faster"
