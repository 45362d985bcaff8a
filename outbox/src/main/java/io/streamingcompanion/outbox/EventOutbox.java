package io.streamingcompanion.outbox;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.contracts.EventEnvelope;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventType;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * Records domain events in the caller's transaction. Call it from inside the {@code @WithTransaction}
 * that changes the state: the event becomes durable exactly when the change does, and the
 * {@link OutboxRelay} publishes it afterwards, even if Kafka is down at that moment.
 */
@ApplicationScoped
public class EventOutbox {

    private static final String RECORDED = EventOutbox.class.getName() + ".recorded";

    private final OutboxRepository repository;
    private final OutboxRelay relay;
    private final Clock clock = Clock.systemUTC();

    public EventOutbox(OutboxRepository repository, OutboxRelay relay) {
        this.repository = repository;
        this.relay = relay;
    }

    public <P> Uni<EventEnvelope> record(EventType<P> type, String creatorId, String key, P payload) {
        EventEnvelope envelope = EventJson.envelope(type, creatorId, key, payload, clock);
        OutboxEvent row = new OutboxEvent();
        row.eventId = envelope.id();
        row.topic = type.topic();
        row.recordKey = key;
        row.eventType = type.name();
        row.envelope = EventJson.write(envelope);
        row.createdAt = envelope.occurredAt();
        markRecorded();
        return repository.persist(row).replaceWith(envelope);
    }

    /**
     * Asks the relay to publish now rather than at its next poll, if this work (its Vert.x duplicated context: the
     * request or the consumed record) recorded an event; call after the transaction committed. Most consumer
     * transactions record nothing, and a relay run for them would be a transaction for nothing. Outside a
     * duplicated context it always asks; a run it misses is the timer's (streaming.outbox.poll-interval).
     */
    public void publishSoon() {
        Context context = Vertx.currentContext();
        if (context == null || !VertxContext.isDuplicatedContext(context) || context.removeLocal(RECORDED)) {
            relay.kick();
        }
    }

    private static void markRecorded() {
        Context context = Vertx.currentContext();
        if (context != null && VertxContext.isDuplicatedContext(context)) {
            context.putLocal(RECORDED, Boolean.TRUE);
        }
    }
}
