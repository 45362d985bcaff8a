package io.streamingcompanion.session.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.session.domain.SessionStatus;
import io.streamingcompanion.session.domain.StreamSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class StreamSessionRepository implements PanacheRepositoryBase<StreamSession, UUID> {

    public Uni<StreamSession> findOwned(UUID id, String creatorId) {
        return find("id = ?1 and creatorId = ?2", id, creatorId).firstResult();
    }

    /** The session, locked for this transaction: every writer of a session takes this lock first. */
    public Uni<StreamSession> lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<StreamSession> lockOwned(UUID id, String creatorId) {
        return find("id = ?1 and creatorId = ?2", id, creatorId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** The creator's active session, locked for this transaction (null when there is none). */
    public Uni<StreamSession> lockActive(String creatorId) {
        return find("creatorId = ?1 and status = ?2", creatorId, SessionStatus.ACTIVE)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<StreamSession> findActive(String creatorId) {
        return find("creatorId = ?1 and status = ?2", creatorId, SessionStatus.ACTIVE).firstResult();
    }

    public Uni<List<StreamSession>> listOwned(String creatorId, SessionStatus status, int page, int size) {
        return owned(creatorId, status).page(Page.of(page, size)).list();
    }

    public Uni<Long> countOwned(String creatorId, SessionStatus status) {
        return owned(creatorId, status).count();
    }

    private io.quarkus.hibernate.reactive.panache.PanacheQuery<StreamSession> owned(String creatorId, SessionStatus status) {
        Sort newestFirst = Sort.descending("startedAt").and("id");
        return status == null
                ? find("creatorId = ?1", newestFirst, creatorId)
                : find("creatorId = ?1 and status = ?2", newestFirst, creatorId, status);
    }
}
