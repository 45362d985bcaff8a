package io.streamingcompanion.tip.messaging;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.messaging.EventDispatcher;
import io.streamingcompanion.commons.messaging.EventRoutes;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.outbox.AppliedOnce;
import io.streamingcompanion.tip.service.MenuSnapshotService;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps each creator's tip menu, so a tip can be announced with the item its amount buys. */
@ApplicationScoped
public class MenuEventsConsumer {

    private final EventDispatcher dispatcher;
    private final EventRoutes routes;

    public MenuEventsConsumer(EventDispatcher dispatcher, AppliedOnce appliedOnce, MenuSnapshotService menu) {
        this.dispatcher = dispatcher;
        this.routes = EventRoutes.forConsumer("tip-service.menu", appliedOnce)
                .on(EventTypes.MENU_UPDATED, (envelope, updated) -> menu.replace(updated))
                .build();
    }

    @Incoming("menu-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return dispatcher.dispatch(routes, record);
    }
}
