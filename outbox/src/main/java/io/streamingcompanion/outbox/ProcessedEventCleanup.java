package io.streamingcompanion.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Forgets which events were applied once no copy of them can arrive any more: Kafka keeps records for 7 days
 * by default, so after {@code streaming.outbox.processed-retention} (14 days) a redelivery is impossible and the
 * row only costs space. A consumer that replays topics from the start (a read-model rebuild) resets its rows
 * together with its model instead.
 */
@ApplicationScoped
public class ProcessedEventCleanup {

    private final ProcessedEventRepository processed;
    private final Vertx vertx;
    private final Duration retention;

    public ProcessedEventCleanup(ProcessedEventRepository processed, Vertx vertx,
                                 @ConfigProperty(name = "streaming.outbox.processed-retention", defaultValue = "P14D") Duration retention) {
        this.processed = processed;
        this.vertx = vertx;
        this.retention = retention;
    }

    @Scheduled(every = "${streaming.outbox.processed-cleanup-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetOldRecords() {
        Instant cutoff = Instant.now().minus(retention);
        DetachedWork.run(vertx, () -> Panache.withTransaction(() -> processed.delete("processedAt < ?1", cutoff))
                .subscribe().with(
                        deleted -> Log.debugf("Forgot %d applied-event records older than %s", deleted, retention),
                        failure -> Log.warnf("Applied-event cleanup failed (the next run retries): %s", failure.getMessage())));
    }
}
