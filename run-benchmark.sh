#!/usr/bin/env bash
# Measures the product's latency target on the real suite (embedded infrastructure, loopback only):
# tip recorded -> tip_received on 1,000 open OBS overlay sockets. Options: --sockets=N --tips=N --pause-ms=N
# With --analytics: summary and top tippers of a creator with 1,000,000 tips over two years
# (options --tips=N --requests=N --warmup=N --tz=ZONE).
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -q install -DskipTests
main=io.streamingcompanion.localsuite.bench.TipLatencyBenchmark
if [[ "${1:-}" == "--analytics" ]]; then
  main=io.streamingcompanion.localsuite.bench.AnalyticsBenchmark
  shift
fi
exec java -Dstreaming.home="$PWD" \
  -cp "local-suite/target/local-suite-1.0.0-SNAPSHOT.jar:local-suite/target/lib/*" \
  "$main" "$@"
