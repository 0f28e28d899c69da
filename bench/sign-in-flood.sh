#!/usr/bin/env bash
# A wrong-password HTTP Basic flood and what it does to everyone else: starts a jar on 127.0.0.1 with a fresh
# embedded H2 (demo chain), times 30 public GETs (/api/v1/stores/s0001) quietly, then again while one curl
# process keeps 24 wrong-password Basic requests in flight for 25 s, and counts the flood's answers. Holds the
# machine-wide bench lock. Results: docs/benchmarks.md ("Sign-in flood").
#
#   ./mvnw -B -q package -DskipTests
#   bash bench/sign-in-flood.sh [skanna.jar] [extra JVM options, e.g. -Dskanna.sign-in.address.free-failures=1000000]
set -uo pipefail
cd "$(dirname "$0")/.."
JAR=${1:-skanna-app/target/skanna.jar}
shift || true
PORT=${BENCH_PORT:-18180}
DATA=$(mktemp -d)
URL="http://127.0.0.1:$PORT/api/v1/stores/s0001"
exec 9>"${BENCH_LOCK:-/tmp/skanna-bench.lock}"
flock -w "${BENCH_LOCK_WAIT:-900}" 9 || { echo "bench lock busy" >&2; exit 1; }

SKANNA_DATA_DIR=$DATA SKANNA_ADMIN_PASSWORD=bench-admin-password-1 SKANNA_LOG_FORMAT= PORT=$PORT \
    java "$@" -jar "$JAR" >"$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && break; sleep 1; done

probe() { # median and max of 30 public GETs, 0.2 s apart, in ms
    for _ in $(seq 1 30); do curl -s -o /dev/null -w '%{time_total}\n' "$URL"; sleep 0.2; done |
        sort -n | awk '{a[NR]=$1} END {printf "median %.1f ms, max %.1f ms", a[int((NR+1)/2)]*1000, a[NR]*1000}'
}
for _ in $(seq 1 20); do curl -s -o /dev/null "$URL"; done
echo "quiet: $(probe)"
(timeout 25 curl -s -Z --parallel-max 24 -o /dev/null -w '%{http_code}\n' -u "guess:wrong-password" \
    "http://127.0.0.1:$PORT/api/v1/staff?n=[1-100000]" >"$DATA/flood.txt" 2>/dev/null) &
FLOOD=$!
sleep 3
echo "under the flood: $(probe)"
wait $FLOOD
echo "flood answers in 25 s: $(sort "$DATA/flood.txt" | uniq -c | tr '\n' ' ')"
