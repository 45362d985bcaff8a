package io.streamingcompanion.analytics.messaging;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.streamingcompanion.analytics.repository.ReplayPositionRepository;
import io.streamingcompanion.commons.messaging.EventDispatcher;
import io.streamingcompanion.commons.messaging.EventRoutes;
import io.streamingcompanion.commons.messaging.HandlerScope;
import io.streamingcompanion.contracts.EventEnvelope;
import io.streamingcompanion.outbox.AppliedOnce;
import io.streamingcompanion.outbox.Transactions;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Applies each record of the read model's topics exactly once and in partition order, by the position the
 * model keeps per partition ({@link ReplayPositionRepository}) rather than Kafka's committed offsets:
 * <ul>
 * <li>a record before the position was applied already (a restart, a rebalance, a seek back): skipped;</li>
 * <li>the record at the position goes through the shared dispatcher; its scope (this class) claims the
 * position in the transaction that applies it (with {@link AppliedOnce}, which also drops a copy of an
 * event published twice), and records the dispatcher parks or skips move the position too;</li>
 * <li>a record past the position (the model was rebuilt, or Kafka's offsets ran ahead): skipped, and the
 * partition's consumer seeks back to the position, or to the partition's first record when the model has
 * no position there.</li>
 * </ul>
 * This works on every replica alike: whichever one owns a partition finds the position in the database, so
 * a rebuild asked of one replica replays every partition on all of them.
 */
@ApplicationScoped
public class ReplayGate implements HandlerScope {

    /** A seek is asked for once; the records fetched before it still arrive and are skipped meanwhile. */
    private static final Duration SEEK_AGAIN_AFTER = Duration.ofSeconds(10);

    private final ReplayPositionRepository positions;
    private final AppliedOnce appliedOnce;
    private final Transactions transactions;
    private final EventDispatcher dispatcher;
    private final KafkaClientService kafka;

    /** Each partition's first offset (its log start), fetched the first time a consumer must start there. */
    private final Map<TopicPartition, Long> firstOffsets = new ConcurrentHashMap<>();
    /**
     * The record whose position each partition last moved past here: so that the dispatcher's outcome is not claimed
     * twice, and so that the next record in line goes to its claim without reading the position first.
     */
    private final Map<TopicPartition, Long> claimed = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Seek> seeks = new ConcurrentHashMap<>();

    private record Seek(long offset, Instant at) {
    }

    public ReplayGate(ReplayPositionRepository positions, AppliedOnce appliedOnce, Transactions transactions,
                      EventDispatcher dispatcher, KafkaClientService kafka) {
        this.positions = positions;
        this.appliedOnce = appliedOnce;
        this.transactions = transactions;
        this.dispatcher = dispatcher;
        this.kafka = kafka;
    }

    /** The one way the read model's channels take a record; never fails, like the dispatcher. */
    public Uni<Void> consume(String channel, EventRoutes routes, ConsumerRecord<String, String> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Context context = Vertx.currentContext();
        Long last = claimed.get(partition);
        if (last != null && last + 1 == record.offset()) {
            // The record after the one this replica just moved the position past: the applying transaction's claim
            // checks the position anyway, so reading it first would only cost a round trip per event. Should the
            // model have been reset meanwhile, the claim fails, nothing is applied, and the rebuild's seek replays.
            return recovered(channel, routes, record, partition, apply(routes, record, partition));
        }
        return recovered(channel, routes, record, partition, positions.next(routes.consumer(), record.partition()).chain(next -> {
            if (next != null && record.offset() == next) {
                return apply(routes, record, partition);
            }
            if (next != null && record.offset() < next) {
                return Uni.createFrom().voidItem();
            }
            return firstOffset(channel, partition, context).chain(first -> {
                long expected = next == null || next < first ? first : next;
                if (next != null && next < first) {
                    Log.errorf("%s: %s starts at offset %d, but the read model stopped at %d: the records between"
                            + " were deleted, so the model lacks them (keep the topic forever: retention.ms=-1)",
                            routes.consumer(), partition, first, next);
                }
                if (record.offset() == expected) {
                    return apply(routes, record, partition);
                }
                if (record.offset() > expected) {
                    seek(channel, routes.consumer(), partition, expected);
                }
                return Uni.createFrom().voidItem();
            });
        }));
    }

    private Uni<Void> recovered(String channel, EventRoutes routes, ConsumerRecord<String, String> record,
                                TopicPartition partition, Uni<Void> handling) {
        return handling.onFailure().recoverWithUni(failure -> {
            // The position could not be read or moved (database away): the partition goes back to this record, and
            // the position decides then. Nothing was applied.
            claimed.remove(partition);
            Log.warnf("%s could not check %s@%d against its position: %s", routes.consumer(), partition,
                    record.offset(), failure.getMessage());
            seek(channel, routes.consumer(), partition, record.offset());
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> apply(EventRoutes routes, ConsumerRecord<String, String> record, TopicPartition partition) {
        claimed.remove(partition);
        return dispatcher.dispatch(routes, record).chain(() -> {
            if (Long.valueOf(record.offset()).equals(claimed.get(partition))) {
                return Uni.createFrom().voidItem();
            }
            // Parked, skipped, or not applied because the model was reset meanwhile: move past it if still due.
            return transactions.run(() -> positions.holdSharedLock()
                    .chain(() -> positions.claim(routes.consumer(), record, firstOffsets.get(partition))))
                    .invoke(moved -> {
                        if (moved) {
                            claimed.put(partition, record.offset());
                        }
                    })
                    .replaceWithVoid();
        });
    }

    @Override
    public Uni<Void> run(String consumer, EventEnvelope envelope, Supplier<Uni<Void>> work) {
        throw new IllegalStateException(consumer + " applies records through ReplayGate.consume, which knows their offsets");
    }

    @Override
    public Uni<Void> run(String consumer, ConsumerRecord<String, String> record, EventEnvelope envelope,
                        Supplier<Uni<Void>> work) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        return transactions.run(() -> positions.holdSharedLock()
                        .chain(() -> positions.claim(consumer, record, firstOffsets.get(partition)))
                        .chain(due -> due
                                ? appliedOnce.runInTransaction(consumer, envelope, work).replaceWith(true)
                                : Uni.createFrom().item(false)))
                .invoke(due -> {
                    if (due) {
                        claimed.put(partition, record.offset());
                    } else {
                        Log.debugf("%s: %s@%d is no longer due (the model was reset): not applied", consumer,
                                partition, record.offset());
                    }
                })
                .replaceWithVoid();
    }

    void knowFirstOffset(TopicPartition partition, long first) {
        firstOffsets.put(partition, first);
    }

    private Uni<Long> firstOffset(String channel, TopicPartition partition, Context context) {
        Long known = firstOffsets.get(partition);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        Function<Consumer<String, String>, Long> beginning = consumer -> consumer.beginningOffsets(Set.of(partition)).get(partition);
        return kafka.<String, String>getConsumer(channel).runOnPollingThread(beginning)
                .invoke(first -> firstOffsets.put(partition, first))
                // Back on the record's context: its database session lives there.
                .emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    /** Asks the partition's consumer to continue at {@code offset}; the records fetched before still arrive. */
    private void seek(String channel, String consumer, TopicPartition partition, long offset) {
        Instant now = Instant.now();
        Seek last = seeks.get(partition);
        if (last != null && last.offset() == offset && last.at().plus(SEEK_AGAIN_AFTER).isAfter(now)) {
            return;
        }
        seeks.put(partition, new Seek(offset, now));
        Log.infof("%s: %s continues at offset %d, the read model's position", consumer, partition, offset);
        kafka.<String, String>getConsumer(channel).seek(partition, offset).subscribe().with(
                done -> { },
                failure -> Log.warnf("%s: seeking %s to %d failed (retried on the next record): %s", consumer,
                        partition, offset, failure.getMessage()));
    }
}
