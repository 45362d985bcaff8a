package io.streamingcompanion.outbox;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.contracts.EventEnvelope;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * Records domain events in the caller's transaction. Call it from inside the {@code @WithTransaction}
 * that changes the state: the event becomes durable exactly when the change does, and the
 * {@link OutboxRelay} publishes it afterwards, even if Kafka is down at that moment.
 */
@ApplicationScoped
public class EventOutbox {

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
        return repository.persist(row).replaceWith(envelope);
    }

    /** Asks the relay to publish now rather than at its next poll; call after the transaction committed. */
    public void publishSoon() {
        relay.kick();
    }
}
