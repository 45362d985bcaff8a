package io.streamingcompanion.outbox;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.messaging.HandlerScope;
import io.streamingcompanion.contracts.EventEnvelope;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The handler scope of every consumer with a database: one transaction that records the event as applied
 * by this consumer ({@code processed_event}) and applies it, then publishes what the handler recorded in
 * the outbox. A redelivered or concurrently delivered copy finds the record and changes nothing; a failed
 * handler rolls the record back with everything else, so a retry applies it for real.
 */
@ApplicationScoped
public class AppliedOnce implements HandlerScope {

    private final ProcessedEventRepository processed;
    private final Transactions transactions;

    public AppliedOnce(ProcessedEventRepository processed, Transactions transactions) {
        this.processed = processed;
        this.transactions = transactions;
    }

    @Override
    public Uni<Void> run(String consumer, EventEnvelope envelope, Supplier<Uni<Void>> work) {
        return transactions.run(() -> runInTransaction(consumer, envelope, work));
    }

    /**
     * This scope behind a read-only question, asked first and outside any transaction: an event for which
     * {@code worthApplying} answers false is acknowledged as it is, without a transaction or a record of it. For
     * handlers that would change nothing for it (a tip of a creator who has not switched the feature on, the usual
     * case): their transaction, dedupe row and relay run were most of such a consumer's work per tip. A
     * redelivery asks again, and the handler itself still decides in its transaction when the answer was true.
     */
    public HandlerScope when(Function<EventEnvelope, Uni<Boolean>> worthApplying) {
        return (consumer, envelope, work) -> worthApplying.apply(envelope)
                .chain(worth -> worth ? run(consumer, envelope, work) : Uni.createFrom().voidItem());
    }

    /** The same inside a transaction the caller opened (and commits), for a scope that adds its own checks. */
    public Uni<Void> runInTransaction(String consumer, EventEnvelope envelope, Supplier<Uni<Void>> work) {
        return processed.firstDelivery(consumer, envelope.id()).chain(first -> {
            if (!first) {
                Log.debugf("%s already applied %s %s", consumer, envelope.type(), envelope.id());
                return Uni.createFrom().voidItem();
            }
            return work.get();
        });
    }
}
