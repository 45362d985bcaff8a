package io.streamingcompanion.streamtoken.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.streamtoken.domain.StreamViewer;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
@WithSession
public class StreamViewerRepository implements PanacheRepositoryBase<StreamViewer, StreamViewer.Key> {

    public Uni<StreamViewer> find(String creatorId, String identity) {
        return findById(new StreamViewer.Key(creatorId, identity));
    }

    public Uni<Integer> countPresent(String creatorId) {
        return count("creatorId = ?1 and present = true", creatorId).map(Long::intValue);
    }

    public Uni<Long> clear(String creatorId) {
        return delete("creatorId", creatorId);
    }
}
