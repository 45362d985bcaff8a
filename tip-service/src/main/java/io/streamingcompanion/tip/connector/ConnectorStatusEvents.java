package io.streamingcompanion.tip.connector;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.connector.ConnectorStatusChanged;
import io.streamingcompanion.outbox.EventOutbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Records {@code streaming.connector.status-changed} in the caller's transaction (the gateway tells the creator). */
@ApplicationScoped
public class ConnectorStatusEvents {

    private final EventOutbox outbox;

    public ConnectorStatusEvents(EventOutbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> record(String creatorId, String platform, String status, String reason) {
        return outbox.record(EventTypes.CONNECTOR_STATUS_CHANGED, creatorId, creatorId,
                new ConnectorStatusChanged(creatorId, platform, status, reason, Instant.now())).replaceWithVoid();
    }
}
