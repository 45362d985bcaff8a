package io.streamingcompanion.streamtoken.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.streamtoken.domain.WebhookDelivery;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

@ApplicationScoped
@WithSession
public class WebhookDeliveryRepository implements PanacheRepositoryBase<WebhookDelivery, String> {

    /**
     * Call inside the transaction that applies the webhook: true the first time this event id is seen, false for
     * a redelivery. Concurrent duplicates are settled by the primary key, so exactly one of them gets true.
     */
    public Uni<Boolean> firstDelivery(String eventId, String event, Instant now) {
        return getSession().chain(session -> session.createMutationQuery(
                        "insert into WebhookDelivery (id, event, receivedAt) values (:id, :event, :at) on conflict do nothing")
                .setParameter("id", eventId)
                .setParameter("event", event)
                .setParameter("at", now)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    public Uni<Long> forgetOlderThan(Instant cutoff) {
        return delete("receivedAt < ?1", cutoff);
    }
}
