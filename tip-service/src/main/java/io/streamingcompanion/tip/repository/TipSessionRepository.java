package io.streamingcompanion.tip.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.tip.domain.TipSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class TipSessionRepository implements PanacheRepositoryBase<TipSession, UUID> {

    /** The session row locked until the transaction ends: tips of one session are recorded one at a time. */
    public Uni<TipSession> lock(UUID sessionId) {
        return findById(sessionId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Learns of a session; a session already known keeps its totals and its state. */
    public Uni<Integer> insertIfAbsent(UUID sessionId, String creatorId, boolean active) {
        return getSession().chain(session -> session.createMutationQuery(
                        "insert into TipSession (sessionId, creatorId, active, totalTipsCents, tipCount) "
                                + "values (:id, :creator, :active, 0, 0) on conflict do nothing")
                .setParameter("id", sessionId)
                .setParameter("creator", creatorId)
                .setParameter("active", active)
                .executeUpdate());
    }

    public Uni<Integer> markEnded(UUID sessionId) {
        return update("active = false where sessionId = ?1", sessionId);
    }
}
