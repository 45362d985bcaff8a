package io.streamingcompanion.goalmenu.session;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class KnownSessionRepository implements PanacheRepositoryBase<KnownSession, UUID> {

    private static final String TABLE = "goal_menu_service.known_session";

    /** A start heard after the session's end (another partition, a replay) does not reopen it. */
    public Uni<Void> started(UUID sessionId, String creatorId, Instant startedAt) {
        return getSession().chain(session -> session.createNativeQuery("INSERT INTO " + TABLE
                        + " (session_id, creator_id, started_at) VALUES (:id, :creator, :started) ON CONFLICT (session_id) DO NOTHING")
                .setParameter("id", sessionId).setParameter("creator", creatorId).setParameter("started", startedAt)
                .executeUpdate()).replaceWithVoid();
    }

    public Uni<Void> ended(UUID sessionId, String creatorId, Instant startedAt, Instant endedAt) {
        return getSession().chain(session -> session.createNativeQuery("INSERT INTO " + TABLE
                        + " (session_id, creator_id, started_at, ended_at) VALUES (:id, :creator, :started, :ended)"
                        + " ON CONFLICT (session_id) DO UPDATE SET ended_at = excluded.ended_at")
                .setParameter("id", sessionId).setParameter("creator", creatorId).setParameter("started", startedAt)
                .setParameter("ended", endedAt)
                .executeUpdate()).replaceWithVoid();
    }

    /** The creator's live session (the latest started one that has not ended), or null. */
    public Uni<KnownSession> live(String creatorId) {
        return find("creatorId = ?1 and endedAt is null", Sort.descending("startedAt"), creatorId).firstResult();
    }
}
