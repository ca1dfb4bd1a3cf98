#!/usr/bin/env bash
# The runbook-path benchmark of issue 9: Runwire's manual trigger and its execution, end to end, beside the seed's stack
# on Node (../shared/bench/peer-seed-stack) and a pgbench replay of Runwire's own SQL (the database-only limit), in one
# sitting on this machine. See bench/README.md.
#
#   bench/runbook-path.sh                    the table: Runwire, pgbench limit, peer at c = 1 16 64, 15 s each
#   bench/runbook-path.sh --profile          Runwire at c=16 under Flight Recorder, statements and commits counted
#   bench/runbook-path.sh --embedded         Runwire on its embedded PostgreSQL instead of the script's cluster
#   bench/runbook-path.sh --seconds=30 --c="16 64" --no-peer --no-limit
#   bench/runbook-path.sh --incidents     POST /api/incidents without workflows, then with 20 that match each incident
#
# Env: MAVEN_FLAGS (e.g. -o), SKIP_BUILD=1, JAVA_OPTS (Runwire's JVM options; default: the Dockerfile's in a 1 GiB container),
#      WARMUP (s at c=16 before measuring, default 10), LOAD_WAIT_MAX (s to wait for a quiet machine, default 180),
#      PROFILE_SECS (30), DRAIN_MAX (30) and FINAL_WAIT (30): s to wait for a backlog after each row,
#      SHARED_BENCH (default ../shared/bench), NO_README=1 (leave bench/README.md alone).
set -Eeuo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

MODE=table; DB=external; SECS=15; CONCURRENCIES="1 16 64"; RUN_PEER=1; RUN_LIMIT=1
for arg in "$@"; do
  case $arg in
    --profile) MODE=profile ;;
    --incidents) MODE=incidents ;;
    --embedded) DB=embedded ;;
    --seconds=*) SECS=${arg#*=} ;;
    --c=*) CONCURRENCIES=${arg#*=} ;;
    --no-peer) RUN_PEER=0 ;;
    --no-limit) RUN_LIMIT=0 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $arg (see --help)" >&2; exit 2 ;;
  esac
done
WARMUP=${WARMUP:-10}; LOAD_WAIT_MAX=${LOAD_WAIT_MAX:-180}; PROFILE_SECS=${PROFILE_SECS:-30}
# a backlog is drained for at most DRAIN_MAX s (drive.sh, the sink's count) + FINAL_WAIT s (final statuses); what is
# still not final then is counted as such
export DRAIN_MAX=${DRAIN_MAX:-30}; FINAL_WAIT=${FINAL_WAIT:-30}
SHARED=${SHARED_BENCH:-$ROOT/../shared/bench}
[ -d "$SHARED/load" ] || SHARED=/work/shared/bench
[ -x "$SHARED/load/drive.sh" ] || { echo "no ../shared/bench/load/drive.sh (set SHARED_BENCH)" >&2; exit 1; }
SHARED=$(cd "$SHARED" && pwd)
DRIVE=$SHARED/load/drive.sh
PG_BIN=/usr/lib/postgresql/15/bin
WORK=$ROOT/target/runbook-path
PGROOT=/tmp/runwire-bench-pg               # the cluster's files, readable by the postgres user wherever ROOT is
HOST=$(hostname -s); DAY=$(date -u +%Y-%m-%d)
RESULTS=$ROOT/bench/results/$DAY-$HOST.txt
STARTED=$(date +%s)

rm -rf "$WORK"; mkdir -p "$WORK" "$ROOT/bench/results"
OUT=$WORK/output.txt
exec > >(tee "$OUT") 2>&1
log() { echo "[$(date +%H:%M:%S)] $*"; }

# --- everything this script starts is stopped by pid on exit ---
PIDS=(); PG_STARTED=""
cleanup() {
  set +e; trap - ERR
  for (( i=${#PIDS[@]}-1; i>=0; i-- )); do
    pid=${PIDS[$i]}; kill -TERM "$pid" 2>/dev/null || continue
    for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null
  done
  [ -n "$PG_STARTED" ] && as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null
  log "stopped everything this script started"
}
trap cleanup EXIT
trap 'echo "runbook-path.sh: failed at line $LINENO: $BASH_COMMAND" >&2' ERR
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() { local p=$1; while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done; echo "$p"; }
wait_http() { for _ in $(seq "${2:-600}"); do curl -fsS --max-time 1 "$1" >/dev/null 2>&1 && return 0; sleep 0.2; done; return 1; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
CLK_TCK=$(getconf CLK_TCK)
ticks() { [ -r "/proc/$1/stat" ] && sed 2>/dev/null 's/.*) //' "/proc/$1/stat" | awk -v c="${2:-0}" '{print $12 + $13 + (c ? $14 + $15 : 0)}' || echo 0; }
rss_mib() { awk "/^$2:/ {printf \"%d\", \$2/1024}" "/proc/$1/status" 2>/dev/null || echo -; }
reset_peak_rss() { echo 5 > "/proc/$1/clear_refs" 2>/dev/null || true; }

# --- install what is missing (Debian packages) and build ---
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v curl >/dev/null || need+=(curl)
command -v jq >/dev/null || need+=(jq)
command -v node >/dev/null || need+=(nodejs)
[ -x "$PG_BIN/pg_ctl" ] || need+=(postgresql-15)
if [ ${#need[@]} -gt 0 ]; then
  log "apt-get install ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ -z "${SKIP_BUILD:-}" ]; then
  log "mvn -B -q ${MAVEN_FLAGS:-} package -DskipTests"
  mvn -B -q ${MAVEN_FLAGS:-} package -DskipTests
fi
JAR=$(ls "$ROOT"/target/runwire-*.jar | grep -v original | head -1)

# --- is the machine quiet? Other engineers' test JVMs share the two cores ---
FOREIGN='surefire|failsafe|plexus-classworlds|ReliabilityDrill|runwire-.*\.jar'
MINE=" "
foreign_pids() { { pgrep -f "$FOREIGN" || true; } | while read -r p; do [[ "$MINE" == *" $p "* ]] || echo "$p"; done; }
# a sampler that adds up the CPU time of other engineers' test JVMs, so each row can say whether it was disturbed
MONITOR=$WORK/foreign-cpu.txt
monitor() {
  trap - ERR; set +e
  declare -A last named; local total=0 t p
  while :; do
    for p in $(foreign_pids); do
      t=$(ticks "$p"); [ -n "${last[$p]:-}" ] && total=$(( total + t - last[$p] )); last[$p]=$t
      [ -n "${named[$p]:-}" ] || { named[$p]=1; echo "$(date +%T) $p $({ tr '\0' ' ' < "/proc/$p/cmdline"; } 2>/dev/null | cut -c1-160)" >> "$WORK/foreign-seen.txt"; }
    done
    echo "$total" > "$MONITOR.tmp" && mv "$MONITOR.tmp" "$MONITOR"
    sleep 1
  done
}
foreign_ticks() { cat "$MONITOR" 2>/dev/null || echo 0; }
idle_pct() { # % idle of the whole machine over $1 s
  local a b; a=($(head -1 /proc/stat)); sleep "$1"; b=($(head -1 /proc/stat))
  local idle=$(( (b[4] + b[5]) - (a[4] + a[5]) )) total=0
  for i in 1 2 3 4 5 6 7 8; do total=$(( total + b[i] - a[i] )); done
  echo $(( total > 0 ? 100 * idle / total : 100 ))
}
QUIET=""
wait_quiet() { # label: waits until no other test JVM runs and the machine is >= 75 % idle, at most LOAD_WAIT_MAX s
  local t0; t0=$(date +%s); local n idle
  while :; do
    n=$(foreign_pids | wc -l); idle=$(idle_pct 2)
    if [ "$n" -eq 0 ] && [ "$idle" -ge 75 ]; then QUIET="quiet"; break; fi
    if [ $(( $(date +%s) - t0 )) -ge "$LOAD_WAIT_MAX" ]; then
      QUIET="NOT QUIET after ${LOAD_WAIT_MAX}s wait: $n other test JVMs, ${idle}% idle"; break
    fi
    sleep 3
  done
  log "$1: load average $(cut -d' ' -f1-3 /proc/loadavg), ${idle}% idle, $QUIET (waited $(( $(date +%s) - t0 )) s)"
  { echo "== $(date +%T) before $1: $QUIET"; top -bn1 | head -12; } >> "$WORK/load.log"
}
disturbance() { # foreign CPU seconds since ticks $1
  local s; s=$(calc %.1f "($(foreign_ticks) - $1) / $CLK_TCK")
  awk "BEGIN{exit !($s >= 1.5)}" && echo "disturbed: other tests used ${s} CPU-s" || echo "clean"
}

# --- PostgreSQL 15: a cluster of this script's own, fsync and synchronous_commit on ---
APP_PW=runwire-app-bench; OWNER_PW=runwire-owner-bench
if [ "$DB" = external ]; then
  PGPORT=$(free_port 55432); PGDATA=$PGROOT/data; PGSOCK=$PGROOT/sock
  if [ -f "$PGDATA/postmaster.pid" ]; then as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$PGROOT"; mkdir -p "$PGDATA" "$PGSOCK"; [ "$(id -u)" = 0 ] && chown -R postgres: "$PGROOT"
  as_pg "$PG_BIN/initdb" -D "$PGDATA" -U postgres -E UTF8 --locale=C --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  cat >> "$PGDATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PGPORT
unix_socket_directories = '$PGSOCK'
max_connections = 150
shared_buffers = 128MB
fsync = on
synchronous_commit = on
full_page_writes = on
CONF
  if [ "$MODE" = profile ]; then
    printf "shared_preload_libraries = 'pg_stat_statements'\npg_stat_statements.track = all\n" >> "$PGDATA/postgresql.conf"
  fi
  as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$PGROOT/postgres.log" -w -t 60 start >/dev/null
  PG_STARTED=1
  psql_su() { as_pg env PGOPTIONS="-c search_path=runwire,public" "$PG_BIN/psql" -h "$PGSOCK" -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -Atq "$@"; }
  # the roles and schema of README's "External PostgreSQL"
  psql_su -d postgres -c "CREATE DATABASE runwire"
  psql_su -d runwire <<SQL
CREATE ROLE runwire_owner LOGIN PASSWORD '$OWNER_PW';
CREATE ROLE runwire_app LOGIN PASSWORD '$APP_PW';
CREATE SCHEMA runwire AUTHORIZATION runwire_owner;
ALTER ROLE runwire_owner SET search_path = runwire;
ALTER ROLE runwire_app SET search_path = runwire;
GRANT USAGE ON SCHEMA runwire TO runwire_app;
ALTER DEFAULT PRIVILEGES FOR ROLE runwire_owner IN SCHEMA runwire
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO runwire_app;
ALTER DEFAULT PRIVILEGES FOR ROLE runwire_owner IN SCHEMA runwire GRANT USAGE, SELECT ON SEQUENCES TO runwire_app;
ALTER DEFAULT PRIVILEGES FOR ROLE runwire_owner IN SCHEMA runwire GRANT EXECUTE ON FUNCTIONS TO runwire_app;
SQL
  [ "$MODE" = profile ] && psql_su -d runwire -c "CREATE EXTENSION pg_stat_statements"
  DBNAME=runwire; PG_PIDFILE=$PGDATA/postmaster.pid
  log "PostgreSQL $("$PG_BIN/postgres" --version | grep -oE '[0-9]+\.[0-9]+' | head -1) on 127.0.0.1:$PGPORT, data $PGDATA (fsync on, synchronous_commit on)"
else
  PGPORT=$(free_port 55432); DBNAME=postgres; PG_PIDFILE=$WORK/runwire-data/postgres/postmaster.pid
  psql_su() { PGOPTIONS="-c search_path=runwire,public" "$PG_BIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -Atq "$@"; }
  APP_PW=""
fi
psql_db() { psql_su -d "$DBNAME" "$@"; }
pg_ticks() { # CPU ticks of the whole cluster: postmaster (with its reaped children) and every live backend
  local pm; pm=$(head -1 "$PG_PIDFILE" 2>/dev/null) || { echo 0; return; }
  local sum; sum=$(ticks "$pm" 1)
  for p in $(pgrep -P "$pm"); do sum=$(( sum + $(ticks "$p") )); done
  echo "$sum"
}
# write transactions: the next transaction id to be assigned (reading it assigns none). Only a transaction that writes
# gets an id and a commit record to flush; this script's own read-only polling is not counted.
db_stat() { psql_db -c "SELECT pg_snapshot_xmax(pg_current_snapshot())::text"; }
wal_syncs() { psql_db -c "SELECT wal_sync FROM pg_stat_wal"; }

# --- the sink: the seed stack's own, 200 {"ok":true} to everything, GET /count ---
SINK_PORT=$(free_port 9790)
node "$SHARED/peer-seed-stack/sink.js" "$SINK_PORT" > "$WORK/sink.log" 2>&1 &
SINK_PID=$!; PIDS+=("$SINK_PID"); MINE+="$SINK_PID "
wait_http "http://127.0.0.1:$SINK_PORT/count" || { echo "the sink did not start" >&2; exit 1; }
SINK_COUNT="http://127.0.0.1:$SINK_PORT/count"

# --- Runwire ---
RW_PORT=$(free_port 18080); BASE=http://127.0.0.1:$RW_PORT
ADMIN=rw_bench_admin_$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
# one key drives hundreds of requests a second here: the API's rate limits (100/s, execute 20/s by default) are set far
# above that, so the limit's statement runs on every request but never refuses one
BENCH_RATE_LIMIT=1000000
RW_ENV=(PORT="$RW_PORT" RUNWIRE_HTTP_ALLOW_PRIVATE=true RUNWIRE_BOOTSTRAP_ADMIN_TOKEN="$ADMIN"
        RUNWIRE_API_RATE_LIMIT_RATE=$BENCH_RATE_LIMIT RUNWIRE_API_RATE_LIMIT_BURST=$BENCH_RATE_LIMIT
        RUNWIRE_API_RATE_LIMIT_EXECUTE_RATE=$BENCH_RATE_LIMIT RUNWIRE_API_RATE_LIMIT_EXECUTE_BURST=$BENCH_RATE_LIMIT
        RUNWIRE_ENCRYPTION_KEY="$(head -c 32 /dev/urandom | base64)")
if [ "$DB" = external ]; then
  RW_ENV+=(SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$PGPORT/runwire"
           SPRING_DATASOURCE_USERNAME=runwire_app SPRING_DATASOURCE_PASSWORD="$APP_PW"
           SPRING_FLYWAY_USER=runwire_owner SPRING_FLYWAY_PASSWORD="$OWNER_PW")
else
  RW_ENV+=(RUNWIRE_DATA_DIR="$WORK/runwire-data" RUNWIRE_DATABASE_EMBEDDED_PORT="$PGPORT")
fi
JVM_OPTS=${JAVA_OPTS:--XX:MaxRAM=1g -XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError}
if [ "$MODE" = profile ]; then
  JVM_OPTS+=" -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints -XX:FlightRecorderOptions:stackdepth=256"
fi
log "starting Runwire ($(basename "$JAR"), java $(java -version 2>&1 | head -1 | grep -oE '"[^"]+"' | tr -d '"'), JAVA_OPTS='${JVM_OPTS# }') on $BASE"
# shellcheck disable=SC2086
env "${RW_ENV[@]}" java $JVM_OPTS -jar "$JAR" --server.address=127.0.0.1 > "$WORK/runwire.log" 2>&1 &
RW_PID=$!; PIDS+=("$RW_PID"); MINE+="$RW_PID "
t_start=$(date +%s.%N)
wait_http "$BASE/actuator/health" 900 || { tail -40 "$WORK/runwire.log"; echo "Runwire did not become healthy" >&2; exit 1; }
log "Runwire healthy after $(calc %.1f "$(date +%s.%N) - $t_start") s (pid $RW_PID)"
monitor & MON_PID=$!; PIDS+=("$MON_PID")
PG_DESC="PostgreSQL $(psql_db -c 'SHOW server_version' | cut -d' ' -f1), fsync $(psql_db -c 'SHOW fsync'), synchronous_commit $(psql_db -c 'SHOW synchronous_commit')"

# --- seed: a team, a responder with a key, an incident, an APPROVED runbook with a schema and a Velocity template ---
api() { local key=$1; shift; curl -sS -H "Authorization: Bearer $key" -H 'Content-Type: application/json' "$@"; }
TEAM_ID=$(api "$ADMIN" -X POST "$BASE/api/teams" -d '{"name":"payments","slackChannel":"#payments-oncall"}' | jq -er .team.id)
USER_ID=$(api "$ADMIN" -X POST "$BASE/api/users" \
  -d '{"email":"responder@example.test","firstName":"Rae","lastName":"Sponder"}' | jq -er .user.id)
api "$ADMIN" -X PUT "$BASE/api/teams/$TEAM_ID/members/$USER_ID" -d '{"role":"RESPONDER"}' >/dev/null
key=$(api "$ADMIN" -X POST "$BASE/api/keys" -d "{\"name\":\"bench\",\"userId\":\"$USER_ID\"}")
TOKEN=$(jq -er .key.token <<< "$key"); KEY_ID=$(jq -er .key.id <<< "$key")
INCIDENT_ID=$(api "$TOKEN" -X POST "$BASE/api/incidents" -d "{\"teamId\":\"$TEAM_ID\",\"title\":\"Checkout API 5xx spike\",
  \"priority\":\"HIGH\",\"service\":\"checkout-api\",\"metadata\":{\"region\":\"eu-west-1\"}}" | jq -er .incident.id)
# the peer's runbook (seed.js): the same three-property schema, the same payload, in Velocity
TEMPLATE='{"action":"restart","service":$fn.json($params.svc),"reason":$fn.json($params.reason),"dryRun":$fn.json($params.dryRun),'
TEMPLATE+='"incident":{"id":$fn.json($incident.id),"title":$fn.json($incident.title),"priority":$fn.json($incident.priority),'
TEMPLATE+='"status":$fn.json($incident.status)},"team":$fn.json($team.name),"runbook":$fn.json("$runbook.name v$runbook.version"),'
TEMPLATE+='"execution":$fn.json($execution.id)}'
RUNBOOK_ID=$(jq -n --arg team "$TEAM_ID" --arg url "http://127.0.0.1:$SINK_PORT/hook" --arg tpl "$TEMPLATE" '{
  teamId: $team, name: "restart-service", description: "Restart a service of the payments team",
  webhookUrl: $url, webhookMethod: "POST", webhookHeaders: {"X-Runbook": "restart-service"}, timeoutSeconds: 30,
  parameters: {type: "object", required: ["svc"], additionalProperties: false, properties: {
    svc: {type: "string", minLength: 1, maxLength: 64},
    reason: {type: "string", maxLength: 200, default: "manual trigger"},
    dryRun: {type: "boolean", default: false}}},
  payloadTemplate: $tpl}' | api "$ADMIN" -X POST "$BASE/api/runbooks" -d @- | jq -er .runbook.id)
api "$ADMIN" -X POST "$BASE/api/runbooks/$RUNBOOK_ID/approve" | jq -e '.runbook.approvalStatus == "APPROVED"' >/dev/null
EXECUTE=$BASE/api/incidents/$INCIDENT_ID/runbooks/$RUNBOOK_ID/execute
log "seeded team $TEAM_ID, responder $USER_ID, incident $INCIDENT_ID, runbook $RUNBOOK_ID (APPROVED)"

# the path works end to end before anything is measured
check() { # expected-code label curl-args...
  local want=$1 label=$2; shift 2
  local out; out=$(curl -sS -X POST -H 'Content-Type: application/json' -w ' %{http_code}' "$@" "$EXECUTE")
  log "$label -> $out"
  [ "${out##* }" = "$want" ] || { echo "expected HTTP $want" >&2; exit 1; }
  SMOKE=${out% *}
}
check 401 "bad key" -H 'Authorization: Bearer nope' -d '{}'
check 400 "bad parameters" -H "Authorization: Bearer $TOKEN" -d '{"parameters":{"svc":"","x":1}}'
check 201 "smoke trigger" -H "Authorization: Bearer $TOKEN" -d '{"parameters":{"svc":"api"}}'
SMOKE_ID=$(jq -er .execution.id <<< "$SMOKE")
for _ in $(seq 100); do
  status=$(api "$TOKEN" "$BASE/api/runbook-executions/$SMOKE_ID" | jq -r .execution.status)
  [ "$status" = SUCCESS ] && break; sleep 0.1
done
log "smoke execution: $status; the sink received: $(curl -fsS "http://127.0.0.1:$SINK_PORT/last" | jq -c '{method, url, body}')"
[ "$status" = SUCCESS ] || { echo "the smoke execution did not reach SUCCESS" >&2; exit 1; }
RSS_IDLE=$(rss_mib "$RW_PID" VmRSS)

FINAL="'SUCCESS','FAILED','TIMED_OUT','CANCELLED'"
wait_final() { # t0: waits until every execution created since t0 is final, at most FINAL_WAIT s
  for _ in $(seq $(( FINAL_WAIT * 5 ))); do
    [ "$(psql_db -c "SELECT count(*) FROM runbook_executions WHERE created_at >= to_timestamp($1) AND status NOT IN ($FINAL)")" = 0 ] && return 0
    sleep 0.2
  done
  return 1
}
warm_up() {
  [ "$WARMUP" = 0 ] && return
  log "warm-up: c=16 for ${WARMUP}s (not reported)"
  local t0; t0=$(date +%s.%N)
  "$DRIVE" "$BASE" "$INCIDENT_ID" "$RUNBOOK_ID" "$TOKEN" 16 "$WARMUP" "$SINK_COUNT" | grep -E '^  (requests|end-to-end)'
  wait_final "$t0" || true
}
RW_ROWS=(); declare -A RW_E2E RW_P99 RW_P50 RW_ACC RW_ERR RW_NOTFINAL
measure_runwire() { # c secs
  local c=$1 secs=$2
  wait_quiet "Runwire c=$c"; local quiet=$QUIET
  reset_peak_rss "$RW_PID"
  local f0 j0 p0 x0 w0 t0; f0=$(foreign_ticks); j0=$(ticks "$RW_PID"); p0=$(pg_ticks); x0=$(db_stat); w0=$(wal_syncs)
  t0=$(date +%s.%N)
  local res; res=$("$DRIVE" "$BASE" "$INCIDENT_ID" "$RUNBOOK_ID" "$TOKEN" "$c" "$secs" "$SINK_COUNT")
  echo "$res" | grep -v '^RESULT'
  wait_final "$t0" || log "executions still not final $FINAL_WAIT s after the sink stopped waiting"
  sleep 1.5   # statistics reach pg_stat_database within a second of a transaction
  local j1 p1 x1 w1; j1=$(ticks "$RW_PID"); p1=$(pg_ticks); x1=$(db_stat); w1=$(wal_syncs)
  local line; line=$(grep '^RESULT' <<< "$res")
  get() { sed -E "s/.* $1=([^ ]+).*/\1/" <<< "$line"; }
  local db; db=$(psql_db -F' ' -c "SELECT count(*), count(*) FILTER (WHERE status IN ($FINAL)),
      count(*) FILTER (WHERE status <> 'SUCCESS'), count(*) FILTER (WHERE status NOT IN ($FINAL)),
      coalesce(extract(epoch FROM max(completed_at)), $t0) FROM runbook_executions WHERE created_at >= to_timestamp($t0)")
  local created final not_success not_final last_done; read -r created final not_success not_final last_done <<< "$db"
  local e2e; e2e=$(calc %.1f "$final / ($last_done - $t0)")
  local errors=$(( $(get non2xx) + $(get sock_errors) ))
  local cpu_ms pg_ms commits walsync
  cpu_ms=$(calc %.1f "($j1 - $j0) * 1000 / $CLK_TCK / ($final > 0 ? $final : 1)")
  pg_ms=$(calc %.1f "($p1 - $p0) * 1000 / $CLK_TCK / ($final > 0 ? $final : 1)")
  commits=$(calc %.1f "($x1 - $x0) / ($final > 0 ? $final : 1)")
  walsync=$(calc %.2f "($w1 - $w0) / ($final > 0 ? $final : 1)")
  RW_E2E[$c]=$e2e; RW_P99[$c]=$(get p99_ms); RW_P50[$c]=$(get p50_ms); RW_ACC[$c]=$(get trig_per_s)
  RW_ERR[$c]=$errors; RW_NOTFINAL[$c]=$not_final
  RW_ROWS+=("$(printf '| %3s | %8s | %7s | %7s | %6s | %9s | %6s | %14s | %9s | %8s | %7s | %6s | %7s | %6s | %s |' \
    "$c" "$(get trig_per_s)" "$(get p50_ms)" "$(get p99_ms)" "$(get e2e_per_s)" "$e2e" "$errors" \
    "$not_success/$not_final" "$final/$(get accepted)" "$(rss_mib "$RW_PID" VmHWM)" "$cpu_ms" "$pg_ms" "$commits" "$walsync" \
    "$quiet; $(disturbance "$f0")")")
  log "Runwire c=$c: ${RW_ROWS[-1]}"
}

# ================================================================ incidents mode
# Issue 10: an incident's event goes to the outbox in the incident's own statement and is dispatched later, so 20
# workflows matching every incident must not make POST /api/incidents slower by more than a few ms.
if [ "$MODE" = incidents ]; then
  INCIDENT_BODY="{\"teamId\":\"$TEAM_ID\",\"title\":\"Disk full on db-7\",\"priority\":\"HIGH\",\"service\":\"db\"}"
  INC_ROWS=()
  measure_incidents() { # workflows c secs
    local workflows=$1 c=$2 secs=$3
    wait_quiet "incidents c=$c, $workflows workflows"; local quiet=$QUIET f0 t0; f0=$(foreign_ticks); t0=$(date +%s.%N)
    WRK_TOKEN=$TOKEN WRK_BODY=$INCIDENT_BODY wrk -t"$(( c < 2 ? 1 : 2 ))" -c"$c" -d"${secs}s" --timeout 10s --latency \
      -s "$SHARED/load/post.lua" "$BASE/api/incidents" > "$WORK/wrk-incidents.txt"
    local line; line=$(grep '^DRIVE' "$WORK/wrk-incidents.txt")
    get() { sed -E "s/.* $1=([^ ]+).*/\1/" <<< "$line"; }
    local made; made=$(psql_db -F' ' -c "SELECT (SELECT count(*) FROM incidents WHERE created_at >= to_timestamp($t0)),
        (SELECT count(*) FROM workflow_executions WHERE created_at >= to_timestamp($t0))")
    local incidents wfx; read -r incidents wfx <<< "$made"
    INC_ROWS+=("$(printf '| %9s | %3s | %8s | %7s | %7s | %6s | %9s | %19s | %s |' "$workflows" "$c" \
      "$(calc %.1f "$(get ok2xx) / ($(get duration_us) / 1000000)")" "$(calc %.2f "$(get p50_us) / 1000")" \
      "$(calc %.2f "$(get p99_us) / 1000")" "$(( $(get non2xx) + $(get sock_connect) + $(get sock_read) + $(get sock_write) + $(get sock_timeout) ))" \
      "$incidents" "$wfx (so far)" "$quiet; $(disturbance "$f0")")")
    log "incidents: ${INC_ROWS[-1]}"
  }
  log "warm-up: POST /api/incidents at c=16 for ${WARMUP}s (not reported)"
  WRK_TOKEN=$TOKEN WRK_BODY=$INCIDENT_BODY wrk -t2 -c16 -d"${WARMUP}s" -s "$SHARED/load/post.lua" "$BASE/api/incidents" > /dev/null
  for c in 1 16; do measure_incidents 0 "$c" "$SECS"; done
  for i in $(seq 20); do
    jq -n --arg team "$TEAM_ID" --arg url "http://127.0.0.1:$SINK_PORT/hook" --arg n "$i" '{
      name: ("page the database owners " + $n), teamId: $team, enabled: true, definition: {
        nodes: [{id: "trigger", type: "trigger", position: {x: 0, y: 0}, data: {}},
                {id: "notify", type: "action", position: {x: 0, y: 120}, data: {actionType: "webhook", name: "notify",
                  config: {url: $url, method: "POST", body: "{\"incident\": $fn.json($incident.title)}"}}}],
        edges: [{id: "e1", source: "trigger", target: "notify"}],
        trigger: {type: "incident_created", conditions: [{field: "priority", operator: "equals", value: "HIGH"}]},
        settings: {timeout: "5min"}}}' | api "$ADMIN" -X POST "$BASE/api/workflows" -d @- | jq -e .workflow.id >/dev/null \
      || { echo "could not create workflow $i" >&2; exit 1; }
  done
  log "20 enabled workflows match every incident the load creates"
  for c in 1 16; do measure_incidents 20 "$c" "$SECS"; done
  {
    echo "== incidents: POST /api/incidents without and with 20 matching workflows, $(date -u +%Y-%m-%dT%H:%MZ), $HOST ($(nproc) cores), Runwire $(git -C "$ROOT" rev-parse --short HEAD)"
    echo "   Runwire on $PG_DESC ($DB); ${SECS}s per row; workflow executions: created by the dispatcher while the row ran"
    echo "| workflows |   c | accept/s | p50 ms  | p99 ms  | errors | incidents | workflow executions | machine |"
    echo "|-----------|-----|----------|---------|---------|--------|-----------|---------------------|---------|"
    printf '%s\n' "${INC_ROWS[@]}"
    echo "   workflow executions by status after the runs: $(psql_db -c "SELECT coalesce(string_agg(status || '=' || n, ', '), 'none') FROM (SELECT status, count(*) n FROM workflow_executions GROUP BY status) s")"
  } | tee -a "$RESULTS"
  log "appended to $RESULTS"
  exit 0
fi

# ================================================================ profile mode
if [ "$MODE" = profile ]; then
  warm_up
  PROFILE=$WORK/profile.txt
  {
    echo "== runbook-path profile: Runwire at c=16, $(date -u +%Y-%m-%dT%H:%MZ), $HOST ($(nproc) cores), commit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet -- src routes || echo '+local changes')"
    echo "   Runwire on $PG_DESC ($DB$([ "$DB" = external ] && echo ', with pg_stat_statements')); JVM $(java -version 2>&1 | head -1); JAVA_OPTS='${JVM_OPTS# }'"
  } > "$PROFILE"
  stmt_report() { # divisor unit: the statements PostgreSQL saw since the last reset, named by their SQL file
    [ "$DB" = external ] || { echo "   (statements: pg_stat_statements is loaded only on the script's own cluster)"; return; }
    psql_db -F $'\t' -R $'\036' -c "SELECT s.calls, round((s.total_exec_time / s.calls)::numeric, 3), s.query
      FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
      WHERE d.datname = '$DBNAME' AND s.userid = (SELECT oid FROM pg_roles WHERE rolname = 'runwire_app')
      ORDER BY s.calls DESC" | tr '\n\036' '\037\n' |
      java "$ROOT/bench/runbook-path/StatementReport.java" "$ROOT/src/main/resources/sql" "$1" "${2:-execution}"
  }
  pgss_reset() { [ "$DB" != external ] || psql_su -d "$DBNAME" -c "SELECT pg_stat_statements_reset()" >/dev/null; }
  # 1. statements and commits per execution: a quiet minute's background first, then 100 triggers one at a time
  pgss_reset
  x0=$(db_stat); w0=$(wal_syncs); sleep 10; x1=$(db_stat); w1=$(wal_syncs)
  { echo; echo "== background (no triggers, 10 s): $(( x1 - x0 )) write commits, $(( w1 - w0 )) WAL syncs"; stmt_report 10 second; } >> "$PROFILE"
  N=100
  pgss_reset
  x0=$(db_stat); w0=$(wal_syncs); t0=$(date +%s.%N)
  for _ in $(seq $N); do
    curl -sS -o /dev/null -w '%{http_code}\n' -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
      -d '{"parameters":{"svc":"api"}}' "$EXECUTE"
  done | sort | uniq -c | sed 's/^/   triggers: /' >> "$PROFILE"
  wait_final "$t0"; sleep 1.5; x1=$(db_stat); w1=$(wal_syncs); t1=$(date +%s.%N)
  {
    echo
    echo "== $N triggers one after another (c=1) and their executions: per execution $(calc %.2f "($x1 - $x0) / $N") write commits (transaction ids), $(calc %.2f "($w1 - $w0) / $N") WAL syncs, over $(calc %.1f "$t1 - $t0") s (background included)"
    stmt_report $N
  } >> "$PROFILE"
  # 2. Flight Recorder at c=16, and the statements PostgreSQL saw meanwhile
  wait_quiet "profile c=16"; quiet=$QUIET
  pgss_reset
  f0=$(foreign_ticks); j0=$(ticks "$RW_PID"); p0=$(pg_ticks); x0=$(db_stat); w0=$(wal_syncs); t0=$(date +%s.%N)
  JFR=$WORK/runbook-path.jfr
  # the JDK's "profile" settings, Java stacks sampled every 5 ms instead of 10 (more samples in a short window)
  JDK_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  sed '/<event name="jdk.ExecutionSample">/,/<\/event>/ s|<setting name="period"[^>]*>[^<]*</setting>|<setting name="period">5 ms</setting>|' \
    "$JDK_HOME/lib/jfr/profile.jfc" > "$WORK/runbook-path.jfc"
  jcmd "$RW_PID" JFR.start name=runbook-path settings="$WORK/runbook-path.jfc" duration="${PROFILE_SECS}s" filename="$JFR" >/dev/null
  res=$("$DRIVE" "$BASE" "$INCIDENT_ID" "$RUNBOOK_ID" "$TOKEN" 16 "$PROFILE_SECS" "$SINK_COUNT")
  wait_final "$t0" || true; sleep 1.5
  j1=$(ticks "$RW_PID"); p1=$(pg_ticks); x1=$(db_stat); w1=$(wal_syncs)
  for _ in $(seq 100); do [ -s "$JFR" ] && ! jcmd "$RW_PID" JFR.check 2>/dev/null | grep -q 'runbook-path.*running' && break; sleep 0.5; done
  n=$(psql_db -c "SELECT count(*) FROM runbook_executions WHERE created_at >= to_timestamp($t0) AND status IN ($FINAL)")
  {
    echo
    echo "== c=16 for ${PROFILE_SECS}s under Flight Recorder (settings=profile, Java samples every 5 ms): $quiet; $(disturbance "$f0")"
    grep -E '^  (requests|non-2xx|end-to-end)' <<< "$res"
    echo "   executions final: $n; JVM CPU $(calc %.1f "($j1 - $j0) * 1000 / $CLK_TCK / $n") ms per completion, PostgreSQL CPU $(calc %.1f "($p1 - $p0) * 1000 / $CLK_TCK / $n") ms"
    echo "   per execution: $(calc %.2f "($x1 - $x0) / $n") write commits, $(calc %.2f "($w1 - $w0) / $n") WAL syncs; Runwire RSS now $(rss_mib "$RW_PID" VmRSS) MiB, peak $(rss_mib "$RW_PID" VmHWM) MiB, idle after start $RSS_IDLE MiB"
    stmt_report "$n"
    echo
    java "$ROOT/bench/runbook-path/JfrProfile.java" "$JFR" "$n"
    JFR25=$(ls /usr/lib/jvm/*25*/bin/jfr 2>/dev/null | head -1 || true)
    if [ -n "$JFR25" ]; then
      echo; echo "== $JFR25 view hot-methods"; "$JFR25" view --width 150 hot-methods "$JFR" 2>&1 | head -40
    fi
    echo; echo "recording: $JFR ($(du -h "$JFR" | cut -f1)); Runwire log: $WORK/runwire.log"
  } >> "$PROFILE" 2>&1
  cat "$PROFILE"
  { echo; cat "$PROFILE"; } >> "$RESULTS"
  log "profile appended to ${RESULTS#$ROOT/} (whole run $(( $(date +%s) - STARTED )) s)"
  exit 0
fi

# ================================================================ table mode
warm_up
for c in $CONCURRENCIES; do
  log "Runwire: drive c=$c ${SECS}s"
  measure_runwire "$c" "$SECS"
done
RW_RSS_END=$(rss_mib "$RW_PID" VmRSS)

# --- the values the replay needs, from the rows this run stored ---
if [ "$RUN_LIMIT" = 1 ]; then
  # shellcheck disable=SC2016
  vals=$(psql_db -F $'\t' -c "
    SELECT e.id, e.parameters::text, e.result::text, a.duration_ms, r.version,
           (t.metadata - 'executionId')::text, coalesce(t.ip_address, '127.0.0.1')
    FROM runbook_executions e
    JOIN runbooks r ON r.id = e.runbook_id
    JOIN runbook_execution_attempts a ON a.execution_id = e.id
    JOIN audit_events t ON t.action = 'runbook.manual_trigger' AND t.metadata ->> 'executionId' = e.id::text
    WHERE e.status = 'SUCCESS' AND e.attempts = 1 ORDER BY e.completed_at DESC LIMIT 1")
  IFS=$'\t' read -r ex_id ex_params ex_result ex_duration rb_version trig_meta ip_addr <<< "$vals"
  token_hash=$(psql_db -c "SELECT token_hash FROM api_keys WHERE id = '$KEY_ID'")
  response_json=$(jq -c -n --arg id "$ex_id" --arg rb "$RUNBOOK_ID" \
    '{execution: {id: $id, runbookId: $rb, runbookName: "restart-service", status: "PENDING", triggeredBy: "manual"}}')
  prop() { grep -E "^\s+$1:" "$ROOT/src/main/resources/application.yaml" | head -1 | sed -E 's/.*: *//; s/\$\{[A-Z_]+:([^}]*)\}/\1/'; }
  REPLAY_VARS=(-D "token_hash=$token_hash" -D "rate_limit_rate=$BENCH_RATE_LIMIT" -D "rate_limit_burst=$BENCH_RATE_LIMIT" -D "incident_id=$INCIDENT_ID" -D "runbook_id=$RUNBOOK_ID" -D "runbook_version=$rb_version"
    -D "user_id=$USER_ID" -D "team_id=$TEAM_ID" -D "parameters=$ex_params" -D "trigger_audit_metadata=$trig_meta"
    -D "ip_address=$ip_addr" -D "response_json=$response_json" -D "result_json=$ex_result" -D "duration_ms=$ex_duration"
    -D "default_attempts=$(prop default-attempts)"
    -D "requeue_after_seconds=$(prop requeue-after-seconds)" -D "lease_seconds=$(prop lease-seconds)")
fi
stop_runwire() { kill -TERM "$RW_PID" 2>/dev/null || return 0; for _ in $(seq 300); do kill -0 "$RW_PID" 2>/dev/null || break; sleep 0.2; done; }
if [ "$DB" = external ]; then
  log "stopping Runwire (SIGTERM) before the replay, so the database is pgbench's alone"
  stop_runwire
else
  log "Runwire stays up, idle, during the replay: its embedded PostgreSQL stops with it"
fi

# --- pgbench: Runwire's own SQL for one trigger + its execution, read from src/main/resources/sql ---
LIMIT_ROWS=(); declare -A LIMIT_TPS
if [ "$RUN_LIMIT" = 1 ]; then
  log "replay script from src/main/resources/sql (bench/runbook-path/replay-plan.txt):"
  java "$ROOT/bench/runbook-path/ReplayScript.java" "$ROOT/src/main/resources/sql" "$ROOT/bench/runbook-path/replay-plan.txt" \
    "$WORK/replay.sql"
  if [ "$DB" = external ]; then PGB_CONN=(-h 127.0.0.1 -p "$PGPORT" -U runwire_app runwire); else PGB_CONN=(-h 127.0.0.1 -p "$PGPORT" -U runwire_app postgres); fi
  pgb() { PGPASSWORD=$APP_PW "$PG_BIN/pgbench" -n -M prepared "$@" -f "$WORK/replay.sql" "${REPLAY_VARS[@]}" "${PGB_CONN[@]}"; }
  pgb -c 1 -t 20 > "$WORK/pgbench-check.txt" 2>&1 || { cat "$WORK/pgbench-check.txt"; echo "the replay does not run" >&2; exit 1; }
  [ "$(psql_db -c "SELECT count(*) FROM runbook_executions WHERE claimed_by = 'pgbench-replay' AND status = 'SUCCESS'")" -ge 20 ] ||
    { echo "the replay did not take its executions to SUCCESS" >&2; exit 1; }
  for c in $CONCURRENCIES; do
    wait_quiet "pgbench c=$c"; quiet=$QUIET; f0=$(foreign_ticks)
    x0=$(db_stat); w0=$(wal_syncs)
    mkdir -p "$WORK/pgbench-c$c"
    (cd "$WORK/pgbench-c$c" && pgb -c "$c" -j $(( c < 2 ? c : 2 )) -T "$SECS" -r -l) > "$WORK/pgbench-c$c.txt" 2>&1 || true
    sleep 1.5; x1=$(db_stat); w1=$(wal_syncs)
    tps=$(grep -oE 'tps = [0-9.]+' "$WORK/pgbench-c$c.txt" | head -1 | grep -oE '[0-9.]+' || echo 0)
    tx=$(grep -oE 'number of transactions actually processed: [0-9]+' "$WORK/pgbench-c$c.txt" | grep -oE '[0-9]+$' || echo 0)
    failed=$(grep -oE 'number of failed transactions: [0-9]+' "$WORK/pgbench-c$c.txt" | grep -oE ': [0-9]+' | tr -dc 0-9 || true)
    aborted=$(grep -c 'aborted in command' "$WORK/pgbench-c$c.txt" || true)
    read -r p50 p99 < <(cat "$WORK/pgbench-c$c"/pgbench_log.* | awk '{print $3}' | sort -n |
      awk '{a[NR]=$1} END {if (NR) printf "%.2f %.2f", a[int(NR*0.5)+1]/1000, a[int(NR*0.99)+1]/1000; else print "- -"; print ""}')
    rm -rf "$WORK/pgbench-c$c"
    tps=$(calc %.1f "$tps"); LIMIT_TPS[$c]=$tps
    LIMIT_ROWS+=("$(printf '| %3s | %8s | %7s | %7s | %6s | %8s | %7s | %s |' "$c" "$tps" "$p50" "$p99" "$(( ${failed:-0} + aborted ))" \
      "$(calc %.1f "($x1 - $x0) / ($tx > 0 ? $tx : 1)")" "$(calc %.2f "($w1 - $w0) / ($tx > 0 ? $tx : 1)")" "$quiet; $(disturbance "$f0")")")
    log "pgbench c=$c: ${LIMIT_ROWS[-1]}"
  done
  STATEMENT_LATENCY=$(sed -n '/statement latencies/,$p' "$WORK/pgbench-c16.txt" 2>/dev/null | grep -E '^\s+[0-9.]+ +[0-9]+ ' | awk '{print "    " $1 " ms  " substr($0, index($0,$3), 90)}' || true)
fi

stop_runwire

# --- the peer: the seed's stack on Node, on the machine's PostgreSQL 15/main, run as its README says ---
PEER_ROWS=(); declare -A PEER_E2E PEER_P99
if [ "$RUN_PEER" = 1 ]; then
  wait_quiet "peer (all c)"; quiet=$QUIET; f0=$(foreign_ticks)
  # a writable copy in /tmp, as its run.sh makes of a read-only shared/ (node_modules kept there between runs)
  peer=/tmp/peer-seed-stack-bench; mkdir -p "$peer/peer-seed-stack"
  cp -r "$SHARED/load" "$peer/"
  (cd "$SHARED/peer-seed-stack" && tar cf - --exclude=node_modules --exclude=results .) | (cd "$peer/peer-seed-stack" && tar xf -)
  chmod -R u+w "$peer"
  log "peer: $peer/peer-seed-stack/run.sh $SECS $CONCURRENCIES"
  PEER_COPIED=1 "$peer/peer-seed-stack/run.sh" "$SECS" $CONCURRENCIES > "$WORK/peer.txt" 2>&1 || log "the peer's run.sh failed (see $WORK/peer.txt)"
  grep -E '^(\[|  (requests|non-2xx|end-to-end))' "$WORK/peer.txt" | sed 's/^/  peer| /'
  while IFS= read -r row; do
    IFS='|' read -r _ c trig p50 p99 errors compl e2e notok api_rss _ <<< "$row"
    c=$(tr -d ' ' <<< "$c"); PEER_E2E[$c]=$(tr -d ' ' <<< "$e2e"); PEER_P99[$c]=$(tr -d ' ' <<< "$p99")
    PEER_ROWS+=("$(printf '| %3s | %8s | %7s | %7s | %6s | %14s | %9s | %6s | %7s |' "$c" $trig $p50 $p99 $errors $compl $e2e $notok $api_rss)")
  done < <(grep -E '^\| +[0-9]+ \|' "$WORK/peer.txt")
  PEER_NOTE="$quiet before; $(disturbance "$f0") during the whole peer run"
  PEER_VERSION=$(grep -E '^peer-seed-stack:' "$WORK/peer.txt" || true)
fi

# --- the table ---
{
  echo "| c | Runwire e2e completions/s | Runwire accepted/s | Runwire p50 / p99 ms | errors | not final | peer e2e c/s | peer p99 ms | pgbench limit tps | Runwire ÷ limit | Runwire ÷ peer |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  for c in $CONCURRENCIES; do
    rw=${RW_E2E[$c]:-}; lim=${LIMIT_TPS[$c]:-}; pe=${PEER_E2E[$c]:-}
    r_lim=-; r_peer=-
    [ -n "$rw" ] && [ -n "$lim" ] && r_lim=$(calc %.2f "$rw / $lim")
    [ -n "$rw" ] && [ -n "$pe" ] && r_peer=$(calc %.2f "$rw / $pe")
    echo "| $c | ${rw:--} | ${RW_ACC[$c]:--} | ${RW_P50[$c]:--} / ${RW_P99[$c]:--} | ${RW_ERR[$c]:--} | ${RW_NOTFINAL[$c]:--} | ${pe:--} | ${PEER_P99[$c]:--} | ${lim:--} | $r_lim | $r_peer |"
  done
  echo
  echo "Runwire e2e = executions whose final status was stored ÷ time from load start to the last one; peer e2e = its sink's count (../shared/bench/load/README.md); p99 from wrk (coordinated-omission corrected)."
} > "$WORK/summary.md"
COMMIT="$(git rev-parse --short HEAD)$(git diff --quiet -- src routes || echo '+local changes')"
{
  echo
  echo "== runbook-path benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $HOST ($(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB), Runwire $COMMIT"
  echo "   Runwire: $(java -version 2>&1 | head -1), JAVA_OPTS='${JVM_OPTS# }', database $DB ($PG_DESC), ${SECS}s per row after a ${WARMUP}s warm-up at c=16"
  echo "   RSS idle after start ${RSS_IDLE} MiB, after the runs $RW_RSS_END MiB"
  echo
  echo "Runwire (e2e sink: the sink received the call; e2e final: the final status is stored; CPU ms per completion: JVM / PostgreSQL; write commits (transaction ids) and WAL syncs per completion, pollers included)"
  echo "|   c | accept/s | p50 ms  | p99 ms  | e2e sink/s | e2e final/s | errors | not SUCCESS/not final | final/accepted | peak RSS MiB | JVM ms | PG ms | write commits | WAL syncs | machine |"
  echo "|-----|----------|---------|---------|-----------|-------------|--------|-----------------------|----------------|--------------|--------|-------|---------|-----------|---------|"
  printf '%s\n' "${RW_ROWS[@]}"
  if [ ${#LIMIT_ROWS[@]} -gt 0 ]; then
    echo
    echo "pgbench replay of Runwire's SQL (bench/runbook-path/replay-plan.txt: $(grep -cE '^[a-z]' "$ROOT/bench/runbook-path/replay-plan.txt") statements, each its own autocommit, over TCP as runwire_app, -M prepared); tps = triggers + executions per second"
    echo "|   c |      tps | p50 ms  | p99 ms  | errors | write commits | WAL syncs | machine |"
    echo "|-----|----------|---------|---------|--------|---------|-----------|---------|"
    printf '%s\n' "${LIMIT_ROWS[@]}"
    [ -n "${STATEMENT_LATENCY:-}" ] && { echo "  statement latencies at c=16:"; echo "$STATEMENT_LATENCY"; }
  fi
  if [ ${#PEER_ROWS[@]} -gt 0 ]; then
    echo
    echo "peer: ${PEER_VERSION:-seed stack} ($PEER_NOTE)"
    echo "|   c | accept/s | p50 ms  | p99 ms  | errors | completions/accepted | e2e c/s | not SUCCESS | API RSS MiB |"
    echo "|-----|----------|---------|---------|--------|----------------------|---------|-------------|-------------|"
    printf '%s\n' "${PEER_ROWS[@]}"
  fi
  echo "whole run: $(( $(date +%s) - STARTED )) s; output: target/runbook-path/"
} > "$WORK/details.txt"
{ cat "$WORK/details.txt"; echo; cat "$WORK/summary.md"; } > "$WORK/table.txt"
cat "$WORK/table.txt"
cat "$WORK/table.txt" >> "$RESULTS"
log "appended to ${RESULTS#$ROOT/}"
if [ -z "${NO_README:-}" ] && grep -q '<!-- runbook-path:table -->' "$ROOT/bench/README.md"; then
  awk -v summary="$WORK/summary.md" -v details="$WORK/details.txt" '
    /<!-- runbook-path:table -->/ {
      print; print ""; while ((getline l < summary) > 0) print l
      print ""; print "```"; first = 1
      while ((getline l < details) > 0) { if (first && l == "") continue; first = 0; print l }
      print "```"; print ""; skip = 1; next }
    /<!-- runbook-path:table-end -->/ { skip = 0 }
    !skip' "$ROOT/bench/README.md" > "$WORK/README.md" && cp "$WORK/README.md" "$ROOT/bench/README.md"
  log "bench/README.md: latest table replaced"
fi
