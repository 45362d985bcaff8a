package io.streamingcompanion.outbox;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes outbox rows to Kafka in commit order and deletes them once acknowledged. Runs after every
 * commit that recorded events, when held snapshots fall due, and on a timer (which is what retries after a Kafka
 * outage). Across
 * replicas a PostgreSQL advisory lock lets one relay publish at a time, which keeps per-key order.
 * Delivery is at-least-once: a crash between the Kafka ack and the delete republishes a batch, so
 * consumers deduplicate on the event id.
 */
@ApplicationScoped
public class OutboxRelay {

    /** The timer must not fire before the row is due by the database's clock; a few ms cover rounding. */
    private static final long SNAPSHOT_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final OutboxBatchRepository batches;
    private final Pool database;
    private final MutinyEmitter<String> emitter;
    private final Vertx vertx;
    private final int batchSize;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean rerun = new AtomicBoolean();
    /** When the latest waiting snapshot falls due ({@link System#nanoTime()}), and whether a timer is armed for it. */
    private final AtomicLong snapshotsDue = new AtomicLong(System.nanoTime());
    private final AtomicBoolean snapshotTimerArmed = new AtomicBoolean();

    public OutboxRelay(OutboxBatchRepository batches, Pool database, @Channel("outbox") MutinyEmitter<String> emitter,
                       Vertx vertx, @ConfigProperty(name = "streaming.outbox.batch-size", defaultValue = "200") int batchSize) {
        this.batches = batches;
        this.database = database;
        this.emitter = emitter;
        this.vertx = vertx;
        this.batchSize = batchSize;
    }

    // Not before the application has started: the emitter is connected during startup, and a slow start
    // (a loaded machine) would otherwise have the timer create this bean before its channel exists.
    @Scheduled(every = "${streaming.outbox.poll-interval:1s}", delayed = "${streaming.outbox.initial-delay:3s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        kick();
    }

    /** Starts a relay run unless one is in progress, in which case that run goes round once more. */
    public void kick() {
        rerun.set(true);
        if (!running.compareAndSet(false, true)) {
            return;
        }
        DetachedWork.run(vertx, this::drain);
    }

    /**
     * Starts a relay run once a snapshot recorded now falls due. One timer at a time: when it fires it runs the relay
     * and arms itself again for the latest snapshot asked for meanwhile, so a steady stream of snapshots costs one
     * run per hold, not one per snapshot. A timer lost with this replica is the poll's to make up.
     */
    public void kickAfter(Duration hold) {
        long due = System.nanoTime() + hold.toNanos() + SNAPSHOT_SLACK_NANOS;
        snapshotsDue.accumulateAndGet(due, (current, asked) -> current - asked > 0 ? current : asked);
        armSnapshotTimer();
    }

    private void armSnapshotTimer() {
        if (!snapshotTimerArmed.compareAndSet(false, true)) {
            return;
        }
        long delayMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(snapshotsDue.get() - System.nanoTime()));
        vertx.setTimer(delayMillis, id -> {
            snapshotTimerArmed.set(false);
            kick();
            if (snapshotsDue.get() - System.nanoTime() > 0) {
                armSnapshotTimer();
            }
        });
    }

    private void drain() {
        rerun.set(false);
        database.withTransaction(this::publishBatch)
                .subscribe().with(published -> {
                    running.set(false);
                    if (published == batchSize || rerun.get()) {
                        kick();
                    }
                }, failure -> {
                    running.set(false);
                    Log.warnf("Outbox relay could not publish yet (will retry): %s", failure.getMessage());
                });
    }

    /** The batch is deleted first and committed only once Kafka has every event: a failed send puts it all back. */
    private Uni<Integer> publishBatch(SqlConnection transaction) {
        return batches.takeOldest(transaction, batchSize).chain(events -> {
            if (events.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            List<Uni<Void>> sends = events.stream().map(this::send).toList();
            return Uni.join().all(sends).andFailFast().replaceWith(events.size());
        });
    }

    private Uni<Void> send(OutboxEvent event) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("event-type", event.eventType.getBytes(StandardCharsets.UTF_8));
        headers.add("event-id", event.eventId.toString().getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(event.topic)
                .withKey(event.recordKey)
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(event.envelope).addMetadata(metadata));
    }
}
