#!/usr/bin/env bash
# Profiles the running local suite (./run-local.sh) with async-profiler (fetched from Maven Central):
#   local-suite/bench/profile-suite.sh start [cpu|alloc|wall]   then load it (e.g. ./run-benchmark.sh --peer)
#   local-suite/bench/profile-suite.sh stop DIR                 one flame graph (.html) and collapsed stacks per JVM
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=4.2
LIB=local-suite/target/profiler/linux-x64/libasyncProfiler.so
if [ ! -f "$LIB" ]; then
  ./mvnw -q dependency:copy -Dartifact=tools.profiler:async-profiler:$VERSION -DoutputDirectory=local-suite/target/profiler
  (cd local-suite/target/profiler && unzip -q -o async-profiler-$VERSION.jar 'linux-x64/*')
fi
exec java -cp "local-suite/target/local-suite-1.0.0-SNAPSHOT.jar:local-suite/target/lib/*" \
  io.streamingcompanion.localsuite.bench.SuiteProfiler "$LIB" "$@"
