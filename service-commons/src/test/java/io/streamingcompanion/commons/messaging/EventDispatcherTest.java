package io.streamingcompanion.commons.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.contracts.EventEnvelope;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.menu.MenuUpdated;
import io.streamingcompanion.contracts.session.SessionEnded;
import io.streamingcompanion.contracts.session.SessionStarted;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class EventDispatcherTest {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    private final List<String> parked = new ArrayList<>();
    private final MeterRegistry metrics = new SimpleMeterRegistry();
    private final EventDispatcher dispatcher = new EventDispatcher(new RecordingDeadLetters(parked), metrics, config(3));

    @Test
    void aRecordThatIsNotAnEventIsParkedAndTheConsumerMovesOn() {
        AtomicInteger calls = new AtomicInteger();
        EventRoutes routes = routes(calls, 0);

        dispatch(routes, record("{not json"));
        dispatch(routes, record(null));
        dispatch(routes, record("{\"type\":\"streaming.session.started\"}"));

        assertEquals(List.of("not-an-event", "not-an-event", "not-an-event"), parked);
        assertEquals(0, calls.get());
        assertEquals(3.0, deadLetters("not-an-event"));
    }

    @Test
    void aTypeTheConsumerDoesNotHandleIsSkippedNotParked() {
        AtomicInteger calls = new AtomicInteger();
        dispatch(routes(calls, 0), record(EventJson.write(EventJson.envelope(EventTypes.MENU_UPDATED, "alice", "alice",
                new MenuUpdated("alice", List.of()), Clock.systemUTC()))));

        assertEquals(List.of(), parked);
        assertEquals(0, calls.get());
        assertEquals(1.0, metrics.counter("streaming.consumer.skipped", "consumer", "test", "type",
                EventTypes.MENU_UPDATED.name()).count());
    }

    @Test
    void aPayloadThatBreaksItsSchemaIsParked() {
        AtomicInteger calls = new AtomicInteger();
        String wrongPayload = "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"streaming.session.started\",\"version\":1,"
                + "\"payload\":{\"sessionId\":\"not-a-uuid\"}}";

        dispatch(routes(calls, 0), record(wrongPayload));

        assertEquals(List.of("malformed-payload"), parked);
        assertEquals(0, calls.get());
    }

    @Test
    void aFailureThatPassesIsRetriedUntilTheHandlerSucceeds() {
        AtomicInteger calls = new AtomicInteger();

        dispatch(routes(calls, 2), started());

        assertEquals(3, calls.get(), "two failures, then the third attempt applies it");
        assertEquals(List.of(), parked);
        assertEquals(2.0, metrics.counter("streaming.consumer.retried", "consumer", "test", "type",
                EventTypes.SESSION_STARTED.name()).count());
        assertEquals(1.0, metrics.counter("streaming.consumer.applied", "consumer", "test", "type",
                EventTypes.SESSION_STARTED.name()).count());
    }

    @Test
    void aFailureThatNeverPassesIsParkedAfterTheRetriesRunOut() {
        AtomicInteger calls = new AtomicInteger();

        dispatch(routes(calls, Integer.MAX_VALUE), started());

        assertEquals(4, calls.get(), "the first attempt and three retries");
        assertEquals(List.of("retries-exhausted"), parked);
    }

    @Test
    void aConsumerMayHaveARetryBudgetOfItsOwn() {
        AtomicInteger calls = new AtomicInteger();
        EventRoutes patient = EventRoutes.forConsumer("test", HandlerScope.DIRECT)
                .on(EventTypes.SESSION_STARTED, failing(calls, 6))
                .retryAttempts(8)
                .build();

        dispatch(patient, started());

        assertEquals(7, calls.get(), "six failures, more than the default three retries, then applied");
        assertEquals(List.of(), parked);
    }

    @Test
    void aRejectedEventIsParkedAtOnceWithoutRetries() {
        AtomicInteger calls = new AtomicInteger();
        EventRoutes routes = EventRoutes.forConsumer("test", HandlerScope.DIRECT)
                .on(EventTypes.SESSION_STARTED, (envelope, started) -> {
                    calls.incrementAndGet();
                    throw new PoisonEventException("names a session that cannot exist");
                })
                .build();

        dispatch(routes, started());

        assertEquals(1, calls.get());
        assertEquals(List.of("rejected"), parked);
    }

    @Test
    void theScopeWrapsEveryAttemptAndSeesTheEvent() {
        List<String> scoped = new ArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        HandlerScope recording = (consumer, envelope, work) -> {
            scoped.add(consumer + "/" + envelope.type());
            return work.get();
        };
        EventRoutes routes = EventRoutes.forConsumer("scoped", recording)
                .on(EventTypes.SESSION_STARTED, failing(calls, 1))
                .build();

        dispatch(routes, started());

        assertEquals(List.of("scoped/streaming.session.started", "scoped/streaming.session.started"), scoped);
    }

    @Test
    void routesRefuseTwoHandlersForOneType() {
        EventRoutes.Builder builder = EventRoutes.forConsumer("test", HandlerScope.DIRECT)
                .on(EventTypes.SESSION_ENDED, (envelope, ended) -> Uni.createFrom().voidItem());
        assertTrue(assertThrowsIllegalArgument(() -> builder.on(EventTypes.SESSION_ENDED,
                (EventHandler<SessionEnded>) (envelope, ended) -> Uni.createFrom().voidItem())));
    }

    private void dispatch(EventRoutes routes, ConsumerRecord<String, String> record) {
        dispatcher.dispatch(routes, record).await().atMost(WITHIN);
    }

    private double deadLetters(String reason) {
        return metrics.find("streaming.consumer.dead.letters").tag("reason", reason).counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }

    private static EventRoutes routes(AtomicInteger calls, int failuresBeforeSuccess) {
        return EventRoutes.forConsumer("test", HandlerScope.DIRECT)
                .on(EventTypes.SESSION_STARTED, failing(calls, failuresBeforeSuccess))
                .build();
    }

    private static EventHandler<SessionStarted> failing(AtomicInteger calls, int failuresBeforeSuccess) {
        return (envelope, started) -> {
            if (calls.incrementAndGet() <= failuresBeforeSuccess) {
                return Uni.createFrom().failure(new IllegalStateException("database briefly away"));
            }
            return Uni.createFrom().voidItem();
        };
    }

    private static ConsumerRecord<String, String> started() {
        EventEnvelope envelope = EventJson.envelope(EventTypes.SESSION_STARTED, "alice", UUID.randomUUID().toString(),
                new SessionStarted(UUID.randomUUID(), "alice", "other", "t", Instant.now()), Clock.systemUTC());
        return record(EventJson.write(envelope));
    }

    private static ConsumerRecord<String, String> record(String value) {
        return new ConsumerRecord<>("streaming.test", 0, 42L, "key", value);
    }

    private static boolean assertThrowsIllegalArgument(Runnable action) {
        try {
            action.run();
            return false;
        } catch (IllegalArgumentException expected) {
            return true;
        }
    }

    private static ConsumerConfig config(int attempts) {
        return () -> new ConsumerConfig.Retry() {
            @Override
            public int attempts() {
                return attempts;
            }

            @Override
            public Duration initialBackoff() {
                return Duration.ofMillis(1);
            }

            @Override
            public Duration maxBackoff() {
                return Duration.ofMillis(5);
            }
        };
    }

    private static final class RecordingDeadLetters extends DeadLetters {

        private final List<String> parked;

        RecordingDeadLetters(List<String> parked) {
            super(null);
            this.parked = parked;
        }

        @Override
        public Uni<Void> park(String consumer, ConsumerRecord<String, String> record, DeadLetterReason reason, String cause) {
            parked.add(reason.wireName());
            return Uni.createFrom().voidItem();
        }
    }
}
