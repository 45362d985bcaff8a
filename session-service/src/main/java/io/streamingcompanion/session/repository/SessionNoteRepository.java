package io.streamingcompanion.session.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.session.domain.SessionNote;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class SessionNoteRepository implements PanacheRepositoryBase<SessionNote, UUID> {

    public Uni<List<SessionNote>> listForSession(UUID sessionId, String creatorId) {
        return find("sessionId = ?1 and creatorId = ?2", Sort.ascending("createdAt").and("id"), sessionId, creatorId).list();
    }

    public Uni<Long> deleteOwned(UUID noteId, UUID sessionId, String creatorId) {
        return delete("id = ?1 and sessionId = ?2 and creatorId = ?3", noteId, sessionId, creatorId);
    }
}
