package io.streamingcompanion.analytics.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.analytics.domain.AnalyticsSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class AnalyticsSessionRepository implements PanacheRepositoryBase<AnalyticsSession, UUID> {

    /** The session, locked for this transaction, or null when none of its events has arrived yet. */
    public Uni<AnalyticsSession> lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }
}
