#!/usr/bin/env bash
# Measures the product's latency target on the real suite (embedded infrastructure, loopback only):
# tip recorded -> tip_received on 1,000 open OBS overlay sockets. Options: --sockets=N --tips=N --pause-ms=N
# With --analytics: summary and top tippers of a creator with 1,000,000 tips over two years
# (options --tips=N --requests=N --warmup=N --tz=ZONE).
# With --peer: side by side with the seeds' own stack (../shared/peers), tips to 1,000 overlay sockets through
# the origin and creator tokens, in several rounds (local-suite/bench/compare-with-peer.sh has the options).
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -q install -DskipTests
if [[ "${1:-}" == "--peer" ]]; then
  shift
  exec local-suite/bench/compare-with-peer.sh "$@"
fi
main=io.streamingcompanion.localsuite.bench.TipLatencyBenchmark
if [[ "${1:-}" == "--analytics" ]]; then
  main=io.streamingcompanion.localsuite.bench.AnalyticsBenchmark
  shift
fi
exec java -Dstreaming.home="$PWD" \
  -cp "local-suite/target/local-suite-1.0.0-SNAPSHOT.jar:local-suite/target/lib/*" \
  "$main" "$@"
