#!/usr/bin/env bash
# The reliability drill of issue 4 ("Nothing lost, nothing run twice") and the execution engine's drills e and f:
# starts the packaged Runwire as separate JVMs on loopback, kills, stops and restarts them under load, and prints what
# was lost or run twice, what a slow host held up, and when a retry came. See bench/README.md.
#
#   bench/reliability-drill.sh                    all six scenarios at the issues' sizes
#   bench/reliability-drill.sh crash              a) 500 triggers, kill -9 mid-run
#   bench/reliability-drill.sh replicas           b) 1,000 triggers over two instances on one database
#   bench/reliability-drill.sh backpressure       c) 200 triggers into a queue of 10
#   bench/reliability-drill.sh sigterm            d) 500 triggers, SIGTERM mid-run
#   bench/reliability-drill.sh slow               e) 32 executions to a host holding each call 20 s, then 200 fast ones
#   bench/reliability-drill.sh retry-after        f) 429 with Retry-After: 60, kill -9 during the wait
#   bench/reliability-drill.sh workflows          g) 100 workflow executions (webhook, delay, webhook), kill -9 mid-run
#   bench/reliability-drill.sh age                h) 200 incidents past an age workflow's threshold, two instances polling
#   bench/reliability-drill.sh crash 2000 --rate=200 --runwire.executor.lease-seconds=10
#
# Exit status: 0 every must held, 1 a must was violated, 2 usage error.
# MAVEN_FLAGS="-o" builds offline.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -q -B ${MAVEN_FLAGS:-} package -DskipTests
mvn -q -B ${MAVEN_FLAGS:-} dependency:build-classpath -Dmdep.outputFile=target/drill-classpath.txt

if [ $# -eq 0 ]; then
    set -- all
fi
exec java -cp "target/test-classes:target/classes:$(cat target/drill-classpath.txt)" \
    io.runwire.drill.ReliabilityDrill "$@"
