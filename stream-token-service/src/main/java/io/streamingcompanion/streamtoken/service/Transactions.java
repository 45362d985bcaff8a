package io.streamingcompanion.streamtoken.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.outbox.EventOutbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/** One transaction per change, then the outbox relay publishes what it recorded. */
@ApplicationScoped
public class Transactions {

    private static final String UNIQUE_VIOLATION = "23505";

    private final EventOutbox outbox;

    public Transactions(EventOutbox outbox) {
        this.outbox = outbox;
    }

    /**
     * Runs the work in one transaction, then lets the outbox relay publish. A unique-key race (two first uses of a
     * channel at once, two channels claiming one username) rolls back and runs the work again once, when the
     * other transaction's row is visible.
     */
    public <T> Uni<T> run(Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> Panache.withTransaction(work))
                .onFailure(Transactions::isUniqueViolation).retry().atMost(1)
                .invoke(outbox::publishSoon);
    }

    static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.hibernate.exception.ConstraintViolationException violation
                    && UNIQUE_VIOLATION.equals(violation.getSQLState())) {
                Log.debugf("Concurrent write rejected by the database, retrying: %s", violation.getConstraintName());
                return true;
            }
        }
        return false;
    }
}
