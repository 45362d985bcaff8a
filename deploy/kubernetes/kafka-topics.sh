#!/bin/bash
# Creates the suite's topics (one per aggregate, 3 partitions each) and keeps the history of the topics
# analytics-service rebuilds its read model from. Safe to run again: existing topics stay, and their
# retention is set again (a topic created earlier with the broker's 7-day default gets it too).
# Run by compose's kafka-init and by the Kubernetes Job kafka-topics (kafka-topics-job.yaml).
#
# streaming.sessions, streaming.tips, streaming.goals: nothing is ever deleted (retention.ms=-1,
# retention.bytes=-1). Not compaction: it keeps only the newest record per key, and tips are keyed by
# session id, so all tips of a session but one would be lost (likewise a session's updates).
set -euo pipefail

bootstrap="${KAFKA_BOOTSTRAP_SERVERS:?KAFKA_BOOTSTRAP_SERVERS is not set}"
replication="${KAFKA_TOPIC_REPLICATION_FACTOR:-1}"
bin="${KAFKA_BIN:-/opt/kafka/bin}"
kept_forever="streaming.sessions streaming.tips streaming.goals"
others="streaming.menu streaming.animations streaming.chatbot streaming.tts streaming.streams streaming.overlays
        streaming.connectors streaming.dead-letters"

for topic in $kept_forever; do
  "$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$topic" \
    --partitions 3 --replication-factor "$replication" \
    --config cleanup.policy=delete --config retention.ms=-1 --config retention.bytes=-1
  "$bin/kafka-configs.sh" --bootstrap-server "$bootstrap" --alter --entity-type topics --entity-name "$topic" \
    --add-config cleanup.policy=delete,retention.ms=-1,retention.bytes=-1
done
for topic in $others; do
  "$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$topic" \
    --partitions 3 --replication-factor "$replication"
done
for topic in $kept_forever; do
  "$bin/kafka-configs.sh" --bootstrap-server "$bootstrap" --describe --entity-type topics --entity-name "$topic"
done
