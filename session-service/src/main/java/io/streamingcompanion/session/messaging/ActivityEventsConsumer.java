package io.streamingcompanion.session.messaging;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.messaging.IncomingEvents;
import io.streamingcompanion.contracts.EventEnvelope;
import io.streamingcompanion.session.service.SessionActivityService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Tips (tip-service) and LiveKit stream state (stream-token-service) feeding the live sessions. */
@ApplicationScoped
public class ActivityEventsConsumer {

    private final SessionActivityService activity;

    public ActivityEventsConsumer(SessionActivityService activity) {
        this.activity = activity;
    }

    @Incoming("tip-events")
    public Uni<Void> tips(String record) {
        return apply("session-aggregates", record);
    }

    @Incoming("stream-events")
    public Uni<Void> streams(String record) {
        return apply("session-livekit", record);
    }

    private Uni<Void> apply(String consumer, String record) {
        EventEnvelope envelope = IncomingEvents.read(record, consumer).orElse(null);
        if (envelope == null) {
            return Uni.createFrom().voidItem();
        }
        return activity.apply(consumer, envelope);
    }
}
