package io.streamingcompanion.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class ProcessedEventRepository implements PanacheRepositoryBase<ProcessedEvent, String> {

    /**
     * Call inside the transaction that applies the event: true the first time this consumer sees it,
     * false for a redelivery, which the caller must then skip. Concurrent duplicates are settled by the
     * primary key, so exactly one of them gets true.
     */
    public Uni<Boolean> firstDelivery(String consumer, UUID eventId) {
        return getSession().chain(session -> session.createMutationQuery(
                        "insert into ProcessedEvent (id, processedAt) values (:id, :at) on conflict do nothing")
                .setParameter("id", consumer + "/" + eventId)
                .setParameter("at", Instant.now())
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
