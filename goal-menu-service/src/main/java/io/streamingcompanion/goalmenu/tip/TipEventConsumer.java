package io.streamingcompanion.goalmenu.tip;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.messaging.EventDispatcher;
import io.streamingcompanion.commons.messaging.EventRoutes;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.outbox.AppliedOnce;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Tips advance goals and fire animations (consumer group {@code goal-menu-service}, shared by the
 * replicas). One record at a time, so one session's tips (one key, one partition) apply in order.
 */
@ApplicationScoped
public class TipEventConsumer {

    private final EventDispatcher dispatcher;
    private final EventRoutes routes;

    public TipEventConsumer(EventDispatcher dispatcher, AppliedOnce appliedOnce, TipEffectsService effects) {
        this.dispatcher = dispatcher;
        this.routes = EventRoutes.forConsumer("goal-menu-service.tips", appliedOnce.when(effects::mayApply))
                .on(EventTypes.TIP_RECEIVED, effects::apply)
                .build();
    }

    @Incoming("tips")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return dispatcher.dispatch(routes, record);
    }
}
