package io.streamingcompanion.analytics.service;

import static io.streamingcompanion.analytics.repository.ReadModelRepository.SCHEMA;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.streamingcompanion.analytics.domain.RebuildStatus;
import io.streamingcompanion.analytics.messaging.AnalyticsEventsConsumer;
import io.streamingcompanion.analytics.messaging.AnalyticsEventsConsumer.Source;
import io.streamingcompanion.analytics.repository.ReadModelRepository;
import io.streamingcompanion.analytics.repository.ReplayPositionRepository;
import io.streamingcompanion.commons.problem.ApiException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Rebuilds the read model from Kafka: in one transaction, holding the read model's lock exclusively (so no
 * consumer on any replica applies a record meanwhile), it empties every table the consumers write, their
 * positions and their applied-event records, and notes where each partition ends. The consumers then find
 * no position and seek back to each partition's first record ({@code ReplayGate}); records published during
 * the rebuild are simply further along the same partitions, so each is applied once, in order.
 */
@ApplicationScoped
public class RebuildService {

    private final Pool pool;
    private final KafkaClientService kafka;

    public RebuildService(Pool pool, KafkaClientService kafka) {
        this.pool = pool;
        this.kafka = kafka;
    }

    private record Target(Source source, int partition, long first, long end) {
    }

    public Uni<RebuildStatus> rebuild() {
        Context context = Vertx.currentContext();
        List<Uni<List<Target>>> ends = AnalyticsEventsConsumer.SOURCES.stream().map(this::targets).toList();
        return Uni.join().all(ends).andFailFast()
                .emitOn(task -> context.runOnContext(ignored -> task.run()))
                .chain(targets -> pool.withTransaction(connection -> reset(connection, targets.stream().flatMap(List::stream).toList())))
                .invoke(generation -> Log.infof("Read model rebuild %d: model emptied, the consumers replay their topics", generation))
                .chain(generation -> status());
    }

    /** Where each partition of the source's topic starts and ends now, read by the channel's own consumer. */
    private Uni<List<Target>> targets(Source source) {
        Function<Consumer<String, String>, List<Target>> read = consumer -> {
            List<TopicPartition> partitions = consumer.partitionsFor(source.topic()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            Map<TopicPartition, Long> first = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            return partitions.stream().map(partition -> new Target(source, partition.partition(),
                    first.get(partition), end.get(partition))).toList();
        };
        return kafka.<String, String>getConsumer(source.channel()).runOnPollingThread(read);
    }

    private Uni<Long> reset(SqlConnection connection, List<Target> targets) {
        List<String> consumers = AnalyticsEventsConsumer.SOURCES.stream().map(Source::consumer).toList();
        String tables = String.join(", ", ReadModelRepository.TABLES.stream().map(table -> SCHEMA + "." + table).toList())
                + ", " + SCHEMA + ".replay_position";
        return connection.preparedQuery("SELECT pg_advisory_xact_lock($1)").execute(Tuple.of(ReplayPositionRepository.READ_MODEL_LOCK))
                .chain(() -> connection.query("TRUNCATE " + tables).execute())
                .chain(() -> connection.preparedQuery("DELETE FROM " + SCHEMA + ".processed_event WHERE split_part(id, '/', 1) = ANY($1)")
                        .execute(Tuple.of(consumers.toArray(String[]::new))))
                .chain(() -> connection.query("INSERT INTO " + SCHEMA + ".read_model_rebuild (requested_at) VALUES (now())"
                        + " RETURNING generation").execute())
                .map(rows -> rows.iterator().next().getLong(0))
                .call(generation -> connection.preparedQuery("INSERT INTO " + SCHEMA + ".rebuild_target"
                                + " (generation, consumer, topic, partition, first_offset, end_offset) VALUES ($1, $2, $3, $4, $5, $6)")
                        .executeBatch(targets.stream().map(target -> Tuple.of(generation, target.source().consumer(),
                                target.source().topic(), target.partition(), target.first(), target.end())).toList()));
    }

    public Uni<RebuildStatus> status() {
        return pool.query("SELECT r.generation, r.requested_at, t.consumer, t.topic, t.partition, t.first_offset,"
                        + " t.end_offset, p.next_offset FROM " + SCHEMA + ".read_model_rebuild r"
                        + " JOIN " + SCHEMA + ".rebuild_target t ON t.generation = r.generation"
                        + " LEFT JOIN " + SCHEMA + ".replay_position p ON p.consumer = t.consumer AND p.partition = t.partition"
                        + " WHERE r.generation = (SELECT max(generation) FROM " + SCHEMA + ".read_model_rebuild)"
                        + " ORDER BY t.consumer, t.partition").execute()
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ApiException.notFound("A rebuild");
                    }
                    List<RebuildStatus.Partition> partitions = new ArrayList<>();
                    Row first = null;
                    boolean complete = true;
                    for (Row row : rows) {
                        first = first == null ? row : first;
                        Long position = row.getLong("next_offset");
                        long reached = position == null ? row.getLong("first_offset") : position;
                        boolean replayed = reached >= row.getLong("end_offset");
                        complete &= replayed;
                        partitions.add(new RebuildStatus.Partition(row.getString("consumer"), row.getString("topic"),
                                row.getInteger("partition"), row.getLong("first_offset"), row.getLong("end_offset"),
                                position, replayed));
                    }
                    return new RebuildStatus(first.getLong("generation"), first.getOffsetDateTime("requested_at").toInstant(),
                            complete, partitions);
                });
    }
}
