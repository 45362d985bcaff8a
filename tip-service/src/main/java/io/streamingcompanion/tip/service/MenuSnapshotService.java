package io.streamingcompanion.tip.service;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.contracts.menu.MenuUpdated;
import io.streamingcompanion.tip.domain.MenuItemSnapshot;
import io.streamingcompanion.tip.repository.MenuItemSnapshotRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Each creator's tip menu as of its latest {@code streaming.menu.updated}. Every event carries the whole
 * menu, so applying one replaces what was there.
 */
@ApplicationScoped
public class MenuSnapshotService {

    private final MenuItemSnapshotRepository menu;

    public MenuSnapshotService(MenuItemSnapshotRepository menu) {
        this.menu = menu;
    }

    /** The caller holds the transaction. */
    public Uni<Void> replace(MenuUpdated updated) {
        List<MenuItemSnapshot> items = updated.items() == null ? List.of() : updated.items().stream().map(item -> {
            MenuItemSnapshot snapshot = new MenuItemSnapshot();
            snapshot.key = new MenuItemSnapshot.Key(updated.creatorId(), item.id());
            snapshot.title = item.title();
            snapshot.category = item.category();
            snapshot.priceCents = item.priceCents();
            snapshot.active = item.active();
            return snapshot;
        }).toList();
        return menu.replaceMenu(updated.creatorId(), items);
    }
}
