#!/usr/bin/env bash
# Builds what is needed and runs the whole suite on embedded PostgreSQL, Kafka and Redis.
# Needs only JDK 17+ (Maven comes through ./mvnw). Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -q install -DskipTests
exec java -Dstreaming.home="$PWD" \
  -cp "local-suite/target/local-suite-1.0.0-SNAPSHOT.jar:local-suite/target/lib/*" \
  io.streamingcompanion.localsuite.LocalSuite "$@"
