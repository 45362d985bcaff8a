package io.streamingcompanion.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Writes outbox rows in the caller's transaction ({@link EventOutbox}); the relay takes them ({@link OutboxBatchRepository}). */
@ApplicationScoped
@WithSession
public class OutboxRepository implements PanacheRepositoryBase<OutboxEvent, Long> {

    private final String recordSnapshotSql;
    private final String releaseSnapshotsSql;

    public OutboxRepository(@ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") Optional<String> schema) {
        // Native SQL is not prefixed by Hibernate's default schema.
        String table = schema.map(name -> name + ".").orElse("") + "outbox_event";
        // The waiting row keeps its place (seq) and its publish_after, so a steady stream of changes still goes out
        // once per hold; it takes the newest state, id and time. publish_after is the database's clock, as the relay's.
        this.recordSnapshotSql = "INSERT INTO " + table
                + " (event_id, topic, record_key, event_type, envelope, created_at, coalesce_key, publish_after)"
                + " VALUES (:eventId, :topic, :recordKey, :eventType, :envelope, :createdAt, :coalesceKey,"
                + " clock_timestamp() + :holdMillis * interval '1 millisecond')"
                + " ON CONFLICT (coalesce_key) DO UPDATE SET event_id = EXCLUDED.event_id, envelope = EXCLUDED.envelope,"
                + " created_at = EXCLUDED.created_at";
        this.releaseSnapshotsSql = "UPDATE " + table + " SET coalesce_key = NULL, publish_after = NULL"
                + " WHERE topic = :topic AND record_key = :recordKey AND coalesce_key IS NOT NULL";
    }

    /** Records a snapshot event to be published after {@code hold}, replacing a waiting one of its type and key. */
    public Uni<Void> recordSnapshot(OutboxEvent row, Duration hold) {
        return getSession().chain(session -> session.createNativeQuery(recordSnapshotSql)
                        .setParameter("eventId", row.eventId)
                        .setParameter("topic", row.topic)
                        .setParameter("recordKey", row.recordKey)
                        .setParameter("eventType", row.eventType)
                        .setParameter("envelope", row.envelope)
                        .setParameter("createdAt", row.createdAt)
                        .setParameter("coalesceKey", row.eventType + " " + row.recordKey)
                        // PostgreSQL types the parameter as double precision (interval * float8); the driver coerces nothing.
                        .setParameter("holdMillis", (double) hold.toMillis())
                        .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * Makes the waiting snapshots of a topic and key due now and final (no later snapshot replaces them), before an
     * event of that key that must come after them is recorded: the relay publishes in {@code seq} order, so they go
     * first, and a snapshot recorded after it gets a row of its own, after it.
     */
    public Uni<Void> releaseSnapshots(String topic, String recordKey) {
        return getSession().chain(session -> session.createNativeQuery(releaseSnapshotsSql)
                        .setParameter("topic", topic)
                        .setParameter("recordKey", recordKey)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
