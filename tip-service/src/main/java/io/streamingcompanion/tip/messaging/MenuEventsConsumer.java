package io.streamingcompanion.tip.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.messaging.IncomingEvents;
import io.streamingcompanion.contracts.EventEnvelope;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.menu.MenuUpdated;
import io.streamingcompanion.tip.domain.MenuItemSnapshot;
import io.streamingcompanion.tip.repository.MenuItemSnapshotRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps each creator's tip menu as of its latest {@code streaming.menu.updated}, so a tip can be announced
 * with the item its amount buys. Each event carries the whole menu: applying one twice changes nothing.
 */
@ApplicationScoped
public class MenuEventsConsumer {

    private final MenuItemSnapshotRepository menu;

    public MenuEventsConsumer(MenuItemSnapshotRepository menu) {
        this.menu = menu;
    }

    @Incoming("menu-events")
    public Uni<Void> consume(String record) {
        EventEnvelope envelope = IncomingEvents.read(record, "menu-events").orElse(null);
        if (envelope == null) {
            return Uni.createFrom().voidItem();
        }
        if (!EventTypes.MENU_UPDATED.name().equals(envelope.type())) {
            return Uni.createFrom().voidItem();
        }
        MenuUpdated updated = EventJson.payload(envelope, EventTypes.MENU_UPDATED);
        List<MenuItemSnapshot> items = updated.items() == null ? List.of() : updated.items().stream().map(item -> {
            MenuItemSnapshot snapshot = new MenuItemSnapshot();
            snapshot.key = new MenuItemSnapshot.Key(updated.creatorId(), item.id());
            snapshot.title = item.title();
            snapshot.category = item.category();
            snapshot.priceCents = item.priceCents();
            snapshot.active = item.active();
            return snapshot;
        }).toList();
        return Panache.withTransaction(() -> menu.replaceMenu(updated.creatorId(), items));
    }
}
