package io.streamingcompanion.outbox;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.contracts.EventEnvelope;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventType;
import io.streamingcompanion.contracts.EventTypes;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Records domain events in the caller's transaction. Call it from inside the {@code @WithTransaction}
 * that changes the state: the event becomes durable exactly when the change does, and the
 * {@link OutboxRelay} publishes it afterwards, even if Kafka is down at that moment.
 */
@ApplicationScoped
public class EventOutbox {

    private static final String RECORDED = EventOutbox.class.getName() + ".recorded";
    private static final String SNAPSHOT_RECORDED = EventOutbox.class.getName() + ".snapshot-recorded";
    private static final Map<String, List<String>> SNAPSHOT_TYPES_BY_TOPIC = EventTypes.all().stream()
            .filter(EventType::snapshot)
            .collect(Collectors.groupingBy(EventType::topic, Collectors.mapping(EventType::name, Collectors.toList())));

    private final OutboxRepository repository;
    private final OutboxRelay relay;
    private final Duration snapshotHold;
    private final Clock clock = Clock.systemUTC();

    public EventOutbox(OutboxRepository repository, OutboxRelay relay,
                       @ConfigProperty(name = "streaming.outbox.snapshot-hold", defaultValue = "250ms") Duration snapshotHold) {
        this.repository = repository;
        this.relay = relay;
        this.snapshotHold = snapshotHold;
    }

    /**
     * A snapshot type ({@link EventType#snapshot()}) waits {@code streaming.outbox.snapshot-hold} in the outbox, and a
     * newer snapshot of its key recorded meanwhile replaces it: a session's state, say, goes out at most about four
     * times a second however fast tips come, each time with the latest totals, instead of once per tip to five
     * consumer groups. Any other event of the topic first releases its key's held snapshots, so it is published after
     * them.
     */
    public <P> Uni<EventEnvelope> record(EventType<P> type, String creatorId, String key, P payload) {
        EventEnvelope envelope = EventJson.envelope(type, creatorId, key, payload, clock);
        OutboxEvent row = new OutboxEvent();
        row.eventId = envelope.id();
        row.topic = type.topic();
        row.recordKey = key;
        row.eventType = type.name();
        row.envelope = EventJson.write(envelope);
        row.createdAt = envelope.occurredAt();
        if (type.snapshot()) {
            mark(SNAPSHOT_RECORDED);
            return repository.recordSnapshot(row, snapshotHold).replaceWith(envelope);
        }
        mark(RECORDED);
        List<String> snapshotTypes = SNAPSHOT_TYPES_BY_TOPIC.getOrDefault(type.topic(), List.of());
        Uni<Void> released = snapshotTypes.isEmpty() ? Uni.createFrom().voidItem()
                : repository.releaseSnapshots(snapshotTypes.stream().map(name -> OutboxRepository.coalesceKey(name, key)).toList());
        return released.chain(() -> repository.persist(row)).replaceWith(envelope);
    }

    /**
     * Asks the relay to publish now rather than at its next poll, if this work (its Vert.x duplicated context: the
     * request or the consumed record) recorded an event; call after the transaction committed. Most consumer
     * transactions record nothing, and a relay run for them would be a transaction for nothing. Outside a
     * duplicated context it always asks; a run it misses is the timer's (streaming.outbox.poll-interval).
     */
    public void publishSoon() {
        Context context = Vertx.currentContext();
        boolean unknown = context == null || !VertxContext.isDuplicatedContext(context);
        if (unknown || context.removeLocal(RECORDED)) {
            relay.kick();
        }
        if (unknown || context.removeLocal(SNAPSHOT_RECORDED)) {
            relay.kickAfter(snapshotHold);
        }
    }

    private static void mark(String recorded) {
        Context context = Vertx.currentContext();
        if (context != null && VertxContext.isDuplicatedContext(context)) {
            context.putLocal(recorded, Boolean.TRUE);
        }
    }
}
