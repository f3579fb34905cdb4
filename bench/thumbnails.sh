#!/usr/bin/env bash
# A burst of thumbnail jobs through HAProxy, per worker concurrency (maxSession 1, 2, 4 per instance, two
# instances): how fast uploads are accepted (202/s), how fast the workers drain the queue (jobs/s from the
# first upload to the last job done), and that none is lost (every 202 job SUCCEEDED, each image with its
# three sizes). Same image, same count, side by side in one run; the ratio to maxSession 1 is printed.
# usage: bench/thumbnails.sh [jobs=5000] [clients=8] [sessions="1 2 4"]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
JOBS=${1:-5000}; CLIENTS=${2:-8}; SESSIONS=${3:-1 2 4}
ADMIN_PASSWORD_FILE=$(prop scaleshop.identity.initial.admin.password.file)
TOKEN=$(curl -fsS -H 'Content-Type: application/json' "$BASE/api/v1/auth/token" -d "{\"grant_type\":\"password\",
  \"email\":\"$(prop scaleshop.identity.initial.admin.email)\",\"password\":\"$(cat "$ADMIN_PASSWORD_FILE")\"}" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')
on_exit '"$STACK" thumbnail-sessions 2 >/dev/null'
export PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE   # for the driver's job counts
PGHOST=$(prop scaleshop.pg.primary.host); PGPORT=$(prop scaleshop.pg.port); PGUSER=$(prop scaleshop.db.user); PGPASSWORD=$(prop scaleshop.db.password)
PGDATABASE=$(prop scaleshop.db.name)

results=()
for sessions in $SESSIONS; do
  "$STACK" thumbnail-sessions "$sessions" >&2
  run="thumbbench-$sessions-$(date +%s)"
  line=$(python3 - "$BASE" "$TOKEN" "$JOBS" "$CLIENTS" "$run" <<'PY'
import http.client, json, struct, subprocess, sys, threading, time, urllib.parse, zlib, os
base, token, jobs, clients, run = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]

def png(width, height):  # a gradient, encoded by hand: no imaging library needed here
    raw = b"".join(b"\x00" + b"".join(bytes((x * 255 // width, y * 255 // height, 128)) for x in range(width))
                   for y in range(height))
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))

image = png(400, 300)
url = urllib.parse.urlparse(base)
counter, lock, statuses = [0], threading.Lock(), {}

def client():
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    while True:
        with lock:
            i = counter[0]; counter[0] += 1
        if i >= jobs:
            return
        conn.request("POST", "/api/v1/products/SKU-%06d/images" % (1 + i % 1000), body=image,
                     headers={"Content-Type": "image/png", "Authorization": "Bearer " + token, "X-Request-Id": "%s-%d" % (run, i)})
        response = conn.getresponse(); body = response.read()
        key = str(response.status)
        if response.status >= 400:  # which refusal: the problem type (queue-full, broker-unavailable, ...)
            try:
                key += ":" + json.loads(body)["type"].rsplit("/", 1)[-1]
            except (ValueError, KeyError):
                key += ":not-problem-json"
        with lock:
            statuses[key] = statuses.get(key, 0) + 1

def psql(sql):
    return subprocess.check_output(["psql", "-qtAX", "-c", sql], text=True).strip()

started = time.time()
threads = [threading.Thread(target=client) for _ in range(clients)]
for t in threads: t.start()
for t in threads: t.join()
accept_seconds = time.time() - started
accepted = statuses.get("202", 0)
count = lambda status: int(psql("SELECT count(*) FROM job WHERE request_id LIKE '%s-%%' AND status = '%s'" % (run, status)))
while count("SUCCEEDED") + count("FAILED") < accepted and time.time() - started < 1800:
    time.sleep(1)
drain_seconds = time.time() - started
succeeded = count("SUCCEEDED")
sizes = int(psql("SELECT count(*) FROM product_image_rendition r JOIN product_image i ON i.id = r.image_id "
                 "JOIN job j ON j.id = i.job_id WHERE j.request_id LIKE '%s-%%'" % run))
print(accepted, "%.1f" % accept_seconds, "%.1f" % drain_seconds, succeeded, sizes, json.dumps(statuses).replace(" ", ""))
PY
)
  read -r accepted accept_s drain_s succeeded sizes statuses <<<"$line"
  printf 'maxSession %s: %s accepted in %ss (%.0f/s), drained in %ss (%.1f jobs/s), %s succeeded, %s sizes, lost %s, answers %s\n' \
    "$sessions" "$accepted" "$accept_s" "$(awk -v a="$accepted" -v s="$accept_s" 'BEGIN { print a / s }')" "$drain_s" \
    "$(awk -v a="$accepted" -v s="$drain_s" 'BEGIN { print a / s }')" "$succeeded" "$sizes" "$((accepted - succeeded))" "$statuses" >&2
  results+=("$sessions $(awk -v a="$accepted" -v s="$drain_s" 'BEGIN { print a / s }')")
done
base_rate=$(awk '{ print $2; exit }' <<<"${results[0]}")
echo "thumbnail drain rate relative to maxSession ${results[0]%% *}:"
for r in "${results[@]}"; do awk -v b="$base_rate" '{ printf "  maxSession %s per instance: %.1f jobs/s  %.2fx\n", $1, $2, $2 / b }' <<<"$r"; done
