package io.streamingcompanion.analytics.repository;

import static io.streamingcompanion.analytics.repository.ReadModelRepository.SCHEMA;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.outbox.AdvisoryLocks;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Where each consumer of the read model is in each partition: the offset of the next record to apply.
 * {@link #claim} moves it inside the transaction that applies the record, so the model and the position
 * never disagree; a rebuild takes {@link #READ_MODEL_LOCK} exclusively while it empties both, and every
 * apply holds it shared, so no record is applied half before and half after a reset.
 */
@ApplicationScoped
public class ReplayPositionRepository {

    /** PostgreSQL advisory lock key of the read model ("analytic" in ASCII). */
    public static final long READ_MODEL_LOCK = 0x616e616c79746963L;

    private final Pool pool;

    public ReplayPositionRepository(Pool pool) {
        this.pool = pool;
    }

    /** The next offset this consumer applies in the partition; null when it starts at the partition's beginning. */
    public Uni<Long> next(String consumer, int partition) {
        return pool.preparedQuery("SELECT next_offset FROM " + SCHEMA + ".replay_position WHERE consumer = $1 AND partition = $2")
                .execute(Tuple.of(consumer, partition))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
    }

    /** The generation of the latest rebuild; 0 when the model was never rebuilt. */
    public Uni<Long> latestRebuild() {
        return pool.query("SELECT coalesce(max(generation), 0) FROM " + SCHEMA + ".read_model_rebuild").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** In the caller's transaction, before anything else: waits while a rebuild resets the model. */
    public Uni<Void> holdSharedLock() {
        return AdvisoryLocks.lockShared(READ_MODEL_LOCK);
    }

    /**
     * In the caller's transaction: true when this record is the next one the consumer applies in its
     * partition, and the position now points past it; false when it is not (applied already, or the model
     * was reset meanwhile), and nothing moved. {@code firstOffset} is the partition's first record, where a
     * consumer without a position starts (null when unknown yet: then only an existing position can move).
     */
    public Uni<Boolean> claim(String consumer, ConsumerRecord<String, String> record, Long firstOffset) {
        long first = firstOffset == null ? -1 : firstOffset;
        // Typed parameters: PostgreSQL would take an untyped one in a SELECT list or compared with another as text.
        return execute("UPDATE " + SCHEMA + ".replay_position SET next_offset = CAST(:offset AS bigint) + 1"
                        + " WHERE consumer = CAST(:consumer AS varchar) AND partition = CAST(:partition AS integer)"
                        // Records before the partition's first are gone (deleted by retention): start at the first.
                        + " AND (next_offset = CAST(:offset AS bigint)"
                        + " OR (next_offset < CAST(:offset AS bigint) AND CAST(:offset AS bigint) = CAST(:first AS bigint)))",
                consumer, record, first)
                .chain(updated -> {
                    if (updated == 1 || record.offset() != first) {
                        return Uni.createFrom().item(updated == 1);
                    }
                    return execute("INSERT INTO " + SCHEMA + ".replay_position (consumer, partition, topic, next_offset)"
                                    + " SELECT CAST(:consumer AS varchar), CAST(:partition AS integer), CAST(:topic AS varchar),"
                                    + " CAST(:offset AS bigint) + 1 WHERE CAST(:offset AS bigint) = CAST(:first AS bigint)"
                                    + " ON CONFLICT (consumer, partition) DO NOTHING",
                            consumer, record, first)
                            .map(inserted -> inserted == 1);
                });
    }

    private Uni<Integer> execute(String sql, String consumer, ConsumerRecord<String, String> record, long first) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql)
                    .setParameter("consumer", consumer)
                    .setParameter("partition", record.partition())
                    .setParameter("offset", record.offset())
                    .setParameter("first", first);
            if (sql.contains(":topic")) {
                query.setParameter("topic", record.topic());
            }
            return query.executeUpdate();
        });
    }
}
