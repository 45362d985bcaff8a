package io.streamingcompanion.tip.messaging;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.messaging.EventDispatcher;
import io.streamingcompanion.commons.messaging.EventRoutes;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.outbox.AppliedOnce;
import io.streamingcompanion.tip.service.SessionDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Learns which sessions take tips, so a tip rarely has to ask session-service. */
@ApplicationScoped
public class SessionEventsConsumer {

    private final EventDispatcher dispatcher;
    private final EventRoutes routes;

    public SessionEventsConsumer(EventDispatcher dispatcher, AppliedOnce appliedOnce, SessionDirectory directory) {
        this.dispatcher = dispatcher;
        this.routes = EventRoutes.forConsumer("tip-service.sessions", appliedOnce)
                .on(EventTypes.SESSION_STARTED, (envelope, started) -> directory.started(started.sessionId(), started.creatorId()))
                .on(EventTypes.SESSION_ENDED, (envelope, ended) -> directory.ended(ended.sessionId(), ended.creatorId()))
                .build();
    }

    @Incoming("session-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return dispatcher.dispatch(routes, record);
    }
}
