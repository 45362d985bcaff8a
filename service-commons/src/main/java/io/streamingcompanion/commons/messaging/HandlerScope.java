package io.streamingcompanion.commons.messaging;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.contracts.EventEnvelope;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What surrounds every handler of one consumer: for a service with a database, a transaction that also
 * records the event as applied (the outbox module's {@code AppliedOnce}), so a redelivery changes nothing;
 * {@link #DIRECT} for a consumer whose effects are idempotent by construction or not stored.
 */
@FunctionalInterface
public interface HandlerScope {

    HandlerScope DIRECT = (consumer, envelope, work) -> work.get();

    Uni<Void> run(String consumer, EventEnvelope envelope, Supplier<Uni<Void>> work);

    /**
     * What the dispatcher calls: the same, knowing where the record sits in its topic, for a scope that keeps
     * its own position per partition in the transaction it applies events in (a rebuildable read model).
     */
    default Uni<Void> run(String consumer, ConsumerRecord<String, String> record, EventEnvelope envelope,
                          Supplier<Uni<Void>> work) {
        return run(consumer, envelope, work);
    }
}
