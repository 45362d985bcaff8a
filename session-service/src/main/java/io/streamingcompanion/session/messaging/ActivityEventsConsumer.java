package io.streamingcompanion.session.messaging;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.messaging.EventDispatcher;
import io.streamingcompanion.commons.messaging.EventRoutes;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.outbox.AppliedOnce;
import io.streamingcompanion.session.service.SessionActivityService;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Tips (tip-service) and LiveKit stream state (stream-token-service) feeding the live sessions. */
@ApplicationScoped
public class ActivityEventsConsumer {

    private final EventDispatcher dispatcher;
    private final EventRoutes tipRoutes;
    private final EventRoutes streamRoutes;

    public ActivityEventsConsumer(EventDispatcher dispatcher, AppliedOnce appliedOnce, SessionActivityService activity) {
        this.dispatcher = dispatcher;
        this.tipRoutes = EventRoutes.forConsumer("session-service.tips", appliedOnce)
                .on(EventTypes.TIP_RECEIVED, (envelope, tip) -> activity.applyTip(tip))
                .build();
        this.streamRoutes = EventRoutes.forConsumer("session-service.streams", appliedOnce)
                .on(EventTypes.VIEWERS_UPDATED, (envelope, viewers) -> activity.applyViewers(viewers))
                .on(EventTypes.STREAM_LIVE_CHANGED, (envelope, change) -> activity.applyLiveChanged(change))
                .build();
    }

    @Incoming("tip-events")
    public Uni<Void> tips(ConsumerRecord<String, String> record) {
        return dispatcher.dispatch(tipRoutes, record);
    }

    @Incoming("stream-events")
    public Uni<Void> streams(ConsumerRecord<String, String> record) {
        return dispatcher.dispatch(streamRoutes, record);
    }
}
