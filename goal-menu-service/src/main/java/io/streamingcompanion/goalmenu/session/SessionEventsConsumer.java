package io.streamingcompanion.goalmenu.session;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.messaging.EventDispatcher;
import io.streamingcompanion.commons.messaging.EventRoutes;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.outbox.AppliedOnce;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Learns whose each session is and when it ends (group {@code goal-menu-service.sessions}). */
@ApplicationScoped
public class SessionEventsConsumer {

    private final EventDispatcher dispatcher;
    private final EventRoutes routes;

    public SessionEventsConsumer(EventDispatcher dispatcher, AppliedOnce appliedOnce, KnownSessionRepository sessions) {
        this.dispatcher = dispatcher;
        this.routes = EventRoutes.forConsumer("goal-menu-service.sessions", appliedOnce)
                .on(EventTypes.SESSION_STARTED, (envelope, started) -> sessions.started(started.sessionId(),
                        started.creatorId(), orNow(started.startedAt())))
                .on(EventTypes.SESSION_ENDED, (envelope, ended) -> sessions.ended(ended.sessionId(), ended.creatorId(),
                        orNow(ended.startedAt()), orNow(ended.endedAt())))
                .build();
    }

    @Incoming("session-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return dispatcher.dispatch(routes, record);
    }

    private static Instant orNow(Instant instant) {
        return instant != null ? instant : Instant.now();
    }
}
