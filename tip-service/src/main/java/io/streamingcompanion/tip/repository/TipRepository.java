package io.streamingcompanion.tip.repository;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.tip.domain.Tip;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class TipRepository implements PanacheRepositoryBase<Tip, UUID> {

    public Uni<Tip> findByIdempotencyKey(String creatorId, String idempotencyKey) {
        return find("creatorId = ?1 and idempotencyKey = ?2", creatorId, idempotencyKey).firstResult();
    }

    public Uni<Tip> findByExternalId(String creatorId, String source, String externalId) {
        return find("creatorId = ?1 and source = ?2 and externalId = ?3", creatorId, source, externalId).firstResult();
    }

    public Uni<List<Tip>> listOwned(String creatorId, UUID sessionId, int page, int size) {
        return owned(creatorId, sessionId).page(Page.of(page, size)).list();
    }

    public Uni<Long> countOwned(String creatorId, UUID sessionId) {
        return owned(creatorId, sessionId).count();
    }

    private PanacheQuery<Tip> owned(String creatorId, UUID sessionId) {
        Sort newestFirst = Sort.descending("receivedAt").and("id", Sort.Direction.Descending);
        return sessionId == null
                ? find("creatorId = ?1", newestFirst, creatorId)
                : find("creatorId = ?1 and sessionId = ?2", newestFirst, creatorId, sessionId);
    }
}
