package io.streamingcompanion.session.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.session.domain.OverlayKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

@ApplicationScoped
@WithSession
public class OverlayKeyRepository implements PanacheRepositoryBase<OverlayKey, String> {

    public Uni<OverlayKey> findByHash(String keyHash) {
        return find("keyHash", keyHash).firstResult();
    }

    public Uni<OverlayKey> lock(String creatorId) {
        return findById(creatorId, LockModeType.PESSIMISTIC_WRITE);
    }
}
