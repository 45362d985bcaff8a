package io.streamingcompanion.goalmenu.goal;

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
public class TipGoalRepository implements PanacheRepositoryBase<TipGoal, UUID> {

    /** The order in which tips fill goals and lists show them. */
    private static final Sort ORDER = Sort.ascending("position").and("createdAt").and("id");

    /**
     * Serialises every change to one creator's goals (REST edits and tips alike) until the transaction
     * ends, so progress is never lost to a concurrent update and events are recorded in commit order.
     */
    public Uni<Void> lockCreatorGoals(String creatorId) {
        return AdvisoryLocks.lock("goal-menu:goals:" + creatorId);
    }

    public Uni<TipGoal> findOwned(UUID id, String creatorId) {
        return find("id = ?1 and creatorId = ?2", id, creatorId).firstResult();
    }

    public Uni<List<TipGoal>> listForSession(UUID sessionId, String creatorId) {
        return find("sessionId = ?1 and creatorId = ?2", ORDER, sessionId, creatorId).list();
    }

    public Uni<Long> countForSession(UUID sessionId, String creatorId) {
        return count("sessionId = ?1 and creatorId = ?2", sessionId, creatorId);
    }

    /** One past the last position of the session's goals: where a goal created without a position goes. */
    public Uni<Integer> nextPosition(UUID sessionId, String creatorId) {
        return getSession().chain(session -> session.createSelectionQuery(
                        "select coalesce(max(g.position) + 1, 0) from TipGoal g where g.sessionId = :session and g.creatorId = :creator",
                        Integer.class)
                .setParameter("session", sessionId)
                .setParameter("creator", creatorId)
                .getSingleResult());
    }
}
