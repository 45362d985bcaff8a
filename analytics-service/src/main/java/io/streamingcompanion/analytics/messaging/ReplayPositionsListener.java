package io.streamingcompanion.analytics.messaging;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.streamingcompanion.analytics.repository.ReplayPositionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Puts each partition a replica owns at the read model's position, on the channel's polling thread: when
 * the partition is assigned (Kafka's committed offset may be elsewhere), and when any replica has rebuilt
 * the model (each replica notices a new rebuild generation within {@code rebuild-check-every}). A partition
 * that gets no new record would otherwise never be replayed. {@link ReplayGate} still checks every record.
 */
@ApplicationScoped
@Identifier(ReplayPositionsListener.NAME)
public class ReplayPositionsListener implements KafkaConsumerRebalanceListener {

    public static final String NAME = "analytics-replay-positions";

    private final ReplayPositionRepository positions;
    private final ReplayGate gate;
    private final KafkaClientService kafka;
    private final AtomicLong knownGeneration = new AtomicLong(-1);

    public ReplayPositionsListener(ReplayPositionRepository positions, ReplayGate gate, KafkaClientService kafka) {
        this.positions = positions;
        this.gate = gate;
        this.kafka = kafka;
    }

    @Override
    public void onPartitionsAssigned(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        seekToPositions(consumer, partitions);
    }

    @Scheduled(every = "${analytics-service.rebuild-check-every:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> followRebuilds() {
        return positions.latestRebuild().chain(generation -> {
            long known = knownGeneration.getAndSet(generation);
            if (known == -1 || known == generation) {
                return Uni.createFrom().voidItem();
            }
            Log.infof("Read model rebuild %d: replaying this replica's partitions from their beginning", generation);
            return Uni.join().all(AnalyticsEventsConsumer.SOURCES.stream()
                            .map(source -> kafka.<String, String>getConsumer(source.channel())
                                    .runOnPollingThread((Consumer<org.apache.kafka.clients.consumer.Consumer<String, String>>)
                                            consumer -> seekToPositions(consumer, consumer.assignment())))
                            .toList())
                    .andCollectFailures().replaceWithVoid();
        }).onFailure().recoverWithItem(failure -> {
            Log.warnf("Could not check for a read model rebuild (checked again shortly): %s", failure.getMessage());
            return null;
        });
    }

    /** On the polling thread, where blocking is allowed (and the consumer may be used). */
    private void seekToPositions(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        String group = consumer.groupMetadata().groupId();
        try {
            Map<TopicPartition, Long> first = consumer.beginningOffsets(partitions);
            for (TopicPartition partition : partitions) {
                gate.knowFirstOffset(partition, first.get(partition));
                Long next = positions.next(group, partition.partition()).await().atMost(Duration.ofSeconds(10));
                long target = next == null || next < first.get(partition) ? first.get(partition) : next;
                consumer.seek(partition, target);
                Log.debugf("%s: %s at offset %d, the read model's position", group, partition, target);
            }
        } catch (RuntimeException e) {
            // The records themselves are still checked against the position (ReplayGate seeks on a gap).
            Log.warnf("%s: could not put %s at the read model's positions: %s", group, partitions, e.getMessage());
        }
    }
}
