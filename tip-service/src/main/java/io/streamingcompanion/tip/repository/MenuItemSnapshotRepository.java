package io.streamingcompanion.tip.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.tip.domain.MenuItemSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
@WithSession
public class MenuItemSnapshotRepository implements PanacheRepositoryBase<MenuItemSnapshot, MenuItemSnapshot.Key> {

    public Uni<MenuItemSnapshot> activeAtPrice(String creatorId, long priceCents) {
        return find("key.creatorId = ?1 and priceCents = ?2 and active = true", creatorId, priceCents).firstResult();
    }

    /** Replaces the creator's whole menu: each menu event carries the full menu. */
    public Uni<Void> replaceMenu(String creatorId, List<MenuItemSnapshot> items) {
        return delete("key.creatorId = ?1", creatorId)
                .chain(() -> items.isEmpty() ? Uni.createFrom().voidItem() : persist(items));
    }
}
