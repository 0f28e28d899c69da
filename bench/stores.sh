#!/usr/bin/env bash
# Throughput of the store network's public reads: GET /api/v1/stores (full list, region filter, 304 on a
# matching ETag) and the server-rendered status page GET /stores (gzip). Starts the packaged jar on a free
# port of 127.0.0.1 with a fresh embedded H2 database (demo chain loads on start), warms it up, measures
# each case with wrk and prints a Markdown table (exit status 2 if a case had errors). All traffic goes to
# 127.0.0.1; the server is stopped on exit. Results: docs/benchmarks.md.
#
#   ./mvnw -B -q package -DskipTests    # once, builds skanna-app/target/skanna.jar
#   bash bench/stores.sh
#
# Settings (environment):
#   WRK_THREADS=2 WRK_CONNECTIONS=32 WRK_DURATION=20s   the measured runs
#   WARMUP_DURATION=10s                                 wrk run per case before its measured run
#   BENCH_PORT=18080                                    first port tried; the next free one up to +19 is used
#   SKANNA_JAR=skanna-app/target/skanna.jar             the jar to run (copied to a temp dir first)
#   BENCH_JAR_SOURCE=                                   what the jar was built from, if not this tree
#   BENCH_JAVA_OPTS=                                    extra JVM options for the server
#   RESULTS_DIR=bench/results/<UTC time>-stores        raw wrk output, server log and the table
#   QUIET_WAIT=120 QUIET_MAX_PERCENT=10 RETRIES=2       before each run, wait up to 120 s until other
#                                                       processes use under 10% of the CPUs; measure again
#                                                       (up to 2 more times) if they took more during the run
#   BENCH_LOCK=/tmp/skanna-bench.lock BENCH_LOCK_WAIT=900  machine-wide lock held for the whole run
#   BENCH_PG_URL=jdbc:postgresql://127.0.0.1:5432/test  optional: run on PostgreSQL instead of H2, in schema
#   BENCH_PG_USER=postgres                              bench_stores (created and dropped with psql)
set -euo pipefail
cd "$(dirname "$0")/.."

WRK_THREADS=${WRK_THREADS:-2}
WRK_CONNECTIONS=${WRK_CONNECTIONS:-32}
WRK_DURATION=${WRK_DURATION:-20s}
WARMUP_DURATION=${WARMUP_DURATION:-10s}
BENCH_PORT=${BENCH_PORT:-18080}
SKANNA_JAR=${SKANNA_JAR:-skanna-app/target/skanna.jar}
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:-}
RESULTS_DIR=${RESULTS_DIR:-bench/results/$(date -u +%Y%m%dT%H%M%SZ)-stores}
BENCH_PG_URL=${BENCH_PG_URL:-}
BENCH_PG_USER=${BENCH_PG_USER:-postgres}
PG_SCHEMA=bench_stores
HOST=127.0.0.1

log() { printf '== %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

command -v wrk >/dev/null || die "wrk is not installed (Debian: apt-get install wrk)."
command -v curl >/dev/null || die "curl is not installed."
[ -f "$SKANNA_JAR" ] || die "$SKANNA_JAR is missing; build it first: ./mvnw -B -q package -DskipTests"

. scripts/jdk.sh # JAVA_HOME: a JDK >= 21, as for .ci/run
JAVA="$JAVA_HOME/bin/java"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
# Where the jar comes from, for the record: say so in BENCH_JAR_SOURCE when it is not this tree's build.
JAR_SOURCE=${BENCH_JAR_SOURCE:-"this tree at $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- 2>/dev/null || echo ' (with uncommitted changes)')"}

# One load test at a time on this machine: they would share the same CPUs. Other bench scripts may take
# the same lock (flock on $BENCH_LOCK); waiting for it is bounded by BENCH_LOCK_WAIT seconds.
BENCH_LOCK=${BENCH_LOCK:-${TMPDIR:-/tmp}/skanna-bench.lock}
exec 8>"$BENCH_LOCK"
if ! flock -n 8; then
  log "Waiting up to ${BENCH_LOCK_WAIT:-900}s for $BENCH_LOCK (another benchmark is running)."
  flock -w "${BENCH_LOCK_WAIT:-900}" 8 || die "Another benchmark still holds $BENCH_LOCK."
fi

port_in_use() { timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$1" 2>/dev/null; }
PORT=""
for candidate in $(seq "$BENCH_PORT" $((BENCH_PORT + 19))); do
  if ! port_in_use "$candidate"; then PORT=$candidate; break; fi
done
[ -n "$PORT" ] || die "No free port in $BENCH_PORT..$((BENCH_PORT + 19)) on $HOST."
BASE="http://$HOST:$PORT"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/skanna-bench.XXXXXX")
mkdir -p "$RESULTS_DIR"
SERVER_PID=""
PG_CREATED=""

cleanup() {
  local rc=$?
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  [ -f "$WORK/server.log" ] && cp "$WORK/server.log" "$RESULTS_DIR/server.log" || true
  if [ -n "$PG_CREATED" ]; then
    psql_bench -c "drop schema if exists $PG_SCHEMA cascade" || true
  fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Database: embedded H2 in the temp dir by default, or a dedicated schema on a local PostgreSQL.
DB_ARGS=()
DB_LABEL="H2 (embedded, file in a fresh temp dir)"
if [ -n "$BENCH_PG_URL" ]; then
  [[ "$BENCH_PG_URL" =~ ^jdbc:postgresql://(127\.0\.0\.1|localhost)(:([0-9]+))?/([A-Za-z0-9_]+)$ ]] \
    || die "BENCH_PG_URL must look like jdbc:postgresql://127.0.0.1:5432/test (local only, no parameters)."
  PG_PORT=${BASH_REMATCH[3]:-5432} PG_DB=${BASH_REMATCH[4]}
  command -v psql >/dev/null || die "psql is not installed."
  psql_bench() {
    timeout 30 psql -h "$HOST" -p "$PG_PORT" -U "$BENCH_PG_USER" -d "$PG_DB" -v ON_ERROR_STOP=1 -q "$@"
  }
  psql_bench -c "drop schema if exists $PG_SCHEMA cascade" -c "create schema $PG_SCHEMA"
  PG_CREATED=1
  DB_ARGS=(
    "--spring.datasource.url=jdbc:postgresql://$HOST:$PG_PORT/$PG_DB?currentSchema=$PG_SCHEMA"
    "--spring.datasource.username=$BENCH_PG_USER"
    "--spring.datasource.password="
  )
  DB_LABEL="PostgreSQL $(psql_bench -At -c 'show server_version' | cut -d' ' -f1) on $HOST:$PG_PORT/$PG_DB, schema $PG_SCHEMA"
fi

# Start the server from a copy of the jar, so a concurrent build cannot swap it underneath.
cp "$SKANNA_JAR" "$WORK/skanna.jar"
log "Starting $SKANNA_JAR on $BASE with $JAVA_HOME ($DB_LABEL)"
# A throwaway admin password, so the log does not print a generated one.
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
SKANNA_ADMIN_PASSWORD="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')" \
SKANNA_DATA_DIR="$WORK/data" SKANNA_LOG_FORMAT= SKANNA_DEMO=true \
  "$JAVA" $BENCH_JAVA_OPTS -jar "$WORK/skanna.jar" --server.port="$PORT" --server.address="$HOST" "${DB_ARGS[@]}" \
  >"$WORK/server.log" 2>&1 8>&- &
SERVER_PID=$!

ready=""
for _ in $(seq 1 120); do
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 40 "$WORK/server.log" >&2; die "The server exited during start."; }
  if curl -sf --max-time 2 "$BASE/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; then ready=1; break; fi
  sleep 1
done
[ -n "$ready" ] || { tail -n 40 "$WORK/server.log" >&2; die "The server was not ready within 120 s."; }
STORES=$(curl -sf --max-time 10 "$BASE/api/v1/stores" | grep -o '"id":' | wc -l)
[ "$STORES" -gt 0 ] || die "GET /api/v1/stores returned no stores."
ETAG=$(curl -sf --max-time 10 -o /dev/null -D - "$BASE/api/v1/stores" | tr -d '\r' | awk -F': ' 'tolower($1) == "etag" {print $2}')
[ -n "$ETAG" ] || die "GET /api/v1/stores sent no ETag."
log "Ready: $STORES stores, ETag $ETAG"

# The cases: name | path | extra request header (may be empty) | expected status | connections (default
# WRK_CONNECTIONS). The status page once more with one connection: its cost per render without queueing.
CASES=(
  "GET /api/v1/stores|/api/v1/stores||200|"
  "GET /api/v1/stores (Accept-Encoding: gzip)|/api/v1/stores|Accept-Encoding: gzip|200|"
  "GET /api/v1/stores?region=Skåne län|/api/v1/stores?region=Sk%C3%A5ne%20l%C3%A4n||200|"
  "GET /stores (Accept-Encoding: gzip)|/stores|Accept-Encoding: gzip|200|"
  "GET /stores (Accept-Encoding: gzip), 1 connection|/stores|Accept-Encoding: gzip|200|1"
  "GET /api/v1/stores (If-None-Match: current ETag)|/api/v1/stores|If-None-Match: $ETAG|304|"
)

# One request with the case's header: status, body bytes as sent (not decompressed), Content-Encoding.
probe() {
  local path=$1 header=$2
  local args=(-s --max-time 10 -o /dev/null -D "$WORK/probe.headers")
  [ -n "$header" ] && args+=(-H "$header")
  local out
  out=$(curl "${args[@]}" -w '%{http_code} %{size_download}' "$BASE$path")
  local encoding
  encoding=$(tr -d '\r' <"$WORK/probe.headers" | awk -F': ' 'tolower($1) == "content-encoding" {print $2}')
  echo "$out ${encoding:-identity}"
}

run_wrk() {
  local duration=$1 path=$2 header=$3 connections=${4:-$WRK_CONNECTIONS}
  local threads=$((WRK_THREADS < connections ? WRK_THREADS : connections))
  local args=(-t"$threads" -c"$connections" -d"$duration" --latency --timeout 10s)
  [ -n "$header" ] && args+=(-H "$header")
  timeout $(( ${duration%s} + 60 )) wrk "${args[@]}" "$BASE$path"
}

# Converts wrk's latency (e.g. 812.00us, 4.20ms, 1.02s) to milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0
    if (v ~ /us$/) n = n / 1000; else if (v ~ /ms$/) n = n; else if (v ~ /m$/) n = n * 60000; else if (v ~ /s$/) n = n * 1000
    fmt = n < 10 ? "%.2f" : "%.1f"
    printf fmt, n
  }'
}

[[ "$WRK_DURATION" =~ ^[0-9]+s$ && "$WARMUP_DURATION" =~ ^[0-9]+s$ ]] \
  || die "WRK_DURATION and WARMUP_DURATION must be whole seconds, like 20s."

# CPU accounting, so that a busy machine shows in the results: jiffies of all CPUs, of the server process.
cpu_busy() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
server_cpu() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
NCPU=$(nproc)
TICKS=$(getconf CLK_TCK)
# Share of all CPUs (percent) used by other processes than the server while it idles, over 2 s.
other_load_now() {
  local b0 s0 b1 s1
  b0=$(cpu_busy) s0=$(server_cpu); sleep 2; b1=$(cpu_busy) s1=$(server_cpu)
  echo $(( ((b1 - b0) - (s1 - s0)) * 100 / (2 * TICKS * NCPU) ))
}
# Waits (bounded by QUIET_WAIT seconds) until other processes use less than QUIET_MAX_PERCENT of the CPUs.
QUIET_WAIT=${QUIET_WAIT:-120}
QUIET_MAX_PERCENT=${QUIET_MAX_PERCENT:-10}
RETRIES=${RETRIES:-2}
wait_quiet() {
  local deadline=$((SECONDS + QUIET_WAIT)) load
  while :; do
    load=$(other_load_now)
    [ "$load" -lt "$QUIET_MAX_PERCENT" ] && return 0
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "WARNING: other processes still use ${load}% of the CPUs; measuring anyway (see the 'other CPU' column)."
      return 0
    fi
    log "Other processes use ${load}% of the CPUs; waiting for a quiet machine (up to ${QUIET_WAIT}s in all)."
    sleep 8
  done
}

ROWS=()
problems=0
i=0
for case in "${CASES[@]}"; do
  i=$((i + 1))
  IFS='|' read -r name path header expected connections <<<"$case"
  read -r status bytes encoding < <(probe "$path" "$header")
  [ "$status" = "$expected" ] || die "$name answered $status, expected $expected."
  log "[$i/${#CASES[@]}] $name: warm-up $WARMUP_DURATION"
  run_wrk "$WARMUP_DURATION" "$path" "$header" "$connections" >"$RESULTS_DIR/$i-warmup.txt"
  # Measured up to 1 + RETRIES times while other processes take more than QUIET_MAX_PERCENT of the CPUs;
  # the attempt with the least such load is kept and reported.
  best_other=999 attempt=0 attempts_used=0
  while [ "$attempt" -le "$RETRIES" ]; do
    attempt=$((attempt + 1))
    wait_quiet
    log "[$i/${#CASES[@]}] $name: measuring $WRK_DURATION (attempt $attempt)"
    busy0=$(cpu_busy) server0=$(server_cpu) start=$EPOCHREALTIME
    TIMEFORMAT='%3U %3S'
    { time run_wrk "$WRK_DURATION" "$path" "$header" "$connections" >"$WORK/wrk.out"; } 2>"$WORK/wrk.time"
    busy1=$(cpu_busy) server1=$(server_cpu) end=$EPOCHREALTIME
    cat "$WORK/wrk.out" >&2
    # CPU shares over the run in percent of all CPUs: the server, wrk, everything else.
    read -r wrk_user wrk_sys <"$WORK/wrk.time"
    read -r s_pct w_pct o_pct < <(awk -v t0="$start" -v t1="$end" -v n="$NCPU" -v hz="$TICKS" \
      -v b="$((busy1 - busy0))" -v sv="$((server1 - server0))" -v u="$wrk_user" -v sy="$wrk_sys" 'BEGIN {
        capacity = (t1 - t0) * n                       # CPU seconds available over the run
        server = sv / hz * 100 / capacity; wrk = (u + sy) * 100 / capacity
        other = b / hz * 100 / capacity - server - wrk
        printf "%.0f %.0f %.0f\n", server, wrk, (other < 0 ? 0 : other)
      }')
    echo "CPU over the run (percent of $NCPU CPUs): server $s_pct, wrk $w_pct, other $o_pct" >>"$WORK/wrk.out"
    cp "$WORK/wrk.out" "$RESULTS_DIR/$i-wrk-attempt$attempt.txt"
    log "CPU over the run: server $s_pct%, wrk $w_pct%, other processes $o_pct%"
    if [ "$o_pct" -lt "$best_other" ]; then
      best_other=$o_pct server_pct=$s_pct wrk_pct=$w_pct other_pct=$o_pct attempts_used=$attempt
      cp "$WORK/wrk.out" "$RESULTS_DIR/$i-wrk.txt"
    fi
    [ "$o_pct" -le "$QUIET_MAX_PERCENT" ] && break
    [ "$attempt" -le "$RETRIES" ] && log "Other processes took $o_pct% of the CPUs during the run; measuring again."
  done
  out="$RESULTS_DIR/$i-wrk.txt"
  rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$out")
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")
  requests=$(awk '/requests in/ {print $1}' "$out")
  non2xx=$(awk -F': ' '/Non-2xx or 3xx responses/ {print $2}' "$out")
  sockerr=$(awk '/Socket errors/ {sub(/.*Socket errors: /, ""); print}' "$out")
  # The status after the run must still be the expected one (e.g. the ETag did not change mid-run).
  read -r status_after _ _ < <(probe "$path" "$header")
  note="${non2xx:+non-2xx/3xx: $non2xx; }${sockerr:+socket errors: $sockerr; }"
  [ "$status_after" = "$expected" ] || note+="status after run: $status_after; "
  note=${note%; }
  [ -z "$note" ] || problems=$((problems + 1))
  [ "$attempt" -eq 1 ] || other_pct="$other_pct (run $attempts_used of $attempt)"
  size="$bytes B"
  [ "$encoding" != identity ] && size="$bytes B ($encoding)"
  [[ "$encoding" == identity && "$header" == Accept-Encoding:* ]] && size="$bytes B (not compressed)"
  [ "$status" = 304 ] && size="0 B (304)"
  ROWS+=("| $name | $rps | $p50 | $p99 | $size | $requests | ${note:-none} | $server_pct / $wrk_pct / $other_pct |")
done

{
  echo "Skanna store network, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "- machine: $(nproc) CPUs ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, $(uname -sr); wrk and the server share the CPUs; load average before start: $LOAD_BEFORE"
  echo "- JDK: $("$JAVA" -version 2>&1 | sed -n 2p) ($JAVA_HOME)"
  echo "- jar: $SKANNA_JAR (sha256 $(sha256sum "$WORK/skanna.jar" | cut -c1-12)), built from $JAR_SOURCE"
  echo "- database: $DB_LABEL; $STORES stores"
  echo "- wrk: $(wrk -v 2>&1 | head -n 1 | awk '{print $2}') -t$WRK_THREADS -c$WRK_CONNECTIONS -d$WRK_DURATION --latency (unless the row says otherwise), after a $WARMUP_DURATION warm-up run per case, against $BASE"
  echo
  echo "| endpoint | requests/s | p50 ms | p99 ms | response body | requests | errors | CPU % server / wrk / other |"
  echo "|---|---:|---:|---:|---|---:|---|---:|"
  printf '%s\n' "${ROWS[@]}"
} | tee "$RESULTS_DIR/summary.md"
log "Raw wrk output and server log: $RESULTS_DIR"
if [ "$problems" -gt 0 ]; then
  log "WARNING: $problems case(s) had errors, see the table."
  exit 2
fi
