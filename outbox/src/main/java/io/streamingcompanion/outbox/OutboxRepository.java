package io.streamingcompanion.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import jakarta.enterprise.context.ApplicationScoped;

/** Writes outbox rows in the caller's transaction ({@link EventOutbox}); the relay takes them ({@link OutboxBatchRepository}). */
@ApplicationScoped
@WithSession
public class OutboxRepository implements PanacheRepositoryBase<OutboxEvent, Long> {
}
