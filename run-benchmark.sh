#!/usr/bin/env bash
# Measures the product's latency target on the real suite (embedded infrastructure, loopback only):
# tip recorded -> tip_received on 1,000 open OBS overlay sockets. Options: --sockets=N --tips=N --pause-ms=N
# With --analytics: summary and top tippers of a creator with 1,000,000 tips over two years
# (options --tips=N --requests=N --warmup=N --tz=ZONE).
# With --gateway: realtime-gateway's capacity (target: one gateway, 10,000 overlay sockets, 50,000 delivered
# msgs/s, p99 under 100 ms, 0 missing). Tip events go straight into Kafka; every socket counts its deliveries;
# only session-service (keys, sessions; stopped before the load) and the gateway run. Options:
#   --sockets=10000   overlay sockets, joined on the gateway's own port
#   --creators=100    creators the sockets are spread over (tip events/s = rate x creators / sockets)
#   --rate=50000      delivered msgs/s offered (events/s x sockets per creator)
#   --warmup=30 --duration=30   seconds of load before and during the measurement (30 s of warm-up: the JIT settles)
#   --replicas=1      gateway processes; with 2, each creator's sockets are spread over both
#   --drain=30        at most this many seconds to wait for late deliveries
#   --connect-window=200        socket handshakes in flight while joining
#   --runs=3          runs, each on a fresh suite; the summary gives every run's p99, the median and how many met it
# Figures in local-suite/target/benchmark-gateway.txt.
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
elif [[ "${1:-}" == "--gateway" ]]; then
  main=io.streamingcompanion.localsuite.bench.GatewayCapacityBenchmark
  shift
fi
exec java -Dstreaming.home="$PWD" \
  -cp "local-suite/target/local-suite-1.0.0-SNAPSHOT.jar:local-suite/target/lib/*" \
  "$main" "$@"
