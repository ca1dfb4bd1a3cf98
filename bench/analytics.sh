#!/usr/bin/env bash
# The analytics benchmark of issue 14: GET /api/runbooks/{id}/analytics and GET /api/workflows/{id}/analytics on a
# database seeded with 1,000,000 runbook executions (and their attempts) and 100,000 workflow executions, over HTTP,
# each answer checked against a direct SQL count (and its p50/p95 against percentile_cont). See bench/README.md.
#
#   bench/analytics.sh                 seed, roll up, then each case RUNS times; prints latency and whether the numbers agree
#
# Env: MAVEN_FLAGS (e.g. -o), SKIP_BUILD=1, RUNS (timed requests per case, default 7), EXECUTIONS (1000000),
#      WORKFLOW_EXECUTIONS (100000), LIMIT_MS (200: the median each case must stay under),
#      JAVA_OPTS (default: the Dockerfile's in a 1 GiB container).
# Exit status: 0 every case under LIMIT_MS with numbers equal to SQL's, 1 otherwise.
set -Eeuo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
case ${1:-} in -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac

RUNS=${RUNS:-7}; EXECUTIONS=${EXECUTIONS:-1000000}; WORKFLOW_EXECUTIONS=${WORKFLOW_EXECUTIONS:-100000}
LIMIT_MS=${LIMIT_MS:-200}
PG_BIN=/usr/lib/postgresql/15/bin
WORK=$ROOT/target/analytics
PGROOT=/tmp/runwire-analytics-pg           # the cluster's files, readable by the postgres user wherever ROOT is
rm -rf "$WORK"; mkdir -p "$WORK"
exec > >(tee "$WORK/output.txt") 2>&1
log() { echo "[$(date +%H:%M:%S)] $*"; }

# --- everything this script starts is stopped by pid on exit ---
RW_PID=""; PG_STARTED=""
cleanup() {
  set +e; trap - ERR
  if [ -n "$RW_PID" ]; then
    kill -TERM "$RW_PID" 2>/dev/null
    for _ in $(seq 150); do kill -0 "$RW_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$RW_PID" 2>/dev/null
  fi
  [ -n "$PG_STARTED" ] && as_pg "$PG_BIN/pg_ctl" -D "$PGROOT/data" -m fast -w stop >/dev/null
  log "stopped everything this script started"
}
trap cleanup EXIT
trap 'echo "analytics.sh: failed at line $LINENO: $BASH_COMMAND" >&2' ERR
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() { local p=$1; while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done; echo "$p"; }
idle_pct() { # % idle of the whole machine over $1 s
  local a b; a=($(head -1 /proc/stat)); sleep "$1"; b=($(head -1 /proc/stat))
  local idle=$(( (b[4] + b[5]) - (a[4] + a[5]) )) total=0
  for i in 1 2 3 4 5 6 7 8; do total=$(( total + b[i] - a[i] )); done
  echo $(( total > 0 ? 100 * idle / total : 100 ))
}
machine() { echo "load average $(cut -d' ' -f1-3 /proc/loadavg), $(idle_pct 2)% idle, $({ pgrep -f 'surefire|plexus-classworlds' || true; } | wc -l) other Maven/test JVMs"; }

# --- install what is missing (Debian packages) and build ---
need=()
command -v curl >/dev/null || need+=(curl)
command -v jq >/dev/null || need+=(jq)
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

# --- PostgreSQL 15: a cluster of this script's own, laid out as README's "External PostgreSQL" ---
PGPORT=$(free_port 56432); PGDATA=$PGROOT/data; PGSOCK=$PGROOT/sock
if [ -f "$PGDATA/postmaster.pid" ]; then as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1 || true; fi
rm -rf "$PGROOT"; mkdir -p "$PGDATA" "$PGSOCK"; [ "$(id -u)" = 0 ] && chown -R postgres: "$PGROOT"
as_pg "$PG_BIN/initdb" -D "$PGDATA" -U postgres -E UTF8 --locale=C --auth-local=trust --auth-host=scram-sha-256 >/dev/null
cat >> "$PGDATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PGPORT
unix_socket_directories = '$PGSOCK'
shared_buffers = 256MB
max_wal_size = 4GB
fsync = on
synchronous_commit = on
CONF
as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$PGROOT/postgres.log" -w -t 60 start >/dev/null
PG_STARTED=1
psql_db() { as_pg env PGOPTIONS="-c search_path=runwire,public" "$PG_BIN/psql" -h "$PGSOCK" -p "$PGPORT" -U postgres \
  -v ON_ERROR_STOP=1 -Atq -d "${DB:-runwire}" "$@"; }
DB=postgres psql_db -c "CREATE DATABASE runwire"
APP_PW=runwire-app-bench; OWNER_PW=runwire-owner-bench
psql_db <<SQL
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
log "PostgreSQL $("$PG_BIN/postgres" --version | grep -oE '[0-9]+\.[0-9]+' | head -1) on 127.0.0.1:$PGPORT (shared_buffers 256MB, fsync on)"

# --- Runwire ---
RW_PORT=$(free_port 18180); BASE=http://127.0.0.1:$RW_PORT
ADMIN=rw_bench_admin_$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
JVM_OPTS=${JAVA_OPTS:--XX:MaxRAM=1g -XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError}
# shellcheck disable=SC2086
env PORT="$RW_PORT" RUNWIRE_BOOTSTRAP_ADMIN_TOKEN="$ADMIN" RUNWIRE_ENCRYPTION_KEY="$(head -c 32 /dev/urandom | base64)" \
    SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$PGPORT/runwire" \
    SPRING_DATASOURCE_USERNAME=runwire_app SPRING_DATASOURCE_PASSWORD="$APP_PW" \
    SPRING_FLYWAY_USER=runwire_owner SPRING_FLYWAY_PASSWORD="$OWNER_PW" \
    java $JVM_OPTS -jar "$JAR" --server.address=127.0.0.1 > "$WORK/runwire.log" 2>&1 &
RW_PID=$!
for _ in $(seq 900); do curl -fsS --max-time 1 "$BASE/actuator/health" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fsS --max-time 1 "$BASE/actuator/health" >/dev/null || { tail -40 "$WORK/runwire.log"; echo "Runwire did not become healthy" >&2; exit 1; }
log "Runwire up on $BASE (pid $RW_PID, JAVA_OPTS='$JVM_OPTS')"
api() { curl -sS -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' "$@"; }
TEAM_ID=$(api -X POST "$BASE/api/teams" -d '{"name":"analytics-bench"}' | jq -er .team.id)

# --- seed: one INSERT ... SELECT per table. 50 runbooks, the first ("hot") holding a quarter of the executions;
#     10 workflows, the first holding half; created over the last 30 days; only final statuses (no poller takes them) ---
log "seeding $EXECUTIONS runbook executions, their attempts and $WORKFLOW_EXECUTIONS workflow executions"
t0=$(date +%s.%N)
psql_db <<SQL
INSERT INTO runbooks (team_id, name, webhook_url, approval_status)
SELECT '$TEAM_ID', 'bench-runbook-' || lpad(n::text, 2, '0'), 'https://target.example/hook', 'APPROVED'
FROM generate_series(1, 50) n;

INSERT INTO runbook_executions (runbook_id, runbook_version, definition_snapshot, triggered_by, status, attempts, error,
                                created_at, started_at, completed_at)
SELECT rb.ids[CASE WHEN i % 4 = 0 THEN 1 ELSE 2 + i % 49 END], 1, '{}', 'manual', s.status,
       CASE s.status WHEN 'FAILED' THEN 3 WHEN 'TIMED_OUT' THEN 2 WHEN 'CANCELLED' THEN 0 ELSE 1 + (s.r % 10 = 0)::int END,
       CASE s.status WHEN 'FAILED' THEN (ARRAY['HTTP 500 from target', 'HTTP 502 from target', 'HTTP 503 from target',
                                               'Connection refused', 'Connection reset', 'TLS handshake failed',
                                               'HTTP 400 from target'])[1 + s.r % 7]
                     WHEN 'TIMED_OUT' THEN 'Timed out after 30 s' END,
       s.created, CASE WHEN s.status <> 'CANCELLED' THEN s.created + interval '50 milliseconds' END,
       CASE WHEN s.status <> 'CANCELLED'
            THEN s.created + interval '50 milliseconds' + make_interval(secs => (20 + s.r % 1000) / 1000.0) END
FROM (SELECT array_agg(id ORDER BY name) AS ids FROM runbooks WHERE name LIKE 'bench-runbook-%') rb,
     generate_series(1, $EXECUTIONS) i,
     LATERAL (SELECT abs(hashint4(i)) % 1000 AS r) h,
     LATERAL (SELECT h.r, now() - make_interval(secs => i * 2592000.0 / $EXECUTIONS) AS created,
                     CASE WHEN h.r < 50 THEN 'FAILED' WHEN h.r < 70 THEN 'TIMED_OUT' WHEN h.r < 80 THEN 'CANCELLED'
                          ELSE 'SUCCESS' END AS status) s;

INSERT INTO runbook_execution_attempts (execution_id, number, node_id, started_at, finished_at, duration_ms, status_code,
                                        outcome, error)
SELECT e.id, n, 'bench', e.started_at, e.completed_at,
       (extract(epoch FROM e.completed_at - e.started_at) * 1000)::bigint,
       CASE WHEN e.status = 'SUCCESS' AND n = e.attempts THEN 200 WHEN e.status = 'TIMED_OUT' THEN NULL ELSE 503 END,
       CASE WHEN n < e.attempts THEN 'RETRY' ELSE e.status END, CASE WHEN n = e.attempts THEN e.error END
FROM runbook_executions e, generate_series(1, e.attempts) n;

INSERT INTO workflows (team_id, name, definition)
SELECT '$TEAM_ID', 'bench-workflow-' || lpad(n::text, 2, '0'), '{"nodes": [], "edges": []}'
FROM generate_series(1, 10) n;

INSERT INTO workflow_executions (workflow_id, workflow_version, definition_snapshot, triggered_by, status, error,
                                 created_at, started_at, completed_at, failed_at, node_results)
SELECT wf.ids[CASE WHEN i % 2 = 0 THEN 1 ELSE 2 + i % 9 END], 1, '{}', 'manual', s.status,
       CASE s.status WHEN 'FAILED' THEN (ARRAY['Node ''notify'' failed: HTTP 503', 'Node ''notify'' failed: timed out',
                                               'Node ''page'' failed: Jira is not configured'])[1 + s.r % 3]
                     WHEN 'CANCELLED' THEN 'The workflow ran past its timeout (5min)' END,
       s.t0, s.t0, CASE WHEN s.status <> 'FAILED' THEN s.t0 + make_interval(secs => s.r / 100.0) END,
       CASE WHEN s.status = 'FAILED' THEN s.t0 + make_interval(secs => s.r / 100.0) END,
       jsonb_build_array(
           jsonb_build_object('nodeId', 'trigger', 'type', 'trigger', 'status', 'COMPLETED',
                              'startedAt', s.t0, 'completedAt', s.t0, 'attempts', 1),
           jsonb_build_object('nodeId', 'notify', 'type', 'action',
                              'status', CASE WHEN s.status = 'FAILED' THEN 'FAILED' ELSE 'COMPLETED' END,
                              'startedAt', s.t0, 'completedAt', s.t0 + make_interval(secs => s.r / 1000.0),
                              'attempts', CASE WHEN s.status = 'FAILED' THEN 3 ELSE 1 END))
       || CASE WHEN s.status = 'COMPLETED' THEN jsonb_build_array(
           jsonb_build_object('nodeId', 'page', 'type', 'action', 'status', 'COMPLETED', 'startedAt', s.t0,
                              'completedAt', s.t0 + make_interval(secs => s.r / 500.0), 'attempts', 1))
          ELSE '[]'::jsonb END
FROM (SELECT array_agg(id ORDER BY name) AS ids FROM workflows WHERE name LIKE 'bench-workflow-%') wf,
     generate_series(1, $WORKFLOW_EXECUTIONS) i,
     LATERAL (SELECT abs(hashint4(i)) % 100 AS r) h,
     LATERAL (SELECT h.r, now() - make_interval(secs => i * 2592000.0 / $WORKFLOW_EXECUTIONS) AS t0,
                     CASE WHEN h.r < 80 THEN 'COMPLETED' WHEN h.r < 95 THEN 'FAILED' ELSE 'CANCELLED' END AS status) s;
SQL
log "seeded in $(awk "BEGIN {printf \"%.1f\", $(date +%s.%N) - $t0}") s; VACUUM ANALYZE (as autovacuum would: the visibility map lets the statistics come from the index alone)"
psql_db -c "VACUUM ANALYZE runbook_executions, runbook_execution_attempts, workflow_executions"

# --- the rollup (V15), as the service's analytics-rollup route runs it, its own statements: the seed's executions are
#     all final but written by hand, before whatever watermark the route's timer reached meanwhile, so the rollup first
#     forgets (sql/analytics-rollup-forget.sql); then runs until both watermarks are past the seed (two runs: the first
#     fixes how far the second goes; a run that finds the service's own timer holding the watermark does nothing) ---
SEEDED_AT=$(psql_db -c "SELECT now()")
psql_db -f "$ROOT/src/main/resources/sql/analytics-rollup-forget.sql" >/dev/null
for kind in runbook workflow; do
  for run in 1 2 3 4 5; do
    t1=$(date +%s.%N)
    result=$(psql_db -F ' ' -f "$ROOT/src/main/resources/sql/$kind-analytics-rollup.sql")
    took=$(awk "BEGIN {printf \"%.1f\", $(date +%s.%N) - $t1}")
    [ -n "$result" ] || result="nothing: the timer of the service held the watermark"
    log "$kind rollup run $run (hours, errors[, nodes], done until, next until): $result, in $took s"
    [ "$(psql_db -c "SELECT done_until >= '$SEEDED_AT' FROM analytics_rollup_watermarks WHERE kind = '$kind'")" = t ] && break
  done
done
psql_db -c "VACUUM ANALYZE runbook_execution_hours, runbook_error_hours, workflow_execution_hours, workflow_error_hours,
                           workflow_node_hours"
log "$(psql_db -c "SELECT format('rollup: %s runbook hours, %s of their error texts; %s workflow hours, %s error texts, %s node hours; %s',
  (SELECT count(*) FROM runbook_execution_hours), (SELECT count(*) FROM runbook_error_hours),
  (SELECT count(*) FROM workflow_execution_hours), (SELECT count(*) FROM workflow_error_hours),
  (SELECT count(*) FROM workflow_node_hours),
  pg_size_pretty(pg_total_relation_size('runbook_execution_hours') + pg_total_relation_size('runbook_error_hours')
                 + pg_total_relation_size('workflow_execution_hours') + pg_total_relation_size('workflow_error_hours')
                 + pg_total_relation_size('workflow_node_hours')))")"
log "$(psql_db -c "SELECT format('%s runbook executions, %s attempts, %s workflow executions; runbook_executions %s, its indexes %s',
  (SELECT count(*) FROM runbook_executions), (SELECT count(*) FROM runbook_execution_attempts),
  (SELECT count(*) FROM workflow_executions), pg_size_pretty(pg_table_size('runbook_executions')),
  pg_size_pretty(pg_indexes_size('runbook_executions')))")"

HOT_RB=$(psql_db -c "SELECT id FROM runbooks WHERE name = 'bench-runbook-01'")
TYPICAL_RB=$(psql_db -c "SELECT id FROM runbooks WHERE name = 'bench-runbook-02'")
HOT_WF=$(psql_db -c "SELECT id FROM workflows WHERE name = 'bench-workflow-01'")
TYPICAL_WF=$(psql_db -c "SELECT id FROM workflows WHERE name = 'bench-workflow-02'")
# an explicit since, so the API and the direct count look at the same rows (nothing is added meanwhile)
SINCE7=$(date -u -d '7 days ago' +%Y-%m-%dT%H:%M:%SZ); SINCE31=$(date -u -d '31 days ago' +%Y-%m-%dT%H:%M:%SZ)

# --- the direct SQL count a case's answer must equal: executions, each status, the success rate; and percentile_cont ---
direct() { # kind id since
  local table=runbook_executions key=runbook_id ok=SUCCESS ended="'SUCCESS','FAILED','TIMED_OUT'" took="completed_at - started_at"
  if [ "$1" = workflow ]; then table=workflow_executions key=workflow_id ok=COMPLETED ended="'COMPLETED','FAILED','CANCELLED'"
                               took="coalesce(completed_at, failed_at) - started_at"; fi
  psql_db -c "SELECT json_build_object('executions', count(*),
      'byStatus', (SELECT json_object_agg(status, n ORDER BY status) FROM (SELECT status, count(*) AS n FROM $table
                   WHERE $key = '$2' AND created_at >= '$3' GROUP BY status) s),
      'successRate', round(count(*) FILTER (WHERE status = '$ok')::numeric
                           / nullif(count(*) FILTER (WHERE status IN ($ended)), 0), 4),
      'durationMs', json_build_object(
          'p50', round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM $took) * 1000)
                        FILTER (WHERE status IN ($ended)))::numeric, 1),
          'p95', round((percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM $took) * 1000)
                        FILTER (WHERE status IN ($ended)))::numeric, 1)))
    FROM $table WHERE $key = '$2' AND created_at >= '$3'"
}
# the statement alone, in the database: EXPLAIN ANALYZE of the SQL file with the parameters filled in, as the service
# runs it (its sessions start with jit off, application.yaml)
explain() { # sql-file variable id since
  sed -e "s/:#\${variable\.$2}/'$3'/g" -e "s/:#\${variable\.since}/'$4'/g" "$ROOT/src/main/resources/sql/$1.sql" |
    sed "/^ *--/d" | { echo "SET jit = off; EXPLAIN (ANALYZE, BUFFERS)"; cat; } | psql_db
}

CASES=(
  "runbook, hot (a quarter of all), 7 days|runbook|$HOT_RB|$SINCE7|runbook-analytics|runbookId"
  "runbook, hot, 30 days|runbook|$HOT_RB|$SINCE31|runbook-analytics|runbookId"
  "runbook, typical (1/65 of all), 7 days|runbook|$TYPICAL_RB|$SINCE7|runbook-analytics|runbookId"
  "workflow, hot (half of all), 7 days|workflow|$HOT_WF|$SINCE7|workflow-analytics|workflowId"
  "workflow, hot, 30 days|workflow|$HOT_WF|$SINCE31|workflow-analytics|workflowId"
  "workflow, typical, 7 days|workflow|$TYPICAL_WF|$SINCE7|workflow-analytics|workflowId"
)
log "before measuring: $(machine)"
ROWS=(); FAILED=0
for entry in "${CASES[@]}"; do
  IFS='|' read -r label kind id since sqlfile variable <<< "$entry"
  url="$BASE/api/${kind}s/$id/analytics?since=$since"
  for _ in 1 2; do api -o /dev/null "$url"; done      # warm-up: the JIT, the plan, the pages
  times=()
  for _ in $(seq "$RUNS"); do
    times+=("$(api -o "$WORK/answer.json" -w '%{time_total}' "$url" | awk '{printf "%.1f", $1 * 1000}')")
  done
  read -r min med max < <(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[1], a[int((NR+1)/2)], a[NR]}')
  answer=$(jq -S -c '.analytics | {executions, byStatus, successRate}' "$WORK/answer.json")
  exact=$(direct "$kind" "$id" "$since")
  expected=$(jq -S -c '{executions, byStatus, successRate}' <<< "$exact")
  agree=$([ "$answer" = "$expected" ] && echo equal || echo "DIFFERENT (SQL: $expected)")
  # the rollup's histogram: within 1 % of percentile_cont (and the 0.1 ms both are rounded to)
  durations=$(jq -r --argjson e "$(jq -c .durationMs <<< "$exact")" '.analytics.durationMs as $a
      | [("p50", "p95") | ($a[.] - $e[.]) as $d | (if $d < 0 then -$d else $d end) <= 0.01 * $e[.] + 0.05] | all
      | "\($a.p50) / \($a.p95) (SQL \($e.p50) / \($e.p95)): " + (if . then "within 1 %" else "OFF BY MORE" end)' "$WORK/answer.json")
  [[ "$durations" == *"within 1 %" ]] || FAILED=1
  db_ms=$(explain "$sqlfile" "$variable" "$id" "$since" | tee -a "$WORK/explain.txt" | grep -oE 'Execution Time: [0-9.]+' | grep -oE '[0-9.]+')
  verdict=$(awk "BEGIN {exit !($med < $LIMIT_MS)}" && echo ok || echo "OVER ${LIMIT_MS} ms")
  [ "$agree" = equal ] && [ "$verdict" = ok ] || FAILED=1
  ROWS+=("$(printf '| %s | %s | %s / %s / %s | %s | %s | %s | %s |' "$label" "$(jq -r .executions <<< "$answer")" \
    "$min" "$med" "$max" "$db_ms" "$agree" "$durations" "$verdict")")
  log "${ROWS[-1]}"
  jq -c '.analytics | {successRate, durationMs, attempts, topErrors: (.topErrors | length), nodes: (.nodes | length?)}' "$WORK/answer.json"
done
log "after measuring: $(machine)"
{
  echo
  echo "== analytics benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(hostname -s) ($(nproc) cores), Runwire $(git rev-parse --short HEAD)$(git diff --quiet -- src routes || echo '+local changes')"
  echo "   $EXECUTIONS runbook executions over 50 runbooks, $(psql_db -c 'SELECT count(*) FROM runbook_execution_attempts') attempts, $WORKFLOW_EXECUTIONS workflow executions over 10 workflows, created over 30 days; PostgreSQL 15, $RUNS timed requests per case after 2 untimed"
  echo "| case | executions in the window | HTTP min / median / max ms | statement alone (EXPLAIN ANALYZE) ms | numbers vs direct SQL | p50 / p95 ms vs percentile_cont | median < $LIMIT_MS ms |"
  echo "|---|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
} | tee "$WORK/table.txt"
log "plans: ${WORK#$ROOT/}/explain.txt"
exit $FAILED
