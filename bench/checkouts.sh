#!/usr/bin/env bash
# Checkouts per second with the test provider, on PostgreSQL: starts the packaged jar against a fresh schema
# bench_checkouts (demo chain and catalog load on start) and runs se.skanna.bench.CheckoutLoad (skanna-app test
# sources): closed-loop workers that each start a trip, scan ITEMS items and pay, again and again, for
# WARMUP + DURATION seconds, once per CONCURRENCY value. Loopback only; server and schema removed on exit.
#
#   bash bench/checkouts.sh
#   CONCURRENCY="16 64" ITEMS=5 WARMUP=10 DURATION=30 bash bench/checkouts.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh

CONCURRENCY=${CONCURRENCY:-"16 64"}
ITEMS=${ITEMS:-5}
WARMUP=${WARMUP:-10}
DURATION=${DURATION:-30}
PORT=${BENCH_PORT:-18120}
SCHEMA=bench_checkouts
work=$(mktemp -d)
server=""
cleanup() {
  [ -z "$server" ] || kill "$server" 2>/dev/null || true
  wait 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -d test -q -c "drop schema if exists $SCHEMA cascade" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

./mvnw -B -q -ntp -Dspotless.check.skip=true -Dcyclonedx.skip=true -DskipTests install -pl skanna-gs1,skanna-pricing -am >/dev/null
./mvnw -B -q -ntp -Dspotless.check.skip=true -Dcyclonedx.skip=true -DskipTests package test-compile -pl skanna-app
./mvnw -B -q -ntp dependency:build-classpath -pl skanna-app -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp" >/dev/null
psql -h 127.0.0.1 -U postgres -d test -q -c "drop schema if exists $SCHEMA cascade" -c "create schema $SCHEMA"

SKANNA_DATA_DIR="$work/data" SKANNA_LOG_FORMAT= SKANNA_ADMIN_PASSWORD="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')" \
  java -jar skanna-app/target/skanna.jar --server.port="$PORT" --server.address=127.0.0.1 \
  --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$SCHEMA" \
  --spring.datasource.username=postgres --spring.datasource.password= \
  --skanna.trips.scans-per-second-per-client=1000000 --skanna.trips.scan-burst-per-client=1000000 \
  --skanna.trips.starts-per-minute-per-client=1000000 --skanna.trips.start-burst-per-client=1000000 \
  --skanna.trips.starts-per-minute-per-store=1000000 --skanna.trips.start-burst-per-store=1000000 \
  >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { tail -40 "$work/server.log"; exit 1; }
  sleep 1
done

echo "| workers | checkouts/s | p50 ms | p99 ms | errors |"
echo "|---:|---:|---:|---:|---:|"
for workers in $CONCURRENCY; do
  java -cp "skanna-app/target/test-classes:$(cat "$work/cp")" se.skanna.bench.CheckoutLoad \
    --base="http://127.0.0.1:$PORT" --items="$ITEMS" --concurrency="$workers" \
    --warmup="$WARMUP" --duration="$DURATION" >"$work/load-$workers.txt"
  cat "$work/load-$workers.txt" >&2
  awk '/^RESULT/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
        printf "| %s | %s | %s | %s | %s |\n", v["workers"], v["checkouts_per_s"], v["p50_ms"], v["p99_ms"], v["errors"] }' \
    "$work/load-$workers.txt"
done
