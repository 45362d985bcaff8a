package io.streamingcompanion.goalmenu.menu;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.outbox.AdvisoryLocks;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class TipMenuItemRepository implements PanacheRepositoryBase<TipMenuItem, UUID> {

    /** The order of the menu everywhere: the creator's positions, then cheapest first. */
    private static final Sort ORDER = Sort.ascending("position").and("priceCents").and("createdAt").and("id");

    /**
     * Serialises changes to one creator's menu until the transaction ends, so each recorded
     * {@code streaming.menu.updated} is the whole menu as committed, in commit order.
     */
    public Uni<Void> lockMenu(String creatorId) {
        return AdvisoryLocks.lock("goal-menu:menu:" + creatorId);
    }

    public Uni<TipMenuItem> findOwned(UUID id, String creatorId) {
        return find("id = ?1 and creatorId = ?2", id, creatorId).firstResult();
    }

    public Uni<List<TipMenuItem>> listOwned(String creatorId) {
        return find("creatorId", ORDER, creatorId).list();
    }

    public Uni<List<TipMenuItem>> listActive(String creatorId) {
        return find("creatorId = ?1 and active = true", ORDER, creatorId).list();
    }

    public Uni<Long> countOwned(String creatorId) {
        return count("creatorId", creatorId);
    }

    /** An active item of the creator with this price other than {@code exceptId} (null: any), if there is one. */
    public Uni<TipMenuItem> findActiveWithPrice(String creatorId, long priceCents, UUID exceptId) {
        return exceptId == null
                ? find("creatorId = ?1 and priceCents = ?2 and active = true", creatorId, priceCents).firstResult()
                : find("creatorId = ?1 and priceCents = ?2 and active = true and id <> ?3", creatorId, priceCents,
                        exceptId).firstResult();
    }

    public Uni<Integer> nextPosition(String creatorId) {
        return getSession().chain(session -> session.createSelectionQuery(
                        "select coalesce(max(i.position) + 1, 0) from TipMenuItem i where i.creatorId = :creator",
                        Integer.class)
                .setParameter("creator", creatorId)
                .getSingleResult());
    }
}
