#!/usr/bin/env bash
# What a receipt check costs as a store's journal grows (issue 11): starts the packaged jar on a fresh embedded
# H2 database (demo chain and catalog), then runs se.skanna.bench.ReceiptCheckLoad (skanna-app test sources):
# grows store s0001's journal by paid trips to each size in SIZES, has THREADS clients check the first and the
# newest receipt for DURATION s each (after WARMUP s), and times the whole-journal check twice per size.
# Limits that count per client address are raised for the run (all load comes from 127.0.0.1).
#
#   bash bench/receipts.sh
#   SKANNA_JAR=/tmp/old/skanna-app/target/skanna.jar SIZES=1,600 bash bench/receipts.sh   # another build
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh

SIZES=${SIZES:-1,600,3000}
THREADS=${THREADS:-4}
WARMUP=${WARMUP:-3}
DURATION=${DURATION:-10}
PORT=${BENCH_PORT:-18130}
SKANNA_JAR=${SKANNA_JAR:-skanna-app/target/skanna.jar}
BUILD=${BUILD:-1}
work=$(mktemp -d)
server=""
cleanup() {
  [ -z "$server" ] || kill "$server" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

if [ "$BUILD" = 1 ]; then
  ./mvnw -B -q -ntp -Dspotless.check.skip=true -Dcyclonedx.skip=true -DskipTests install -pl skanna-gs1,skanna-pricing -am >/dev/null
  ./mvnw -B -q -ntp -Dspotless.check.skip=true -Dcyclonedx.skip=true -DskipTests package test-compile -pl skanna-app
fi
./mvnw -B -q -ntp dependency:build-classpath -pl skanna-app -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp" >/dev/null
password="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"

SKANNA_DATA_DIR="$work/data" SKANNA_LOG_FORMAT= SKANNA_ADMIN_PASSWORD="$password" \
  java -jar "$SKANNA_JAR" --server.port="$PORT" --server.address=127.0.0.1 \
  --skanna.trips.starts-per-minute-per-client=1000000 --skanna.trips.start-burst-per-client=1000000 \
  --skanna.trips.starts-per-minute-per-store=1000000 --skanna.trips.start-burst-per-store=1000000 \
  --skanna.receipts.verifications-per-minute-per-client=1000000 --skanna.receipts.verification-burst-per-client=1000000 \
  >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 180); do
  curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { tail -40 "$work/server.log"; exit 1; }
  sleep 1
done

echo "jar: $SKANNA_JAR (sha256 $(sha256sum "$SKANNA_JAR" | cut -c1-12)), $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "skanna-app/target/test-classes:$(cat "$work/cp")" se.skanna.bench.ReceiptCheckLoad \
  --base="http://127.0.0.1:$PORT" --sizes="$SIZES" --threads="$THREADS" --warmup="$WARMUP" --duration="$DURATION" \
  --admin-password="$password"
