package io.streamingcompanion.commons.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.problem.ApiException;
import io.streamingcompanion.commons.messaging.EventRoutes.Route;
import io.streamingcompanion.contracts.EventEnvelope;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventTypes;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The one way every consumer of the suite applies a Kafka record:
 * <ol>
 * <li>read the envelope; a record that is not one is dead-lettered;</li>
 * <li>find the handler for its type; a type this consumer does not handle is skipped and counted;</li>
 * <li>read the typed payload; one that does not match the schema is dead-lettered;</li>
 * <li>run the handler inside the consumer's {@link HandlerScope} (for a database consumer: one transaction
 * that also records the event as applied), retrying failures that may pass with exponential backoff;</li>
 * <li>dead-letter what still fails, or what the handler rejects for good.</li>
 * </ol>
 * The returned {@code Uni} never fails, so the channel never stops and the offset moves on only once the
 * record is applied or parked. Retries wait on a Vert.x timer and resume on the record's own context,
 * which a reactive Hibernate session needs.
 */
@ApplicationScoped
public class EventDispatcher {

    private final DeadLetters deadLetters;
    private final MeterRegistry metrics;
    private final ConsumerConfig.Retry retry;

    public EventDispatcher(DeadLetters deadLetters, MeterRegistry metrics, ConsumerConfig config) {
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.retry = config.retry();
    }

    public Uni<Void> dispatch(EventRoutes routes, ConsumerRecord<String, String> record) {
        String consumer = routes.consumer();
        EventEnvelope envelope;
        try {
            envelope = record.value() == null ? null : EventJson.read(record.value());
        } catch (RuntimeException e) {
            return park(consumer, record, null, DeadLetterReason.NOT_AN_EVENT, e.getMessage());
        }
        if (envelope == null || envelope.id() == null || envelope.type() == null) {
            return park(consumer, record, envelope, DeadLetterReason.NOT_AN_EVENT, "record has no event id or type");
        }
        Optional<Route<?>> route = routes.routeFor(envelope);
        if (route.isEmpty()) {
            counter("streaming.consumer.skipped", consumer, knownTypeOrOther(envelope.type())).increment();
            return Uni.createFrom().voidItem();
        }
        Object payload;
        try {
            payload = route.get().read(envelope);
        } catch (RuntimeException e) {
            return park(consumer, record, envelope, DeadLetterReason.MALFORMED_PAYLOAD, e.getMessage());
        }
        Context context = Vertx.currentContext();
        return attempt(routes, record, envelope, route.get(), payload, context, 0)
                .invoke(() -> counter("streaming.consumer.applied", consumer, envelope.type()).increment())
                .onFailure().recoverWithUni(failure -> isPoison(failure)
                        ? park(consumer, record, envelope, DeadLetterReason.REJECTED, describe(failure))
                        : park(consumer, record, envelope, DeadLetterReason.RETRIES_EXHAUSTED, describe(failure)));
    }

    private Uni<Void> attempt(EventRoutes routes, ConsumerRecord<String, String> record, EventEnvelope envelope,
                              Route<?> route, Object payload, Context context, int retries) {
        return Uni.createFrom().deferred(() -> routes.scope().run(routes.consumer(), record, envelope,
                        () -> route.apply(envelope, payload)))
                .onFailure(failure -> !isPoison(failure) && retries < attempts(routes)).recoverWithUni(failure -> {
                    Duration delay = backoff(retries);
                    counter("streaming.consumer.retried", routes.consumer(), envelope.type()).increment();
                    Log.warnf("%s could not apply %s %s yet (attempt %d of %d, next in %d ms): %s", routes.consumer(),
                            envelope.type(), envelope.id(), retries + 1, attempts(routes) + 1, delay.toMillis(),
                            describe(failure));
                    return delay(context, delay)
                            .chain(() -> attempt(routes, record, envelope, route, payload, context, retries + 1));
                });
    }

    private int attempts(EventRoutes routes) {
        return routes.retryAttempts().orElse(retry.attempts());
    }

    private Duration backoff(int retries) {
        long initial = retry.initialBackoff().toMillis();
        long capped = Math.min(retry.maxBackoff().toMillis(), initial << Math.min(retries, 20));
        return Duration.ofMillis(Math.max(1, capped));
    }

    private static Uni<Void> delay(Context context, Duration delay) {
        if (context == null) {
            return Uni.createFrom().voidItem().onItem().delayIt().by(delay);
        }
        return Uni.createFrom().emitter(emitter -> context.owner().setTimer(delay.toMillis(),
                timer -> context.runOnContext(ignored -> emitter.complete(null))));
    }

    private Uni<Void> park(String consumer, ConsumerRecord<String, String> record, EventEnvelope envelope,
                           DeadLetterReason reason, String cause) {
        String type = envelope == null || envelope.type() == null ? "unknown" : knownTypeOrOther(envelope.type());
        metrics.counter("streaming.consumer.dead.letters", "consumer", consumer, "reason", reason.wireName(),
                "type", type).increment();
        Log.errorf("%s dead-lettered %s %s (%s-%d@%d): %s: %s", consumer, type,
                envelope == null ? "without id" : envelope.id(), record.topic(), record.partition(), record.offset(),
                reason.wireName(), cause);
        return deadLetters.park(consumer, record, reason, cause);
    }

    /** Failures that no retry can cure: the event itself, or the code applying it, is wrong. */
    static boolean isPoison(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException
                    || cause instanceof ClassCastException || cause instanceof ArithmeticException) {
                return true;
            }
            if (cause instanceof ApiException api) {
                return api.status() >= 400 && api.status() < 500 && api.status() != 409 && api.status() != 429;
            }
        }
        return false;
    }

    private Counter counter(String name, String consumer, String type) {
        return metrics.counter(name, "consumer", consumer, "type", type);
    }

    /** Metric tags stay bounded: a type outside the catalogue is counted as "other". */
    private static String knownTypeOrOther(String type) {
        return EventTypes.byName(type).isPresent() ? type : "other";
    }

    private static String describe(Throwable failure) {
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
