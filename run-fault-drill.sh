#!/usr/bin/env bash
# Fault drill on the real suite (embedded infrastructure, loopback only): tips posted continuously while
# tip-service, session-service, goal-menu-service and the gateway are killed (SIGKILL) and restarted, Kafka is
# stopped and started, Redis is stopped and restarted. Checks every accepted tip is counted once everywhere,
# every overlay got every alert once, only the documented retryable 503, readiness DOWN then UP.
# Prints PASS/FAIL with figures (also in local-suite/target/fault-drill.txt); exits 1 on FAIL.
# Options: --overlays=20 --interval-ms=50 --in-flight=4 --down-seconds=3 --flow-seconds=5
#          --infra-down-seconds=10 --max-infra-down-seconds=45 --recover-seconds=60 --settle-seconds=120 --max-minutes=30
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -q install -DskipTests
exec java -Dstreaming.home="$PWD" \
  -cp "local-suite/target/local-suite-1.0.0-SNAPSHOT.jar:local-suite/target/lib/*" \
  io.streamingcompanion.localsuite.bench.FaultDrill "$@"
