package io.streamingcompanion.tip.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.messaging.IncomingEvents;
import io.streamingcompanion.contracts.EventEnvelope;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.tip.service.SessionDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Learns which sessions take tips. Both updates are idempotent, so redelivery needs no bookkeeping. */
@ApplicationScoped
public class SessionEventsConsumer {

    private final SessionDirectory directory;

    public SessionEventsConsumer(SessionDirectory directory) {
        this.directory = directory;
    }

    @Incoming("session-events")
    public Uni<Void> consume(String record) {
        EventEnvelope envelope = IncomingEvents.read(record, "session-events").orElse(null);
        if (envelope == null) {
            return Uni.createFrom().voidItem();
        }
        if (envelope.key() == null || envelope.creatorId() == null) {
            return Uni.createFrom().voidItem();
        }
        UUID sessionId = UUID.fromString(envelope.key());
        if (EventTypes.SESSION_STARTED.name().equals(envelope.type())) {
            return Panache.withTransaction(() -> directory.started(sessionId, envelope.creatorId()));
        }
        if (EventTypes.SESSION_ENDED.name().equals(envelope.type())) {
            return Panache.withTransaction(() -> directory.ended(sessionId, envelope.creatorId()));
        }
        return Uni.createFrom().voidItem();
    }
}
