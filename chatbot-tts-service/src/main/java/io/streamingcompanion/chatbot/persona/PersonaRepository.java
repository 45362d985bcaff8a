package io.streamingcompanion.chatbot.persona;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class PersonaRepository implements PanacheRepositoryBase<Persona, UUID> {

    private static final Sort ORDER = Sort.descending("priority").and("createdAt").and("id");

    public Uni<Persona> findOwned(UUID id, String creatorId) {
        return find("id = ?1 and creatorId = ?2", id, creatorId).firstResult();
    }

    public Uni<List<Persona>> listOwned(String creatorId) {
        return find("creatorId", ORDER, creatorId).list();
    }

    /** The personas that may answer, highest priority first. */
    public Uni<List<Persona>> listEnabled(String creatorId) {
        return find("creatorId = ?1 and enabled = true", ORDER, creatorId).list();
    }

    public Uni<Long> countEnabled(String creatorId) {
        return count("creatorId = ?1 and enabled = true", creatorId);
    }

    public Uni<Long> countOwned(String creatorId) {
        return count("creatorId", creatorId);
    }
}
