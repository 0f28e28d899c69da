#!/usr/bin/env bash
# Time to import a large catalog end to end: POST /api/v1/catalog/imports of N generated products (parse,
# validation, one transaction, in-memory reload) against the packaged jar, first as new products, then again
# as updates. On H2 (fresh folder) and, when psql reaches PostgreSQL on 127.0.0.1:5432, on PostgreSQL in
# schema bench_import (dropped afterwards).
#
#   bash bench/catalog-import.sh            # 200,000 products
#   PRODUCTS=50000 bash bench/catalog-import.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh

PRODUCTS=${PRODUCTS:-200000}
PORT=${BENCH_PORT:-18090}
work=$(mktemp -d)
server=""
cleanup() {
  [ -z "$server" ] || kill "$server" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

./mvnw -B -q -ntp -Dspotless.check.skip=true -Dcyclonedx.skip=true -DskipTests install -pl skanna-gs1,skanna-pricing -am >/dev/null
./mvnw -B -q -ntp -Dspotless.check.skip=true -Dcyclonedx.skip=true -DskipTests package test-compile -pl skanna-app
./mvnw -B -q -ntp dependency:build-classpath -pl skanna-app -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp" >/dev/null
java -cp "skanna-app/target/test-classes:skanna-app/target/classes:$(cat "$work/cp")" \
  se.skanna.catalog.LargeCatalog "$PRODUCTS" "$work/catalog.json"

password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
run() {
  local label=$1; shift
  SKANNA_DATA_DIR="$work/data-$label" SKANNA_DEMO=false SKANNA_LOG_FORMAT= SKANNA_ADMIN_PASSWORD="$password" \
    java -Xmx2g -jar skanna-app/target/skanna.jar --server.port="$PORT" --skanna.request-limits.imports=64MB "$@" >"$work/server-$label.log" 2>&1 &
  server=$!
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1 && break
    sleep 1
  done
  for round in insert update; do
    result=$(curl -s -o "$work/answer.json" -w '%{http_code} %{time_total}' -u "admin:$password" \
      -H 'Content-Type: application/json' --data-binary @"$work/catalog.json" \
      "http://127.0.0.1:$PORT/api/v1/catalog/imports")
    echo "| $label | $round | $PRODUCTS | ${result%% *} | ${result##* } s | $(cat "$work/answer.json") |"
  done
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
}

echo "| database | round | products | HTTP | time | answer |"
echo "|---|---|---|---|---|---|"
run h2
if command -v psql >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432; then
  psql -h 127.0.0.1 -U postgres -d test -q -c "drop schema if exists bench_import cascade" -c "create schema bench_import"
  run postgresql --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=bench_import&reWriteBatchedInserts=true" \
    --spring.datasource.username=postgres --spring.datasource.password=
  psql -h 127.0.0.1 -U postgres -d test -q -c "drop schema bench_import cascade"
fi
