#!/usr/bin/env bash
# Throughput and latency of shopper scans (POST /api/v1/trips/{id}/scans) on PostgreSQL, next to pgbench -S on
# the same machine. Builds the jar and the test classes, starts the jar on a free port of 127.0.0.1 against a
# fresh schema bench_scans in database test (demo chain and catalog load on start), and runs the load harness
# se.skanna.bench.ScanLoad (skanna-app test sources) three times: open loop at 500 and 2,000 scans/s (latency
# from the intended send time, so no coordinated omission) and closed loop with MAX_CONCURRENCY workers for
# the maximum. Then stops the server and runs, in its own database bench_pgbench, pgbench with a script doing the
# minimal durable write a scan needs (insert a scan row ON CONFLICT DO NOTHING and update the trip row, in one
# transaction, over MAX_TRIPS trips with MAX_CONCURRENCY clients, as many as the closed loop's workers), and
# pgbench -S (select-only) for reference. The ratio that counts: closed-loop scans/s ÷ scan-write tps.
# Prints a Markdown table; schema, database and server are removed on exit. All traffic goes to 127.0.0.1.
#
#   bash bench/scans.sh
#   DURATION=5 WARMUP=2 SERVER_WARMUP=5 PGBENCH_DURATION=5 QUIET_WAIT=0 bash bench/scans.sh   # a quick check only
#
# Settings (environment):
#   DURATION=30 WARMUP=10              measured seconds and warm-up seconds per scenario
#   SERVER_WARMUP=30                   seconds of closed-loop scanning (16 workers, not reported) after the start,
#                                      so that the first scenario does not meet a cold JIT
#   RATES="500 2000"                   open-loop scenarios, scans/s ("" for the closed loop only)
#   MAX_CONCURRENCY=64 MAX_TRIPS=2000  closed-loop workers and trips scanned round-robin in the max scenario
#   TRIPS_MIN=400 TRIP_RATE=2.5        open loop: max(TRIPS_MIN, rate / TRIP_RATE) trips at a time; the server
#                                      allows 5 scans/s per trip (burst 20), so each trip stays well below that
#   SCANS_PER_TRIP=80                  a trip retires after this many scans (and before a line passes quantity
#                                      90 or the cart 60 lines); a fresh trip takes its place. The first trips
#                                      retire early, staggered, so carts reach every size only after about
#                                      SCANS_PER_TRIP x trips / rate seconds (32 s at 2,000/s with 800 trips);
#                                      the table gives the average cart size at the measured scans
#   STORE=s0001 CODES=...              what is scanned: by default four countable products (they merge into
#                                      growing lines) and one cheese weight label (a line per piece)
#   PGBENCH_DURATION=30 PGBENCH_JOBS=2   both pgbench runs; the scan write uses MAX_CONCURRENCY clients
#   PGBENCH_SELECT=1                   0 skips pgbench -S
#   PGBENCH_SCALE=10 PGBENCH_CLIENTS=16  pgbench -S only
#   BENCH_PORT=18100                   first port tried; the next free one up to +19 is used
#   NODES=1                            Skanna nodes on the same schema; with 2 or more, ScanLoad starts each new
#                                      trip on the next node and sends that trip's scans there (sticky per trip,
#                                      as a balancer with session affinity would); CPU "server" sums all nodes
#   PG_PORT=5432 PG_USER=postgres      the local PostgreSQL (trust authentication on 127.0.0.1)
#   BUILD=1                            0 skips the Maven build and uses the existing jar and test classes
#   JAR=skanna-app/target/skanna.jar TEST_CLASSES=skanna-app/target/test-classes
#                                      with BUILD=0: another build to measure (e.g. a saved one of an earlier commit)
#   BENCH_JAVA_OPTS= LOAD_JAVA_OPTS=   extra JVM options for the server and for the load harness
#   SKANNA_DB_POOL_SIZE                the server's connection pool (default 20), passed through as set
#   RESULTS_DIR=bench/results/<UTC time>-scans   raw outputs, server log and the table
#   QUIET_WAIT=300 QUIET_MAX_PERCENT=10  before each scenario, wait up to 300 s until other processes use
#                                      under 10% of the CPUs (0: do not wait)
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-30}
WARMUP=${WARMUP:-10}
SERVER_WARMUP=${SERVER_WARMUP:-30}
RATES=${RATES-"500 2000"}
MAX_CONCURRENCY=${MAX_CONCURRENCY:-64}
MAX_TRIPS=${MAX_TRIPS:-2000}
TRIPS_MIN=${TRIPS_MIN:-400}
TRIP_RATE=${TRIP_RATE:-2.5}
SCANS_PER_TRIP=${SCANS_PER_TRIP:-80}
STORE=${STORE:-s0001}
# Mellanmjölk 1 l, Standardmjölk 1 l, Havredryck Barista, Filmjölk, and a Prästost weight label (112.5 g)
CODES=${CODES:-7310865004703,7364166317000,7357847050006,7364166317147,2300000112504}
PGBENCH_SCALE=${PGBENCH_SCALE:-10}
PGBENCH_CLIENTS=${PGBENCH_CLIENTS:-16}
PGBENCH_JOBS=${PGBENCH_JOBS:-2}
PGBENCH_DURATION=${PGBENCH_DURATION:-30}
BENCH_PORT=${BENCH_PORT:-18100}
NODES=${NODES:-1}
PG_PORT=${PG_PORT:-5432}
PG_USER=${PG_USER:-postgres}
BUILD=${BUILD:-1}
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:-}
LOAD_JAVA_OPTS=${LOAD_JAVA_OPTS:-}
RESULTS_DIR=${RESULTS_DIR:-bench/results/$(date -u +%Y%m%dT%H%M%SZ)-scans}
QUIET_WAIT=${QUIET_WAIT:-300}
QUIET_MAX_PERCENT=${QUIET_MAX_PERCENT:-10}
HOST=127.0.0.1
PG_DB=test
PG_SCHEMA=bench_scans
PGBENCH_DB=bench_pgbench

log() { printf '== %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

for n in NODES DURATION WARMUP SERVER_WARMUP MAX_CONCURRENCY MAX_TRIPS TRIPS_MIN SCANS_PER_TRIP PGBENCH_SCALE PGBENCH_CLIENTS \
  PGBENCH_JOBS PGBENCH_DURATION QUIET_WAIT QUIET_MAX_PERCENT; do
  [[ "${!n}" =~ ^[0-9]+$ ]] || die "$n must be a whole number, not '${!n}'."
done
[ "$NODES" -ge 1 ] || die "NODES must be at least 1."
for rate in $RATES; do [[ "$rate" =~ ^[1-9][0-9]*$ ]] || die "RATES must be whole numbers above 0, not '$rate'."; done
for tool in curl psql pgbench createdb dropdb pg_isready; do
  command -v "$tool" >/dev/null || die "$tool is not installed."
done
pg_isready -q -h "$HOST" -p "$PG_PORT" || die "No PostgreSQL on $HOST:$PG_PORT."

. scripts/jdk.sh # JAVA_HOME: a JDK >= 21, as for .ci/run
JAVA="$JAVA_HOME/bin/java"

# One run at a time: the schema and the pgbench database have fixed names.
exec 9>"${TMPDIR:-/tmp}/skanna-bench-scans.lock"
flock -n 9 || die "Another bench/scans.sh is running."
mkdir -p "$RESULTS_DIR"

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
JAR_SOURCE="this tree at $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- 2>/dev/null || echo ' (with uncommitted changes)')"
[ -z "${JAR:-}" ] || JAR_SOURCE="$JAR (given)"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/skanna-bench-scans.XXXXXX")
SERVER_PIDS=()
PG_SCHEMA_CREATED=""
PGBENCH_DB_CREATED=""

psql_test() { PGOPTIONS='-c client_min_messages=warning' timeout 60 psql -h "$HOST" -p "$PG_PORT" -U "$PG_USER" -d "$PG_DB" -v ON_ERROR_STOP=1 -q "$@"; }

stop_server() {
  local pid
  for pid in "${SERVER_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
      kill -9 "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  SERVER_PIDS=()
}

cleanup() {
  local rc=$?
  stop_server
  cp "$WORK"/server*.log "$RESULTS_DIR/" 2>/dev/null || true
  if [ -n "$PG_SCHEMA_CREATED" ]; then
    psql_test -c "drop schema if exists $PG_SCHEMA cascade" || true
  fi
  if [ -n "$PGBENCH_DB_CREATED" ]; then
    timeout 60 dropdb --if-exists -h "$HOST" -p "$PG_PORT" -U "$PG_USER" "$PGBENCH_DB" || true
  fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Build: the jar, the test classes (ScanLoad) and the test classpath, as bench/catalog-import.sh does.
MVN=(./mvnw -B -q -ntp -Dspotless.check.skip=true -Dcyclonedx.skip=true)
if [ "$BUILD" != 0 ]; then
  log "Building skanna-app/target/skanna.jar and the test classes (log: $RESULTS_DIR/build.log)"
  { "${MVN[@]}" -DskipTests install -pl skanna-gs1,skanna-pricing -am \
      && "${MVN[@]}" -DskipTests package test-compile -pl skanna-app; } >"$RESULTS_DIR/build.log" 2>&1 \
    || { tail -n 40 "$RESULTS_DIR/build.log" >&2; die "The build failed."; }
fi
JAR=${JAR:-skanna-app/target/skanna.jar}
TEST_CLASSES=${TEST_CLASSES:-skanna-app/target/test-classes}
[ -f "$JAR" ] || die "$JAR is missing; run with BUILD=1."
[ -f "$TEST_CLASSES/se/skanna/bench/ScanLoad.class" ] || die "ScanLoad is not compiled; run with BUILD=1."
./mvnw -B -q -ntp dependency:build-classpath -pl skanna-app -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp" \
  >"$WORK/cp.log" 2>&1 || { cat "$WORK/cp.log" >&2; die "Could not build the test classpath."; }
# Copies, so that a concurrent build in this tree cannot swap the jar or the classes underneath.
cp "$JAR" "$WORK/skanna.jar"
cp -r "$TEST_CLASSES" "$WORK/test-classes"
LOAD_CP="$WORK/test-classes:$(cat "$WORK/cp")"

port_in_use() { timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$1" 2>/dev/null; }
PORTS=()
for candidate in $(seq "$BENCH_PORT" $((BENCH_PORT + 19))); do
  [ "${#PORTS[@]}" -lt "$NODES" ] || break
  if ! port_in_use "$candidate"; then PORTS+=("$candidate"); fi
done
[ "${#PORTS[@]}" -eq "$NODES" ] || die "Not $NODES free ports in $BENCH_PORT..$((BENCH_PORT + 19)) on $HOST."
BASE=""
for port in "${PORTS[@]}"; do BASE+="${BASE:+,}http://$HOST:$port"; done

psql_test -c "drop schema if exists $PG_SCHEMA cascade" -c "create schema $PG_SCHEMA"
PG_SCHEMA_CREATED=1
PG_VERSION=$(psql_test -At -c 'show server_version' | cut -d' ' -f1)
PG_SETTINGS=$(psql_test -At -F= -c "select name, setting || coalesce(unit, '') from pg_settings where name in
  ('shared_buffers', 'synchronous_commit', 'fsync', 'max_connections', 'wal_sync_method') order by name" | paste -sd' ')

ADMIN_PASSWORD="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
node=0
for port in "${PORTS[@]}"; do
  node=$((node + 1))
  log "Starting node $node of $NODES on http://$HOST:$port with $JAVA_HOME (PostgreSQL $PG_VERSION on $HOST:$PG_PORT/$PG_DB, schema $PG_SCHEMA)"
  # shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
  SKANNA_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
  SKANNA_DATA_DIR="$WORK/data" SKANNA_LOG_FORMAT= SKANNA_DEMO=true \
    "$JAVA" $BENCH_JAVA_OPTS -jar "$WORK/skanna.jar" --server.port="$port" --server.address="$HOST" \
    --spring.datasource.url="jdbc:postgresql://$HOST:$PG_PORT/$PG_DB?currentSchema=$PG_SCHEMA" \
    --spring.datasource.username="$PG_USER" --spring.datasource.password= \
    --skanna.trips.scans-per-second-per-client=1000000 --skanna.trips.scan-burst-per-client=1000000 \
    --skanna.trips.starts-per-minute-per-client=1000000 --skanna.trips.start-burst-per-client=1000000 \
    --skanna.trips.starts-per-minute-per-store=1000000 --skanna.trips.start-burst-per-store=1000000 \
    >"$WORK/server-$node.log" 2>&1 &
  pid=$!
  SERVER_PIDS+=("$pid")
  ready=""
  for _ in $(seq 1 300); do
    kill -0 "$pid" 2>/dev/null || { tail -n 40 "$WORK/server-$node.log" >&2; die "Node $node exited during start."; }
    if curl -sf --max-time 2 "http://$HOST:$port/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; then
      ready=1
      break
    fi
    sleep 1
  done
  [ -n "$ready" ] || { tail -n 40 "$WORK/server-$node.log" >&2; die "Node $node was not ready within 300 s."; }
done
log "Ready"

# CPU accounting in jiffies: all CPUs, the server process, all PostgreSQL processes (server and backends).
NCPU=$(nproc)
TICKS=$(getconf CLK_TCK)
cpu_busy() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
proc_cpu() {
  local stat
  stat=$( { [ -n "$1" ] && cat "/proc/$1/stat"; } 2>/dev/null) || { echo 0; return; }
  sed 's/.*) //' <<<"$stat" | awk '{print $12 + $13}'
}
server_cpu() {
  local total=0 pid
  for pid in "${SERVER_PIDS[@]}"; do total=$((total + $(proc_cpu "$pid"))); done
  echo "$total"
}
pg_cpu() {
  local total=0 pid
  for pid in $(pgrep -u postgres 2>/dev/null); do total=$((total + $(proc_cpu "$pid"))); done
  echo "$total"
}
# Share of all CPUs (percent) used by other processes than the server while it idles, over 2 s.
other_load_now() {
  local b0 s0 b1 s1
  b0=$(cpu_busy) s0=$(server_cpu); sleep 2; b1=$(cpu_busy) s1=$(server_cpu)
  echo $(( ((b1 - b0) - (s1 - s0)) * 100 / (2 * TICKS * NCPU) ))
}
wait_quiet() {
  local deadline=$((SECONDS + QUIET_WAIT)) load
  while :; do
    load=$(other_load_now)
    [ "$load" -lt "$QUIET_MAX_PERCENT" ] && return 0
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "WARNING: other processes use ${load}% of the CPUs; measuring anyway (see the CPU column)."
      return 0
    fi
    log "Other processes use ${load}% of the CPUs; waiting for a quiet machine (up to ${QUIET_WAIT}s in all)."
    sleep 8
  done
}

# A value from ScanLoad's RESULT line.
result_value() { tr ' ' '\n' <<<"$1" | awk -F= -v k="$2" '$1 == k {print substr($0, length(k) + 2)}'; }
# "429:3,409:1" -> "429×3, 409×1"
counts() { sed 's/:/×/g; s/,/, /g' <<<"$1"; }

ROWS=()
MAX_ACHIEVED=""
problems=0
run_scenario() {
  local name=$1 rate=$2 trips=$3 file=$4
  wait_quiet
  log "$name: $trips trips, warm-up ${WARMUP}s, measuring ${DURATION}s"
  local busy0 server0 pg0 start busy1 server1 pg1 end
  busy0=$(cpu_busy) server0=$(server_cpu) pg0=$(pg_cpu) start=$EPOCHREALTIME
  TIMEFORMAT='%3U %3S'
  { time scan_load $((WARMUP + DURATION + 300)) --trips="$trips" --rate="$rate" \
      --concurrency="$MAX_CONCURRENCY" --duration="$DURATION" --warmup="$WARMUP" >"$RESULTS_DIR/$file" 2>&1; } \
    2>"$WORK/load.time" \
    || { cat "$RESULTS_DIR/$file" >&2; die "$name: ScanLoad failed."; }
  busy1=$(cpu_busy) server1=$(server_cpu) pg1=$(pg_cpu) end=$EPOCHREALTIME
  cat "$RESULTS_DIR/$file" >&2
  local load_user load_sys cpu
  read -r load_user load_sys <"$WORK/load.time"
  # CPU shares over warm-up and run in percent of all CPUs: server, harness, PostgreSQL, everything else.
  cpu=$(awk -v t0="$start" -v t1="$end" -v n="$NCPU" -v hz="$TICKS" -v b="$((busy1 - busy0))" \
    -v sv="$((server1 - server0))" -v pg="$((pg1 - pg0))" -v u="$load_user" -v sy="$load_sys" 'BEGIN {
      capacity = (t1 - t0) * n
      server = sv / hz * 100 / capacity; load = (u + sy) * 100 / capacity; db = pg / hz * 100 / capacity
      other = b / hz * 100 / capacity - server - load - db
      printf "%.0f / %.0f / %.0f / %.0f %%", server, load, db, (other < 0 ? 0 : other)
    }')
  echo "CPU over warm-up and run (percent of $NCPU CPUs): server / ScanLoad / PostgreSQL / other: $cpu" \
    >>"$RESULTS_DIR/$file"
  local result
  result=$(grep '^RESULT ' "$RESULTS_DIR/$file" | tail -n 1)
  [ -n "$result" ] || die "$name: no RESULT line in $RESULTS_DIR/$file."
  local non2xx failed unsent warm note=""
  non2xx=$(result_value "$result" non2xx) failed=$(result_value "$result" failed)
  unsent=$(result_value "$result" unsent) warm=$(result_value "$result" warmup_errors)
  [ "$non2xx" = 0 ] || note+="$(counts "$(result_value "$result" statuses)"); "
  [ "$failed" = 0 ] || note+="no answer: $(counts "$(result_value "$result" failures)"); "
  [ "$unsent" = 0 ] || note+="not sent: $unsent; "
  [ "$warm" = - ] || note+="in warm-up: $(counts "$warm"); "
  note=${note%; }
  [ -z "$note" ] || problems=$((problems + 1))
  local target="$rate/s"
  [ "$rate" = 0 ] && target="max ($MAX_CONCURRENCY workers)"
  ROWS+=("| $name | $target | $(result_value "$result" achieved) | $(result_value "$result" p50) | $(result_value "$result" p99) | ${note:-none} | $(result_value "$result" p999) | $(result_value "$result" max) | $(result_value "$result" sent) | $trips | $(result_value "$result" lines) | $cpu |")
  [ "$rate" != 0 ] || MAX_ACHIEVED=$(result_value "$result" achieved)
}

# ScanLoad with the common arguments, stopped after $1 seconds at the latest.
scan_load() {
  local limit=$1
  shift
  # shellcheck disable=SC2086 # LOAD_JAVA_OPTS is a list of options
  timeout "$limit" "$JAVA" $LOAD_JAVA_OPTS -cp "$LOAD_CP" se.skanna.bench.ScanLoad \
    --base="$BASE" --store="$STORE" --codes="$CODES" --scans-per-trip="$SCANS_PER_TRIP" "$@"
}

if [ "$SERVER_WARMUP" -gt 0 ]; then
  log "JIT warm-up: ${SERVER_WARMUP}s of scans, closed loop with 16 workers (not reported)"
  scan_load $((SERVER_WARMUP + 300)) --rate=0 --concurrency=16 --trips="$TRIPS_MIN" --warmup=0 \
    --duration="$SERVER_WARMUP" >"$RESULTS_DIR/0-jit-warmup.txt" 2>&1 \
    || { cat "$RESULTS_DIR/0-jit-warmup.txt" >&2; die "The JIT warm-up failed."; }
  grep -E '^(throughput|latency|RESULT)' "$RESULTS_DIR/0-jit-warmup.txt" >&2 || true
fi

i=0
for rate in $RATES; do
  i=$((i + 1))
  trips=$(awk -v r="$rate" -v per="$TRIP_RATE" -v min="$TRIPS_MIN" 'BEGIN { t = r / per; t = (t == int(t)) ? t : int(t) + 1; print (t < min ? min : t) }')
  run_scenario "open loop $rate/s" "$rate" "$trips" "$i-open-$rate.txt"
done
run_scenario "closed loop" 0 "$MAX_TRIPS" "$((i + 1))-closed-max.txt"

# cart lines: in trip_line before migration V28, in the trip row (a JSON array) since
LINES_SQL="(select count(*) from $PG_SCHEMA.trip_line)"
if [ "$(psql_test -At -c "select to_regclass('$PG_SCHEMA.trip_line') is null")" = t ]; then
  LINES_SQL="(select coalesce(sum(json_array_length(lines::json)), 0) from $PG_SCHEMA.trip)"
fi
DB_SIZES=$(psql_test -At -F' ' -c "select (select count(*) from $PG_SCHEMA.trip), $LINES_SQL,
  (select count(*) from $PG_SCHEMA.trip_scan), pg_size_pretty(sum(pg_total_relation_size(c.oid))) from pg_class c
  join pg_namespace n on n.oid = c.relnamespace where n.nspname = '$PG_SCHEMA' and c.relkind = 'r'")
read -r DB_TRIPS DB_LINES DB_SCANS DB_SIZE_NUM DB_SIZE_UNIT <<<"$DB_SIZES"
stop_server

# pgbench in its own database, with the server stopped: first the minimal durable write a scan needs (a custom
# script, the same number of clients as the closed loop), then, unless PGBENCH_SELECT=0, pgbench -S (select-only).
wait_quiet
timeout 60 dropdb --if-exists -h "$HOST" -p "$PG_PORT" -U "$PG_USER" "$PGBENCH_DB"
timeout 60 createdb -h "$HOST" -p "$PG_PORT" -U "$PG_USER" "$PGBENCH_DB"
PGBENCH_DB_CREATED=1
# MAX_TRIPS trip rows as the closed loop scans them round-robin; a scan row per transaction, keyed as trip_scan is.
timeout 120 psql -h "$HOST" -p "$PG_PORT" -U "$PG_USER" -d "$PGBENCH_DB" -v ON_ERROR_STOP=1 -q >"$RESULTS_DIR/pgbench-write-init.txt" 2>&1 <<SQL \
  || { cat "$RESULTS_DIR/pgbench-write-init.txt" >&2; die "Could not set up the pgbench write tables."; }
create table trip (id integer primary key, version integer not null, last_activity_at timestamptz not null);
create table trip_scan (trip_id integer not null references trip (id), scan_id varchar(64) not null,
  code varchar(512) not null, quantity integer not null, scanned_at timestamptz not null, primary key (trip_id, scan_id));
insert into trip select g, 0, now() from generate_series(1, $MAX_TRIPS) g;
vacuum analyze;
SQL
cat >"$WORK/scan-write.sql" <<SQL
\\set trip random(1, $MAX_TRIPS)
BEGIN;
INSERT INTO trip_scan (trip_id, scan_id, code, quantity, scanned_at)
  VALUES (:trip, gen_random_uuid()::text, '7310865004703', 1, now()) ON CONFLICT DO NOTHING;
UPDATE trip SET version = version + 1, last_activity_at = now() WHERE id = :trip;
END;
SQL
cp "$WORK/scan-write.sql" "$RESULTS_DIR/pgbench-scan-write.sql"
log "pgbench scan write: $MAX_TRIPS trips, $MAX_CONCURRENCY clients, $PGBENCH_JOBS threads, ${PGBENCH_DURATION}s"
timeout $((PGBENCH_DURATION + 120)) pgbench -h "$HOST" -p "$PG_PORT" -U "$PG_USER" -n -f "$WORK/scan-write.sql" \
  -c "$MAX_CONCURRENCY" -j "$PGBENCH_JOBS" -T "$PGBENCH_DURATION" "$PGBENCH_DB" >"$RESULTS_DIR/pgbench-write.txt" 2>&1 \
  || { cat "$RESULTS_DIR/pgbench-write.txt" >&2; die "pgbench (scan write) failed."; }
cat "$RESULTS_DIR/pgbench-write.txt" >&2
WRITE_TPS=$(awk '/^tps = / {printf "%.0f", $3; exit}' "$RESULTS_DIR/pgbench-write.txt")
WRITE_LATENCY=$(awk '/^latency average/ {print $4; exit}' "$RESULTS_DIR/pgbench-write.txt")
[ -n "$WRITE_TPS" ] || die "No tps in $RESULTS_DIR/pgbench-write.txt."
WRITE_RATIO=$(awk -v a="$MAX_ACHIEVED" -v b="$WRITE_TPS" 'BEGIN { printf (b > 0 ? "%.3f" : "-"), a / b }')

PGBENCH_SELECT=${PGBENCH_SELECT:-1}
if [ "$PGBENCH_SELECT" != 0 ]; then
  wait_quiet
  log "pgbench -S: scale $PGBENCH_SCALE, $PGBENCH_CLIENTS clients, $PGBENCH_JOBS threads, ${PGBENCH_DURATION}s"
  timeout 600 pgbench -h "$HOST" -p "$PG_PORT" -U "$PG_USER" -i -q -s "$PGBENCH_SCALE" "$PGBENCH_DB" \
    >"$RESULTS_DIR/pgbench-init.txt" 2>&1 || { cat "$RESULTS_DIR/pgbench-init.txt" >&2; die "pgbench -i failed."; }
  timeout $((PGBENCH_DURATION + 120)) pgbench -h "$HOST" -p "$PG_PORT" -U "$PG_USER" -S -c "$PGBENCH_CLIENTS" \
    -j "$PGBENCH_JOBS" -T "$PGBENCH_DURATION" "$PGBENCH_DB" >"$RESULTS_DIR/pgbench-S.txt" 2>&1 \
    || { cat "$RESULTS_DIR/pgbench-S.txt" >&2; die "pgbench -S failed."; }
  cat "$RESULTS_DIR/pgbench-S.txt" >&2
  PGBENCH_TPS=$(awk '/^tps = / {printf "%.0f", $3; exit}' "$RESULTS_DIR/pgbench-S.txt")
  PGBENCH_LATENCY=$(awk '/^latency average/ {print $4; exit}' "$RESULTS_DIR/pgbench-S.txt")
  [ -n "$PGBENCH_TPS" ] || die "No tps in $RESULTS_DIR/pgbench-S.txt."
  RATIO=$(awk -v a="$MAX_ACHIEVED" -v b="$PGBENCH_TPS" 'BEGIN { printf (b > 0 ? "%.3f" : "-"), a / b }')
fi

{
  echo "Skanna shopper scans on PostgreSQL, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "- machine: $NCPU CPUs ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, $(uname -sr); server, harness and PostgreSQL share the CPUs; load average before start: $LOAD_BEFORE"
  echo "- JDK: $("$JAVA" -version 2>&1 | sed -n 2p) ($JAVA_HOME)"
  echo "- jar: sha256 $(sha256sum "$WORK/skanna.jar" | cut -c1-12), built from $JAR_SOURCE"
  echo "- database: PostgreSQL $PG_VERSION on $HOST:$PG_PORT/$PG_DB, schema $PG_SCHEMA ($PG_SETTINGS); after the runs: $DB_TRIPS trips, $DB_LINES lines, $DB_SCANS scans, $DB_SIZE_NUM $DB_SIZE_UNIT"
  echo "- load: se.skanna.bench.ScanLoad, store $STORE, codes $CODES, $SCANS_PER_TRIP scans per trip, ${SERVER_WARMUP}s JIT warm-up after the start, then per scenario ${WARMUP}s warm-up + ${DURATION}s measured; open loop: latency from the intended send time; per-client scan limit raised, per-trip limit at its default (5/s, burst 20)"
  echo
  echo "| scenario | target rate | achieved/s | p50 ms | p99 ms | errors | p99.9 ms | max ms | requests | trips at a time | cart lines | CPU server / harness / PostgreSQL / other |"
  echo "|---|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "pgbench scan write (insert a scan row ON CONFLICT DO NOTHING + update the trip row in one transaction, $MAX_TRIPS trips, -c $MAX_CONCURRENCY -j $PGBENCH_JOBS -T $PGBENCH_DURATION, server stopped): $WRITE_TPS tps, latency average $WRITE_LATENCY ms"
  echo
  echo "**Ratio: max scans/s ÷ pgbench scan-write tps = $MAX_ACHIEVED ÷ $WRITE_TPS = $WRITE_RATIO**"
  if [ "$PGBENCH_SELECT" != 0 ]; then
    echo
    echo "pgbench -S (select-only, scale $PGBENCH_SCALE, -c $PGBENCH_CLIENTS -j $PGBENCH_JOBS -T $PGBENCH_DURATION, server stopped): $PGBENCH_TPS tps, latency average $PGBENCH_LATENCY ms; max scans/s ÷ pgbench -S tps = $RATIO"
  fi
} | tee "$RESULTS_DIR/summary.md"
log "Raw outputs and server log: $RESULTS_DIR"
[ "$problems" -eq 0 ] || log "WARNING: $problems scenario(s) had errors, see the table."
