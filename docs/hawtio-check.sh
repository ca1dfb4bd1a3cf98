#!/usr/bin/env bash
# The browser check of Hawtio (README, "Hawtio and Jolokia"): starts the jar on a fresh embedded database, sends some
# API traffic, then headless Chromium logs in to Hawtio with the admin's API key (after a wrong key is refused), opens
# the Camel routes view and saves docs/hawtio-routes.png, failing unless it shows Runwire's route ids with exchanges.
# Needs the jar (mvn -B package -DskipTests), Debian's chromium (apt-get install -y chromium), node and npm.
set -euo pipefail
cd "$(dirname "$0")/.."

port=${RUNWIRE_CHECK_PORT:-18602}
jar=$(ls target/runwire-*.jar 2>/dev/null | head -1)
[ -n "$jar" ] || { echo "No jar: run mvn -B package -DskipTests first" >&2; exit 1; }
chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || { echo "No Chromium at $chromium: apt-get install -y chromium" >&2; exit 1; }

work=$(mktemp -d)
key="rw_check-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
RUNWIRE_DATA_DIR="$work/data" RUNWIRE_BOOTSTRAP_ADMIN_TOKEN="$key" PORT="$port" \
  java -jar "$jar" > "$work/runwire.log" 2>&1 &
pid=$!
# the jar ends on SIGTERM with 143: that is its stop, not the check's result
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT

base="http://127.0.0.1:$port"
for _ in $(seq 1 180); do
  curl -sf "$base/actuator/health" > /dev/null && break
  kill -0 $pid 2>/dev/null || { tail -20 "$work/runwire.log" >&2; exit 1; }
  sleep 1
done
curl -sf "$base/actuator/health" > /dev/null || { echo "Runwire did not come up on $base" >&2; exit 1; }

api() { curl -sf -H "Authorization: Bearer $key" -H 'Content-Type: application/json' "$@"; }
team=$(api -X POST "$base/api/teams" -d '{"name":"payments"}' | sed -E 's/.*"id":"([^"]+)".*/\1/')
for i in 1 2 3; do
  incident=$(api -X POST "$base/api/incidents" -d "{\"teamId\":\"$team\",\"title\":\"Checkout errors $i\",\"priority\":\"HIGH\"}" \
    | sed -E 's/.*"incident":\{"id":"([^"]+)".*/\1/')
  api -X POST "$base/api/incidents/$incident/acknowledge" > /dev/null
done
# enough reads that the incident list's routes outrun the pollers at the top of the table
for _ in $(seq 1 150); do api "$base/api/incidents?teamId=$team" > /dev/null; done
api "$base/api/users/me" > /dev/null

tools=target/hawtio-check
if [ ! -d "$tools/node_modules/playwright-core" ]; then
  npm install --silent --no-audit --no-fund --prefix "$tools" playwright-core@1.65.1 > /dev/null
fi
NODE_PATH="$PWD/$tools/node_modules" CHROMIUM="$chromium" node docs/hawtio-check.mjs "$base" "$key" docs/hawtio-routes.png
