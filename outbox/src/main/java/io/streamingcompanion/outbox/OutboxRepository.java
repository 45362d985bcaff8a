package io.streamingcompanion.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Writes outbox rows in the caller's transaction ({@link EventOutbox}); the relay takes them ({@link OutboxBatchRepository}). */
@ApplicationScoped
@WithSession
public class OutboxRepository implements PanacheRepositoryBase<OutboxEvent, Long> {

    private final String recordSnapshotSql;
    private final String releaseSnapshotsSql;

    public OutboxRepository(@ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") Optional<String> schema) {
        String table = OutboxEvent.qualifiedTable(schema);
        // Only a row still held (publish_after ahead) is replaced or released. A due one may be in the relay's hands
        // (deleted, uncommitted, until Kafka acks: seconds in an outage), and a writer must never wait for that: its
        // newer snapshot gets a row of its own, after it. The held row keeps its place (seq) and its due time, so a
        // steady stream of changes still goes out once per hold, and takes the newest state, id and time. Writers of
        // one key are serialised by their aggregate's row lock. publish_after is the database's clock, as the relay's.
        this.recordSnapshotSql = "WITH held AS (UPDATE " + table
                + " SET event_id = :eventId, envelope = :envelope, created_at = :createdAt"
                + " WHERE coalesce_key = :coalesceKey AND publish_after > clock_timestamp() RETURNING seq)"
                + " INSERT INTO " + table
                + " (event_id, topic, record_key, event_type, envelope, created_at, coalesce_key, publish_after)"
                // A SELECT list types its parameters as text unless told: each occurrence is a parameter of its own.
                + " SELECT CAST(:eventId AS uuid), :topic, :recordKey, :eventType, :envelope, CAST(:createdAt AS timestamptz),"
                + " :coalesceKey, clock_timestamp() + :holdMillis * interval '1 millisecond' WHERE NOT EXISTS (SELECT 1 FROM held)";
        this.releaseSnapshotsSql = "UPDATE " + table + " SET coalesce_key = NULL, publish_after = NULL"
                + " WHERE coalesce_key IN (:coalesceKeys) AND publish_after > clock_timestamp()";
    }

    /** What ties a snapshot to the ones that replace it: its type and its aggregate's key. */
    public static String coalesceKey(String eventType, String recordKey) {
        return eventType + " " + recordKey;
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
                        .setParameter("coalesceKey", coalesceKey(row.eventType, row.recordKey))
                        // PostgreSQL types the parameter as double precision (interval * float8); the driver coerces nothing.
                        .setParameter("holdMillis", (double) hold.toMillis())
                        .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * Makes the held snapshots with these coalesce keys due now and final (no later snapshot replaces them), before an
     * event of their aggregate that must come after them is recorded: the relay publishes in {@code seq} order, so
     * they go first, and a snapshot recorded after it gets a row of its own, after it. Due ones need nothing.
     */
    public Uni<Void> releaseSnapshots(List<String> coalesceKeys) {
        return getSession().chain(session -> session.createNativeQuery(releaseSnapshotsSql)
                        .setParameter("coalesceKeys", coalesceKeys)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
