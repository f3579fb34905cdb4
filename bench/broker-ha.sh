#!/usr/bin/env bash
# The broker's live/backup pair (issue 18), measured side by side in one run:
#   replication   job submissions through HAProxy (POST /api/v1/jobs/echo, wrk) with the backup replicating every
#                 journal write vs with the backup stopped (the primary alone): throughput and latency — what a
#                 submission pays for being on two brokers before it is answered 202
#   failover      four clients submitting while the active broker is killed with SIGKILL: answers by status, how many
#                 were refused (503) or left in doubt after the kill and when the last of them was answered, when the
#                 first submission sent after the kill was accepted, the slowest answer
#   failback      the same while `stack start broker` starts the primary again and it takes over from the backup
#   switchover    the same for a planned one (`stack failover broker`: the primary stops gracefully), then its failback
# usage: bench/broker-ha.sh [seconds=15] [connections=4]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
SECONDS_PER_RUN=${1:-15}; CONNECTIONS=${2:-4}
RUN=$(prop scaleshop.run.dir)
[[ -n "$(prop scaleshop.broker.backup.pid.file)" ]] || { echo "the topology places no broker-backup" >&2; exit 1; }
BACKUP_HOST=$(prop scaleshop.broker.backup.host); PRIMARY_HOST=$(prop scaleshop.broker.host); PORT=$(prop scaleshop.broker.port)
active() { (exec 3<>"/dev/tcp/$1/$PORT") 2>/dev/null; }
on_exit '"$STACK" start broker >&2'   # whatever happened: the pair back, the primary active
export BENCH_SCRIPT=echo-job.lua

BENCH_WARMUP=60 measure warm-up "$SECONDS_PER_RUN" "$CONNECTIONS" >/dev/null   # the JIT, after a (re)start
read -r _ rps_p1 p50_p1 p99_p1 <<<"$(measure pair "$SECONDS_PER_RUN" "$CONNECTIONS")"
kill "$(cat "$RUN/broker-backup.pid")"    # a graceful stop of the backup: the primary goes on alone
for _ in $(seq 60); do kill -0 "$(cat "$RUN/broker-backup.pid")" 2>/dev/null || break; sleep 0.5; done
read -r _ rps_a p50_a p99_a <<<"$(measure alone "$SECONDS_PER_RUN" "$CONNECTIONS")"
"$STACK" start broker >&2                  # the backup again, in sync before the next run
read -r _ rps_p2 p50_p2 p99_p2 <<<"$(measure pair "$SECONDS_PER_RUN" "$CONNECTIONS")"

probe() { # probe <seconds> <event at second 5...>: four clients submit; prints the answers' timeline summary
  python3 - "$BASE" "$1" "$2" <<'PY'
import json, sys, threading, time, urllib.request, urllib.error, subprocess
base, seconds, event = sys.argv[1], float(sys.argv[2]), sys.argv[3]
answers, lock, stop = [], threading.Lock(), time.monotonic() + seconds
def client():
    while time.monotonic() < stop:
        sent = time.monotonic()
        request = urllib.request.Request(base + "/api/v1/jobs/echo", data=b'{"message":"bench-ha"}',
                                         headers={"Content-Type": "application/json"}, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                status, kind = answer.status, ""
        except urllib.error.HTTPError as e:
            status = e.code
            try:
                kind = json.loads(e.read()).get("type", "").rsplit("/", 1)[-1]
            except ValueError:
                kind = ""
        with lock:
            answers.append((sent, time.monotonic(), status, kind))
threads = [threading.Thread(target=client) for _ in range(4)]
for t in threads: t.start()
time.sleep(5)
at = time.monotonic()
subprocess.run(event, shell=True, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
for t in threads: t.join()
after = [a for a in answers if a[1] >= at]
bad = [a for a in after if a[2] >= 500]   # refused or in doubt (a 429 is the job policy's leaky bucket, not the broker)
by = {}
for a in answers:
    key = str(a[2]) + (" " + a[3] if a[3] else "")
    by[key] = by.get(key, 0) + 1
window = (max(a[1] for a in bad) - at) * 1000 if bad else 0
first_ok = min((a[1] for a in after if a[2] == 202 and a[0] >= at), default=None)
print(json.dumps({"answers": by, "refused_or_in_doubt_after_event": len(bad), "last_of_them_ms": round(window),
                  "first_accepted_after_event_ms": None if first_ok is None else round((first_ok - at) * 1000),
                  "slowest_answer_ms": round(max(a[1] - a[0] for a in answers) * 1000)}))
PY
}
echo "failover: four clients submitting, the active broker (the primary) killed with SIGKILL after 5 s" >&2
failover=$(probe 20 "kill -9 \$(cat '$RUN/broker.pid')")
active "$BACKUP_HOST" || { echo "the backup did not take over" >&2; exit 1; }
echo "failback: four clients submitting, the primary started again after 5 s (it syncs, then takes over)" >&2
failback=$(probe 25 "'$STACK' start broker")
active "$PRIMARY_HOST" || { echo "the primary did not take over again" >&2; exit 1; }
echo "switchover: four clients submitting, 'stack failover broker' after 5 s, then the failback" >&2
switchover=$(probe 20 "'$STACK' failover broker")
active "$BACKUP_HOST" || { echo "the backup did not take over" >&2; exit 1; }
switchback=$(probe 25 "'$STACK' start broker")

awk -v r1="$rps_p1" -v r2="$rps_p2" -v ra="$rps_a" -v a50="$p50_p1" -v b50="$p50_p2" -v l50="$p50_a" \
    -v a99="$p99_p1" -v b99="$p99_p2" -v l99="$p99_a" 'BEGIN {
  rps = (r1 + r2) / 2; p50 = (a50 + b50) / 2; p99 = (a99 + b99) / 2
  printf "job submission, backup replicating (mean of first and last run) vs the primary alone:\n"
  printf "  throughput %.1f vs %.1f req/s -> pair/alone %.2fx\n", rps, ra, rps / ra
  printf "  p50 %.2f ms vs %.2f ms -> pair/alone %.2fx\n", p50, l50, p50 / l50
  printf "  p99 %.2f ms vs %.2f ms -> pair/alone %.2fx\n", p99, l99, p99 / l99
}'
echo "failover (kill -9 of the active broker): $failover"
echo "failback (the primary started again):     $failback"
echo "switchover (stack failover broker):        $switchover"
echo "its failback (stack start broker):         $switchback"
