package io.streamingcompanion.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * "Change the state, record its events, commit, then publish": the one way services write. The relay
 * is kicked only after the commit, so it finds the rows; if the kick is lost, its timer finds them anyway.
 */
@ApplicationScoped
public class Transactions {

    private final EventOutbox outbox;

    public Transactions(EventOutbox outbox) {
        this.outbox = outbox;
    }

    public <T> Uni<T> run(Supplier<Uni<T>> work) {
        return Panache.withTransaction(work).invoke(outbox::publishSoon);
    }

    /**
     * Same, for work that first looks a row up and creates it when missing: when a concurrent transaction
     * created the same row first (a unique-key race), the work runs once more and then sees that row.
     */
    public <T> Uni<T> runCreatingOnce(Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> Panache.withTransaction(work))
                .onFailure(DatabaseErrors::isUniqueViolation).retry().atMost(1)
                .invoke(outbox::publishSoon);
    }
}
