#!/usr/bin/env bash
# What synchronous replication costs (issue 18): the same load with Patroni's synchronous_mode on (a commit
# waits until the standby has it: a 201 means the write is on two servers) and off (the standby streams
# asynchronously), alternating in one run, each switch verified on every leader before it is measured.
#   commit   pgbench on the main database's leader: one INSERT per transaction, 4 clients, straight to PostgreSQL
#   checkout POST /api/v1/orders through HAProxy (one line, fresh Idempotency-Key, 16 customers, 4 connections):
#            writes on the main database (stock reservation) and on a shard (order, idempotency record)
# Prints each round and the ratio sync/async of commit latency and of checkout latency and throughput.
#   bench/pg-sync.sh [seconds per round=20] [rounds per mode=2]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
SECONDS_PER_ROUND=${1:-20}
ROUNDS=${2:-2}
PGBENCH=${SCALESHOP_PG_BIN:-/usr/lib/postgresql/15/bin}/pgbench
PATRONI_PORT=$(prop scaleshop.pg.patroni.port)
PATRONI_PASSWORD=$(prop scaleshop.pg.patroni.password)
DATABASES="main $(prop scaleshop.pg.shards | tr ',' ' ')"

leader() { # leader <database>: the server leading it now (its Patroni answers /primary with 200)
  local s
  for s in $(prop "scaleshop.pg.$1.candidates" | tr ',' ' '); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://$(prop "scaleshop.pg.$s.host"):$PATRONI_PORT/primary") == 200 ]] \
      && { echo "$s"; return; }
  done
  echo "$1 has no leader" >&2; exit 1
}

sync_names() { # sync_names <database>: synchronous_standby_names on its leader
  local db; db=$(prop scaleshop.db.name); [[ "$1" == main ]] || db=$(prop scaleshop.shard.db.name)
  psql_on "$(leader "$1")" "SHOW synchronous_standby_names" "$db"
}

sync_mode() { # sync_mode on|off: Patroni's dynamic configuration of every database, then verified on every leader
  local d want ok
  [[ "$1" == on ]] && want=true || want=false
  for d in $DATABASES; do
    curl -fsS -o /dev/null -X PATCH -u "patroni:$PATRONI_PASSWORD" -H 'Content-Type: application/json' \
      -d "{\"synchronous_mode\": $want}" "http://$(prop "scaleshop.pg.$(leader "$d").host"):$PATRONI_PORT/config"
  done
  for _ in $(seq 30); do
    ok=1
    for d in $DATABASES; do
      if [[ "$1" == on ]]; then [[ -n "$(sync_names "$d")" ]] || ok=0; else [[ -z "$(sync_names "$d")" ]] || ok=0; fi
    done
    ((ok)) && { echo "synchronous replication verified $1 on every leader ($DATABASES)" >&2; return; }
    sleep 1
  done
  echo "synchronous replication did not switch $1: results would be meaningless" >&2; exit 1
}
on_exit 'sync_mode on'

COMMIT_SQL=$(mktemp --suffix=.sql)
on_exit "rm -f $COMMIT_SQL"
echo "INSERT INTO bench_commit (at) VALUES (now());" >"$COMMIT_SQL"
psql_primary "CREATE TABLE IF NOT EXISTS bench_commit (id bigserial PRIMARY KEY, at timestamptz NOT NULL)"
on_exit 'psql_primary "DROP TABLE IF EXISTS bench_commit"'

commit_round() { # prints "tps latency_ms"
  local out
  out=$(PGPASSWORD=$(prop scaleshop.db.password) "$PGBENCH" -n -f "$COMMIT_SQL" -c 4 -j 2 -T "$SECONDS_PER_ROUND" \
    -h "$(prop "scaleshop.pg.$(leader main).host")" -p "$(prop scaleshop.pg.port)" -U "$(prop scaleshop.db.user)" "$(prop scaleshop.db.name)" 2>&1)
  echo "$(awk '/^tps/ {print $3; exit}' <<<"$out") $(awk '/^latency average/ {print $4}' <<<"$out")"
}

TOKENS=$(mktemp); on_exit "rm -f $TOKENS"
register_customers 16 "$TOKENS"
restock
checkout_round() { # prints "checkouts/s p50_ms p99_ms"
  local out
  out=$(BENCH_TOKENS="$TOKENS" wrk -t1 -c4 -d"${SECONDS_PER_ROUND}s" --latency -s "$HERE/checkout.lua" "$BASE")
  echo "$(ok_rps "$out") $(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")") $(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")"
}
echo "warm-up: checkouts for ${SECONDS_PER_ROUND}s" >&2
BENCH_TOKENS="$TOKENS" wrk -t1 -c4 -d"${SECONDS_PER_ROUND}s" -s "$HERE/checkout.lua" "$BASE" >/dev/null

RESULTS=$(mktemp); on_exit "rm -f $RESULTS"
for round in $(seq "$ROUNDS"); do
  for mode in off on; do
    sync_mode "$mode"
    read -r tps lat <<<"$(commit_round)"
    read -r rps p50 p99 <<<"$(checkout_round)"
    printf 'round %d sync %-3s  commit: %8s tps %7s ms avg   checkout: %7s/s p50 %7s ms p99 %7s ms\n' \
      "$round" "$mode" "$tps" "$lat" "$rps" "$p50" "$p99" >&2
    echo "$mode $tps $lat $rps $p50 $p99" >>"$RESULTS"
  done
done
awk '{ n[$1]++; tps[$1] += $2; lat[$1] += $3; rps[$1] += $4; p50[$1] += $5; p99[$1] += $6 }
  END {
    for (m in n) { tps[m] /= n[m]; lat[m] /= n[m]; rps[m] /= n[m]; p50[m] /= n[m]; p99[m] /= n[m] }
    printf "mean of %d rounds each:\n", n["on"]
    printf "  commit latency   sync %.2f ms  async %.2f ms  ratio sync/async %.2f  (tps %.0f vs %.0f)\n", lat["on"], lat["off"], lat["on"] / lat["off"], tps["on"], tps["off"]
    printf "  checkout p50     sync %.1f ms  async %.1f ms  ratio %.2f;  p99 %.1f vs %.1f ms\n", p50["on"], p50["off"], p50["on"] / p50["off"], p99["on"], p99["off"]
    printf "  checkouts/s      sync %.1f  async %.1f  ratio %.2f\n", rps["on"], rps["off"], rps["on"] / rps["off"]
  }' "$RESULTS"
