#!/usr/bin/env bash
# What one request costs: CPU milliseconds per request of every component (Payara JVMs — DAS included —,
# HAProxy, PostgreSQL, Artemis, mail relay, payment provider), read from /proc before and after a
# fixed-duration load, with throughput and p50/p99 beside it, for each scenario in one run:
#
#   floor        a constant JAX-RS answer from bench/floor (its own WAR on the same instances: none of
#                ScaleShop's filters, security or caches) — straight to i1, and through HAProxy
#   product      GET /api/v1/products/{random of 1,000 SKUs} answered from the JCache, edge cache bypassed
#                (Cache-Control: no-cache): one hot client straight to i1 and through HAProxy, 10,000
#                clients (random X-Forwarded-For, a bucket each) straight to i1 — with the rate limiter on
#                and off (off measured between two "on" runs; their mean is the "on" figure)
#   one instance the floor and the hot product read through HAProxy with i2 drained (both keep running)
#   listing      GET /api/v1/products?category=…&page=… through HAProxy, edge bypassed
#   checkout     POST /api/v1/orders (one line, a fresh Idempotency-Key, 16 customers, 4 connections);
#                CPU is counted until the outbox is empty and every invoice job (the invoice, then its mail)
#                has finished; BENCH_CHECKOUT_WARMUP (60 s) of checkouts first, then BENCH_CHECKOUT_SECONDS (60 s,
#                or the run's seconds if longer) measured; Payara's CPU split by thread kind
#   idle         the same reading with no load: what the components burn on their own per second
#
#   bench/request-cost.sh [seconds=10] [connections=8]
#   BENCH_ONLY=checkout bench/request-cost.sh …   only idle and checkout (no floor WAR; for work on the checkout)
#
# Then the ratios issue 16 sets targets for, and each instance's RSS idle and after the load.
# CPU per request is the headline (steadier than throughput on a shared box). Needs a running stack
# (server-config/bin/stack up), wrk, and the built bench/floor WAR (./mvnw -pl bench/floor package), which
# it deploys to the deployment group for the run and undeploys at the end.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
DURATION="${1:-10}"
CONNECTIONS="${2:-8}"
WARMUP="${BENCH_WARMUP:-5}"
# the 10,000 clients are returning clients: the warm-up (the same random sequence as the run) lasts until about
# every one of them has been seen, so their leases exist, as they do for clients that come back within a minute;
# a client's first request in a lease lifetime costs a grid call (the "grid" column shows how many did)
TENK_WARMUP="${BENCH_TENK_WARMUP:-15}"
# a freshly started instance compiles for minutes (its JIT threads alone used 0.3 cores when idle): every
# scenario runs this long in all first, so a fresh stack and a used one are compared warm
JVM_WARMUP="${BENCH_JVM_WARMUP:-90}"
# checkouts right before the checkout run: after the read scenarios the JIT recompiles the checkout's paths
# for a minute (measured: 7.7 of 24.3 ms per checkout in the compiler threads with 5 s; the column "jit" shows it)
CHECKOUT_WARMUP="${BENCH_CHECKOUT_WARMUP:-60}"
# the checkout's window: CPU is read until its jobs have drained (10-30 s after the load), and what the JVMs burn on
# their own meanwhile (idle: 45-75 ms/s) is shared by the window's checkouts: estimated from the idle rate, ~4 ms
# each after 10 s of load, ~2 ms after 60 s (docs/request-cost.md, seventh round)
CHECKOUT_SECONDS="${BENCH_CHECKOUT_SECONDS:-$((DURATION > 60 ? DURATION : 60))}"
ONLY="${BENCH_ONLY:-}"
TICK_MS=$((1000 / $(getconf CLK_TCK)))
RUN=$(prop scaleshop.run.dir)
I1="$(first_instance_url)"
COMPONENTS=(payara haproxy postgres artemis mail provider)

asadmin() {
  "$(prop scaleshop.payara.home)/bin/asadmin" --host "$(prop scaleshop.admin.host)" --port "$(prop scaleshop.admin.port)" --user "$(prop scaleshop.admin.user)" \
    --passwordfile "$(prop scaleshop.admin.password.file)" "$@"
}

floor_everywhere() { local url; for url in $(instance_urls); do curl -fsS -o /dev/null "$url/floor/floor" || return 1; done; }

deploy_floor() { # the floor WAR beside ScaleShop on the deployment group, for this run only (undeploy_floor)
  floor_everywhere && return
  local war="$HERE/floor/target/bench-floor.war"
  [[ -f "$war" ]] || { echo "no $war: ./mvnw -q -pl bench/floor package" >&2; exit 1; }
  echo "deploying the floor WAR to the deployment group" >&2
  # (uploaded: the DAS runs as the stack's service user, which may not read the checkout)
  asadmin deploy --upload=true --force=true --target "$(prop scaleshop.deployment.group || echo scaleshop-dg)" --name bench-floor \
    --contextroot /floor "$war" >&2
  for _ in $(seq 60); do floor_everywhere && return; sleep 2; done
  echo "the floor WAR does not answer on every instance" >&2; exit 1
}

undeploy_floor() { # a second application on the instances changes what they publish (/openapi merges both)
  asadmin undeploy --target "$(prop scaleshop.deployment.group || echo scaleshop-dg)" bench-floor >/dev/null 2>&1 || true
}

component_roots() { # "component pid" of the first process of every component
  local f
  echo "payara $(cat "$(prop scaleshop.payara.das.pid.file)")"
  for f in $(instance_pid_files); do echo "payara $(cat "$f")"; done
  echo "haproxy $(cat "$RUN/haproxy/haproxy.pid")"
  for f in "$(prop scaleshop.pg.dir)"/*/postmaster.pid; do echo "postgres $(head -1 "$f")"; done
  echo "artemis $(cat "$RUN/broker.pid")"
  echo "mail $(cat "$RUN/mail.pid")"
  echo "provider $(cat "$RUN/payments.pid")"
}

cpu_snapshot() { # "component ticks": utime+stime of every live process of its trees, plus the reaped children's
  local table comp root pid
  table=$(ps -eo pid=,ppid=)
  component_roots | while read -r comp root; do
    for pid in $(awk -v root="$root" '{ parent[$1] = $2 } END {
        inset[root] = 1; print root
        do { grew = 0; for (p in parent) if (!(p in inset) && (parent[p] in inset)) { inset[p] = 1; print p; grew = 1 } } while (grew)
      }' <<<"$table"); do
      # fields after "(comm) ": state is $1, so utime stime cutime cstime are $12..$15
      [[ -r /proc/$pid/stat ]] && sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | awk -v c="$comp" '{ print c, $12 + $13 + $14 + $15 }'
    done
  done | awk '{ t[$1] += $2 } END { for (c in t) print c, t[c] }'
}

cpu_ms_per() { # cpu_ms_per <before> <after> <requests>: "payara=… haproxy=… … all=…" ms per request
  awk -v n="$3" -v tick="$TICK_MS" -v order="${COMPONENTS[*]}" '
    FNR == NR { before[$1] = $2; next } { after[$1] = $2 }
    END { k = split(order, names, " "); all = 0
      for (i = 1; i <= k; i++) { d = (after[names[i]] - before[names[i]]) * tick / n; all += d; printf "%s=%.3f ", names[i], d }
      printf "all=%.3f\n", all }' <(echo "$1") <(echo "$2")
}

rss_mb() { # rss_mb: "i1=… i2=…" resident MiB of each instance
  local f
  for f in $(instance_pid_files); do
    printf '%s=%s ' "$(basename "$(dirname "$(dirname "$f")")")" \
      "$(awk '/^VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$(cat "$f")/status")"
  done
  echo
}

grid_decisions() { # requests the rate limiter decided with a grid call (a new lease or a refusal), all instances
  local url
  for url in $(instance_urls); do grid_decisions_of "$url"; done | awk '{ s += $1 } END { print s + 0 }'
}

declare -A ROW   # label -> "rps p50 p99 payara=… … all=…"
declare -A GRID  # label -> share of requests decided by a grid call
run_load() { # run_load <label> <target> <script> [wrk options]: warm-up (LOAD_WARMUP s), then the measured run
  local label="$1" target="$2" script="$3" out before after g0 g1
  shift 3
  wrk -t1 -c"$CONNECTIONS" -d"${LOAD_WARMUP:-$WARMUP}s" -s "$HERE/$script" "$@" "$target" >/dev/null
  g0=$(grid_decisions)
  before=$(cpu_snapshot)
  out=$(wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$HERE/$script" "$@" "$target")
  after=$(cpu_snapshot)
  g1=$(grid_decisions)
  record "$label" "$out" "$before" "$after"
  GRID[$label]=$(awk -v g=$((g1 - g0)) -v n="$(awk '/requests in/ { print $1 }' <<<"$out")" 'BEGIN { printf "%.1f%%", (n > 0 ? 100 * g / n : 0) }')
}

record() { # record <label> <wrk output> <cpu before> <cpu after> [requests]
  local requests rps p50 p99 bad cost
  requests=${5:-$(awk '/requests in/ { print $1 }' <<<"$2")}
  rps=$(ok_rps "$2")   # 2xx/3xx only
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$2")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$2")")
  bad=$(awk '/Non-2xx|Socket errors/' <<<"$2" | tr -s ' \n' ' ')
  cost=$(cpu_ms_per "$3" "$4" "$requests")
  ROW[$1]="$rps $p50 $p99 $cost"
  printf '%-26s %9s req/s  p50 %7s ms  p99 %8s ms  CPU ms/req: %s %s\n' "$1" "$rps" "$p50" "$p99" "$cost" "${bad:+ ($bad)}" >&2
}

field() { # field <label> <rps|p50|p99|payara|...|all>
  local row="${ROW[$1]}"
  case "$2" in
    rps) awk '{ print $1 }' <<<"$row" ;; p50) awk '{ print $2 }' <<<"$row" ;; p99) awk '{ print $3 }' <<<"$row" ;;
    *) tr ' ' '\n' <<<"$row" | awk -F= -v k="$2" '$1 == k { print $2 }' ;;
  esac
}

ratio() { # ratio <text> <a> <b> <target text>
  awk -v t="$1" -v a="$2" -v b="$3" -v goal="$4" 'BEGIN { printf "  %-62s %6.2fx   (%s)\n", t, (b > 0 ? a / b : 0), goal }'
}

mean_row() { # mean_row <label> <label1> <label2>: the mean of two runs of the same scenario
  local k v=()
  for k in rps p50 p99; do v+=("$(awk -v a="$(field "$2" $k)" -v b="$(field "$3" $k)" 'BEGIN { print (a + b) / 2 }')"); done
  local cost=""
  for k in "${COMPONENTS[@]}" all; do
    cost+="$k=$(awk -v a="$(field "$2" $k)" -v b="$(field "$3" $k)" 'BEGIN { printf "%.3f", (a + b) / 2 }') "
  done
  ROW[$1]="${v[*]} $cost"
}

drained() { # drained [since]: no unfinished job (created since then), no waiting outbox event on any shard
  local port
  [[ "$(psql_primary "SELECT count(*) FROM job WHERE status IN ('QUEUED', 'RUNNING')
                       AND created_at >= '${1:-epoch}'::timestamptz")" == 0 ]] || return 1
  for shard in $(prop scaleshop.pg.shards | tr ',' ' '); do
    [[ "$(psql_on "$shard" 'SELECT count(*) FROM outbox_event' "$(prop scaleshop.shard.db.name)")" == 0 ]] || return 1
  done
}

purge_mail() { # the mail relay stand-in keeps every mail in memory: the benchmark's thousands go after each run
  curl -fsS -o /dev/null -X POST "$(prop scaleshop.mail.api.url)/api/mail/purge" || echo "could not purge the mail relay" >&2
}

checkout_run() { # checkouts for CHECKOUT_SECONDS, then CPU counted on until every invoice and mail job is done
  local tokens="$1" out before after orders t0 since
  purge_mail
  restock
  since=$(psql_primary "SELECT now()")   # jobs left over from earlier work (a test's killed worker) do not count
  BENCH_TOKENS="$tokens" wrk -t1 -c4 -d"${CHECKOUT_WARMUP}s" -s "$HERE/checkout.lua" "$BASE" >/dev/null
  for _ in $(seq 120); do drained "$since" && break; sleep 1; done
  python3 "$HERE/jvm_threads.py" snapshot $(payara_pids) > "$THREADS_BEFORE"
  before=$(cpu_snapshot)
  t0=$SECONDS
  out=$(BENCH_TOKENS="$tokens" wrk -t1 -c4 -d"${CHECKOUT_SECONDS}s" --latency -s "$HERE/checkout.lua" "$BASE")
  for _ in $(seq 240); do drained "$since" && break; sleep 0.5; done
  drained "$since" || echo "checkout: jobs still unfinished 120 s after the load; the figure includes that wait" >&2
  after=$(cpu_snapshot)
  python3 "$HERE/jvm_threads.py" snapshot $(payara_pids) > "$THREADS_AFTER"
  # per order placed: a refused checkout (a product sold out after many runs) costs little and is no order
  orders=$(awk '/requests in/ { n = $1 } /Non-2xx/ { bad = $NF } END { print n - bad }' <<<"$out")
  echo "checkout: $orders orders in ${CHECKOUT_SECONDS}s, jobs drained $((SECONDS - t0 - CHECKOUT_SECONDS)) s after the load" >&2
  record checkout "$out" "$before" "$after" "$orders"
  THREAD_KINDS=$(python3 "$HERE/jvm_threads.py" diff "$THREADS_BEFORE" "$THREADS_AFTER" "$orders")
  echo "checkout: Payara CPU ms per checkout by thread kind: $THREAD_KINDS" >&2
}

payara_pids() { # the DAS and every instance
  local f
  for f in "$(prop scaleshop.payara.das.pid.file)" $(instance_pid_files); do echo "$(cat "$f")"; done
}

idle_run() { # what the stack burns with no load, per second
  local before after
  before=$(cpu_snapshot); sleep "$DURATION"; after=$(cpu_snapshot)
  ROW[idle]="0 0 0 $(cpu_ms_per "$before" "$after" "$DURATION")"
  echo "idle: CPU ms per second: $(cpu_ms_per "$before" "$after" "$DURATION")" >&2
}

restore() { "$STACK" ready i2 >/dev/null 2>&1; "$STACK" config scaleshop.ratelimit.enabled true >&2; undeploy_floor; purge_mail; }
on_exit restore
[[ -z "$ONLY" || "$ONLY" == checkout ]] || { echo "BENCH_ONLY: only 'checkout' is known" >&2; exit 2; }
[[ -n "$ONLY" ]] || deploy_floor
switch_limiter on
[[ -n "$ONLY" ]] || as_load_balancer "$I1"   # the 10,000 clients' X-Forwarded-For is believed only from HAProxy's address
RSS_IDLE=$(rss_mb)
TOKENS=$(mktemp)
THREADS_BEFORE=$(mktemp); THREADS_AFTER=$(mktemp)
on_exit 'rm -f "$TOKENS" "$THREADS_BEFORE" "$THREADS_AFTER"'
register_customers 16 "$TOKENS"
jvm_warmup() { # every scenario's load for a share of JVM_WARMUP seconds, unmeasured
  local share=$((JVM_WARMUP / 6 + 1)) since
  since=$(psql_primary "SELECT now()")
  echo "== JVM warm-up: ${JVM_WARMUP}s over every scenario" >&2
  restock
  if [[ "$ONLY" == checkout ]]; then
    BENCH_TOKENS="$TOKENS" wrk -t1 -c4 -d"${JVM_WARMUP}s" -s "$HERE/checkout.lua" "$BASE" >/dev/null
    for _ in $(seq 120); do drained "$since" && break; sleep 1; done
    return
  fi
  wrk -t1 -c"$CONNECTIONS" -d"${share}s" "$I1/floor/floor" >/dev/null
  wrk -t1 -c"$CONNECTIONS" -d"${share}s" "$BASE/floor/floor" >/dev/null
  wrk -t1 -c"$CONNECTIONS" -d"${share}s" -s "$HERE/random-sku.lua" -H 'Cache-Control: no-cache' "$BASE" >/dev/null
  wrk -t1 -c"$CONNECTIONS" -d"${share}s" -s "$HERE/random-client.lua" -H 'Cache-Control: no-cache' "$I1" >/dev/null
  wrk -t1 -c"$CONNECTIONS" -d"${share}s" -s "$HERE/listing.lua" -H 'Cache-Control: no-cache' "$BASE" >/dev/null
  BENCH_TOKENS="$TOKENS" wrk -t1 -c4 -d"${share}s" -s "$HERE/checkout.lua" "$BASE" >/dev/null
  for _ in $(seq 120); do drained "$since" && break; sleep 1; done   # its jobs done before "idle" is measured
}
jvm_warmup
echo "== ${DURATION}s per run after ${WARMUP}s of warm-up, $CONNECTIONS connections (wrk -t1); RSS idle: $RSS_IDLE" >&2
idle_run
if [[ "$ONLY" == checkout ]]; then
  checkout_run "$TOKENS"
  printf '  %-62s %6.1f ms  (<= 15 ms)\n' "checkout, Payara CPU per checkout" "$(field checkout payara)"
  printf '  %-62s %6.1f ms  (<= 30 ms)\n' "checkout, every component" "$(field checkout all)"
  exit 0
fi
run_load floor-i1 "$I1/floor/floor" floor.lua
run_load floor-haproxy "$BASE/floor/floor" floor.lua
run_load product-i1 "$I1" random-sku.lua -H 'Cache-Control: no-cache'
run_load product-haproxy-1 "$BASE" random-sku.lua -H 'Cache-Control: no-cache'
LOAD_WARMUP=$TENK_WARMUP run_load product-10k-1 "$I1" random-client.lua -H 'Cache-Control: no-cache'
switch_limiter off
run_load product-haproxy-off "$BASE" random-sku.lua -H 'Cache-Control: no-cache'
LOAD_WARMUP=$TENK_WARMUP run_load product-10k-off "$I1" random-client.lua -H 'Cache-Control: no-cache'
switch_limiter on
run_load product-haproxy-2 "$BASE" random-sku.lua -H 'Cache-Control: no-cache'
LOAD_WARMUP=$TENK_WARMUP run_load product-10k-2 "$I1" random-client.lua -H 'Cache-Control: no-cache'
mean_row product-haproxy product-haproxy-1 product-haproxy-2
mean_row product-10k product-10k-1 product-10k-2
GRID[product-haproxy]="${GRID[product-haproxy-1]}/${GRID[product-haproxy-2]}"
GRID[product-10k]="${GRID[product-10k-1]}/${GRID[product-10k-2]}"
"$STACK" drain i2 >&2
run_load floor-one-instance "$BASE/floor/floor" floor.lua
run_load product-one-instance "$BASE" random-sku.lua -H 'Cache-Control: no-cache'
"$STACK" ready i2 >&2
sleep 3
run_load listing-haproxy "$BASE" listing.lua -H 'Cache-Control: no-cache'
checkout_run "$TOKENS"
RSS_LOADED=$(rss_mb)

echo
echo "CPU ms per request (all JVMs of Payara, DAS included; PostgreSQL = all servers; wrk not counted):"
printf '  %-22s %9s %8s %8s' scenario req/s p50 p99
printf ' %9s' "${COMPONENTS[@]}" all grid; echo
for label in floor-i1 floor-haproxy floor-one-instance product-i1 product-haproxy product-haproxy-off product-10k \
             product-10k-off product-one-instance listing-haproxy checkout idle; do
  printf '  %-22s %9s %8s %8s' "$label" "$(field $label rps)" "$(field $label p50)" "$(field $label p99)"
  for c in "${COMPONENTS[@]}" all; do printf ' %9s' "$(field $label $c)"; done
  printf ' %9s\n' "${GRID[$label]:-}"
done
echo "  (idle: CPU ms per second; checkout: per checkout, its invoice and mail jobs included;"
echo "   grid: share of requests the rate limiter decided with a grid call, the rest from leases)"
echo
echo "Ratios (issue 16's targets in brackets):"
ratio "product via HAProxy / floor via HAProxy, Payara CPU per request" "$(field product-haproxy payara)" "$(field floor-haproxy payara)" "<= 2x"
ratio "product via HAProxy / floor via HAProxy, throughput" "$(field product-haproxy rps)" "$(field floor-haproxy rps)" ">= 0.5x"
ratio "product straight to i1 / floor straight to i1, Payara CPU" "$(field product-i1 payara)" "$(field floor-i1 payara)" "-"
ratio "limiter on / off, one hot client via HAProxy, Payara CPU" "$(field product-haproxy payara)" "$(field product-haproxy-off payara)" "<= 1.10x"
ratio "limiter off / on, one hot client via HAProxy, throughput" "$(field product-haproxy-off rps)" "$(field product-haproxy rps)" "<= 1.10x"
ratio "limiter on / off, 10,000 clients on i1, Payara CPU" "$(field product-10k payara)" "$(field product-10k-off payara)" "<= 1.10x"
ratio "limiter off / on, 10,000 clients on i1, throughput" "$(field product-10k-off rps)" "$(field product-10k rps)" "<= 1.10x"
ratio "two instances / one instance in rotation, Payara CPU" "$(field product-haproxy payara)" "$(field product-one-instance payara)" "<= 1.25x"
ratio "  the same for the floor (what two busy JVMs cost on this box)" "$(field floor-haproxy payara)" "$(field floor-one-instance payara)" "-"
printf '  %-62s %6.1f ms  (<= 15 ms)\n' "checkout, Payara CPU per checkout" "$(field checkout payara)"
printf '  %-62s %6.1f ms  (<= 30 ms)\n' "checkout, every component" "$(field checkout all)"
echo "  Payara's share by thread kind (ms per checkout): $THREAD_KINDS"
echo
echo "Payara instances' RSS (MiB): idle $RSS_IDLE; after the load $RSS_LOADED"
