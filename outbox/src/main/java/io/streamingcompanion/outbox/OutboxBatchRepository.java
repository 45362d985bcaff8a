package io.streamingcompanion.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The relay's side of the outbox table, on the plain reactive SQL client: a relay run needs no entity, no
 * session and no query plan, only one statement in its own transaction (after the commit that wrote the events).
 */
@ApplicationScoped
public class OutboxBatchRepository {

    /** Names this service's relay lock; advisory locks span the database, which services may share. */
    private final String relayLockName;
    private final String takeOldestSql;

    public OutboxBatchRepository(@ConfigProperty(name = "quarkus.application.name") String applicationName,
                                 @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") Optional<String> schema) {
        this.relayLockName = "outbox-relay:" + applicationName;
        String table = OutboxEvent.qualifiedTable(schema);
        // One statement instead of lock, select and delete: a relay run is BEGIN, this, COMMIT. The lock is taken
        // once (a materialized CTE), before any row is read; without it no row is taken. A held snapshot is taken
        // once due; an event of its key recorded after it made it due first (EventOutbox), so seq order still holds
        // per key. Rows come back in no particular order.
        this.takeOldestSql = "WITH relay_lock AS MATERIALIZED (SELECT pg_try_advisory_xact_lock(hashtext($1)) AS held) "
                + "DELETE FROM " + table + " WHERE seq IN (SELECT seq FROM " + table
                + " WHERE (SELECT held FROM relay_lock) AND (publish_after IS NULL OR publish_after <= now())"
                + " ORDER BY seq LIMIT $2) "
                + "RETURNING seq, event_id, topic, record_key, event_type, envelope, created_at";
    }

    /**
     * Takes (deletes) up to {@code limit} of the oldest due events in {@code transaction}, in commit order, if this
     * transaction gets the relay lock; none if another relay holds it. A rollback puts them back.
     */
    public Uni<List<OutboxEvent>> takeOldest(SqlConnection transaction, int limit) {
        return transaction.preparedQuery(takeOldestSql).execute(Tuple.of(relayLockName, limit))
                .map(rows -> {
                    List<OutboxEvent> events = new ArrayList<>(rows.size());
                    rows.forEach(row -> events.add(event(row)));
                    events.sort(Comparator.comparingLong(event -> event.seq));
                    return events;
                });
    }

    private static OutboxEvent event(Row row) {
        OutboxEvent event = new OutboxEvent();
        event.seq = row.getLong("seq");
        event.eventId = row.getUUID("event_id");
        event.topic = row.getString("topic");
        event.recordKey = row.getString("record_key");
        event.eventType = row.getString("event_type");
        event.envelope = row.getString("envelope");
        event.createdAt = row.getOffsetDateTime("created_at").toInstant();
        return event;
    }
}
