#!/usr/bin/env bash
# Measures the product's latency target on the real suite (embedded infrastructure, loopback only):
# tip recorded -> tip_received on 1,000 open OBS overlay sockets. Options: --sockets=N --tips=N --pause-ms=N
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -q install -DskipTests
exec java -Dstreaming.home="$PWD" \
  -cp "local-suite/target/local-suite-1.0.0-SNAPSHOT.jar:local-suite/target/lib/*" \
  io.streamingcompanion.localsuite.bench.TipLatencyBenchmark "$@"
