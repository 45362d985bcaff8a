package io.streamingcompanion.goalmenu;

import static io.streamingcompanion.goalmenu.TestApi.as;
import static io.streamingcompanion.goalmenu.TestApi.createGoal;
import static io.streamingcompanion.goalmenu.TestApi.goals;
import static io.streamingcompanion.goalmenu.TestApi.newCreator;
import static io.streamingcompanion.goalmenu.TestApi.progressSum;
import static io.streamingcompanion.goalmenu.TestApi.tip;
import static io.streamingcompanion.goalmenu.TestApi.tipEnvelope;
import static org.hamcrest.Matchers.equalTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.streamingcompanion.contracts.EventEnvelope;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.Topics;
import io.streamingcompanion.contracts.goal.GoalCompleted;
import io.streamingcompanion.contracts.goal.GoalProgress;
import io.streamingcompanion.contracts.tip.TipReceived;
import io.streamingcompanion.goalmenu.tip.TipEffectsService;
import io.quarkus.vertx.VertxContextSupport;
import io.streamingcompanion.outbox.AppliedOnce;
import io.streamingcompanion.outbox.ProcessedEventRepository;
import java.util.concurrent.atomic.AtomicBoolean;
import io.streamingcompanion.testsupport.DomainEventConsumer;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Tips arrive as {@code streaming.tip.received} on Kafka, exactly as tip-service publishes them. */
@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
class GoalProgressTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    @Inject
    TipEffectsService effects;

    @Inject
    AppliedOnce appliedOnce;

    @Inject
    Vertx vertx;

    @Inject
    ProcessedEventRepository processedEvents;

    /**
     * A tip of a session without goals, from a creator without animation rules, changes nothing here: it is
     * acknowledged without a transaction or a record of it. The next tip, once the session has a goal, is applied.
     */
    @Test
    void aTipThatCanMoveNothingIsLeftWithoutATransaction() throws Throwable {
        String creator = newCreator();
        UUID session = UUID.randomUUID();
        double appliedBefore = appliedTips();
        EventEnvelope unmoving = tipEnvelope(tip(creator, session, 400, false));
        DomainEventConsumer.publish(Topics.TIPS, unmoving);
        Awaitility.await().atMost(WITHIN).until(() -> appliedTips() > appliedBefore);

        createGoal(creator, session, "First goal", 1000);
        EventEnvelope moving = tipEnvelope(tip(creator, session, 300, false));
        DomainEventConsumer.publish(Topics.TIPS, moving);
        awaitProgress(creator, session, 300);
        assertTrue(appliedHere(moving), "the tip that moved a goal has no record of being applied");
        assertFalse(appliedHere(unmoving), "a tip with nothing to do cost a transaction and a dedupe record");
    }

    private boolean appliedHere(EventEnvelope event) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> processedEvents.findById("goal-menu-service.tips/" + event.id())) != null;
    }

    private static double appliedTips() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("streaming_consumer_applied_total{")
                        && line.contains("consumer=\"goal-menu-service.tips\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void aTipFillsTheFirstIncompleteGoalAndTheSurplusCarriesOver() {
        String creator = newCreator();
        UUID session = UUID.randomUUID();
        String a = createGoal(creator, session, "A", 1000);
        String b = createGoal(creator, session, "B", 2000);
        String c = createGoal(creator, session, "C", 500);

        publishTip(creator, session, 1500);
        awaitProgress(creator, session, 1500);
        assertEquals(List.of(1000L, 500L, 0L), currents(creator, session));
        as(creator).get("/api/goals/" + a).then().body("completed", equalTo(true)).body("percentage", equalTo(100));
        as(creator).get("/api/goals/" + b).then().body("percentage", equalTo(25)).body("remainingCents", equalTo(1500));

        publishTip(creator, session, 2000);
        awaitProgress(creator, session, 3500);
        assertEquals(List.of(1000L, 2000L, 500L), currents(creator, session));

        // Every goal is complete: the next tip counts towards none, and nothing completes again.
        publishTip(creator, session, 700);
        String d = createGoal(creator, session, "D", 300);
        publishTip(creator, session, 100);
        awaitProgress(creator, session, 3600);
        assertEquals(List.of(1000L, 2000L, 500L, 100L), currents(creator, session));

        try (DomainEventConsumer events = new DomainEventConsumer(Topics.GOALS)) {
            // D's progress from the last tip is the last goal event of the session: everything before it is visible.
            events.await(EventTypes.GOAL_PROGRESS, session.toString(),
                    progress -> progress.goalId().toString().equals(d) && progress.currentCents() == 100, WITHIN);
            Map<String, Long> completions = completions(events, session);
            assertEquals(Map.of(a, 1L, b, 1L, c, 1L), completions);
            GoalCompleted completedB = events.await(EventTypes.GOAL_COMPLETED, session.toString(),
                    completed -> completed.goalId().toString().equals(b), WITHIN).payload();
            assertEquals(2000, completedB.targetCents());
            assertEquals(creator, completedB.creatorId());
            assertEquals("B", completedB.title());
            GoalProgress lastOfB = lastProgress(events, session, b);
            assertEquals(2000, lastOfB.currentCents());
            assertEquals(100, lastOfB.percentage());
            assertTrue(lastOfB.completed());
        }
    }

    @Test
    void testTipsAdvanceNoGoal() {
        String creator = newCreator();
        UUID session = UUID.randomUUID();
        createGoal(creator, session, "Goal", 1000);
        DomainEventConsumer.publish(Topics.TIPS, tipEnvelope(tip(creator, session, 900, true)));
        publishTip(creator, session, 50);
        awaitProgress(creator, session, 50);
        assertEquals(List.of(50L), currents(creator, session));
    }

    @Test
    void aTipOnlyMovesItsOwnCreatorsGoals() {
        String owner = newCreator();
        String other = newCreator();
        UUID session = UUID.randomUUID();
        createGoal(owner, session, "Owner's", 1000);
        // Another creator's goals for the same session id are never touched by this creator's tips.
        createGoal(other, session, "Squatter", 1000);
        publishTip(owner, session, 400);
        awaitProgress(owner, session, 400);
        assertEquals(List.of(0L), currents(other, session));
    }

    @Test
    void aRedeliveredTipChangesNothingAndAGoalCompletesOnce() {
        String creator = newCreator();
        UUID session = UUID.randomUUID();
        String first = createGoal(creator, session, "First", 1000);
        String second = createGoal(creator, session, "Second", 5000);

        EventEnvelope partial = tipEnvelope(tip(creator, session, 600, false));
        DomainEventConsumer.publish(Topics.TIPS, partial);
        DomainEventConsumer.publish(Topics.TIPS, partial);
        EventEnvelope completing = tipEnvelope(tip(creator, session, 500, false));
        DomainEventConsumer.publish(Topics.TIPS, completing);
        DomainEventConsumer.publish(Topics.TIPS, completing);
        // Same key, same partition: when this last tip shows, both duplicates have been consumed.
        publishTip(creator, session, 50);

        awaitProgress(creator, session, 1150);
        assertEquals(List.of(1000L, 150L), currents(creator, session));
        try (DomainEventConsumer events = new DomainEventConsumer(Topics.GOALS)) {
            events.await(EventTypes.GOAL_PROGRESS, session.toString(),
                    progress -> progress.goalId().toString().equals(second) && progress.currentCents() == 150, WITHIN);
            assertEquals(Map.of(first, 1L), completions(events, session));
            // Two creates, then first → 600, first → 1000 and second → 100 (one tip), second → 150: no duplicate.
            assertEquals(List.of(0L, 0L, 600L, 1000L, 100L, 150L), progressEvents(events, session).stream()
                    .map(GoalProgress::currentCents).toList());
        }
    }

    @Test
    void concurrentDeliveriesOfOneTipApplyOnceAndConcurrentTipsAllCount() throws Exception {
        String creator = newCreator();
        UUID session = UUID.randomUUID();
        String g1 = createGoal(creator, session, "G1", 1000);
        String g2 = createGoal(creator, session, "G2", 1000);
        createGoal(creator, session, "G3", 100_000);

        TipReceived duplicated = tip(creator, session, 250, false);
        EventEnvelope duplicatedEnvelope = tipEnvelope(duplicated);
        List<CompletableFuture<Boolean>> duplicates = new ArrayList<>();
        List<CompletableFuture<Boolean>> distinct = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            duplicates.add(applyOnItsOwnContext(duplicatedEnvelope, duplicated));
            TipReceived other = tip(creator, session, 300, false);
            distinct.add(applyOnItsOwnContext(tipEnvelope(other), other));
        }
        CompletableFuture.allOf(duplicates.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        CompletableFuture.allOf(distinct.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        long applied = duplicates.stream().filter(CompletableFuture::join).count();
        assertEquals(1, applied, "exactly one of the concurrent copies applies");
        assertEquals(List.of(1000L, 1000L, 12 * 300L + 250 - 2000), currents(creator, session));
        try (DomainEventConsumer events = new DomainEventConsumer(Topics.GOALS)) {
            events.await(EventTypes.GOAL_PROGRESS, session.toString(),
                    progress -> progress.currentCents() == 12 * 300L + 250 - 2000, WITHIN);
            assertEquals(Map.of(g1, 1L, g2, 1L), completions(events, session));
        }
    }

    @Test
    void twoHundredTipsGiveExactProgressAcrossGoals() throws Exception {
        String creator = newCreator();
        UUID session = UUID.randomUUID();
        long[] targets = {10_000, 25_000, 40_000, 1_000_000};
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < targets.length; i++) {
            ids.add(createGoal(creator, session, "Goal " + i, targets[i]));
        }
        List<Long> amounts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            amounts.add(100 + (i * 7919L) % 900);
        }
        long total = amounts.stream().mapToLong(Long::longValue).sum();

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (KafkaProducer<String, String> producer = TestApi.producer()) {
            List<Future<?>> sends = new ArrayList<>();
            for (long amount : amounts) {
                sends.add(pool.submit(() -> {
                    EventEnvelope envelope = tipEnvelope(tip(creator, session, amount, false));
                    return producer.send(new ProducerRecord<>(Topics.TIPS, envelope.key(), EventJson.write(envelope))).get();
                }));
            }
            for (Future<?> send : sends) {
                send.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> progressSum(creator, session) >= total);
        // Filled in order, each up to its target, the rest on the last goal.
        List<Long> expected = new ArrayList<>();
        long left = total;
        for (long target : targets) {
            long filled = Math.min(left, target);
            expected.add(filled);
            left -= filled;
        }
        assertEquals(0, left, "the last goal is large enough to take the rest");
        assertEquals(expected, currents(creator, session));
        assertEquals(List.of(true, true, true, false),
                goals(creator, session).stream().map(goal -> goal.get("completed")).toList());

        try (DomainEventConsumer events = new DomainEventConsumer(Topics.GOALS)) {
            events.await(EventTypes.GOAL_PROGRESS, session.toString(),
                    progress -> progress.goalId().toString().equals(ids.get(3)) && progress.currentCents() == expected.get(3),
                    WITHIN);
            assertEquals(Map.of(ids.get(0), 1L, ids.get(1), 1L, ids.get(2), 1L), completions(events, session));
            assertEquals(expected.get(3), lastProgress(events, session, ids.get(3)).currentCents());
        }
    }

    @Test
    void aRecordThatIsNotATipEventIsSkippedAndTheChannelKeepsGoing() {
        String creator = newCreator();
        UUID session = UUID.randomUUID();
        createGoal(creator, session, "Goal", 1000);
        try (KafkaProducer<String, String> producer = TestApi.producer()) {
            TestApi.publishRaw(producer, session.toString(), "this is not JSON {");
            TestApi.publishRaw(producer, session.toString(), "{\"id\":\"not-a-uuid\",\"type\":\"streaming.tip.received\"}");
            TestApi.publishRaw(producer, session.toString(),
                    "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"streaming.tip.received\",\"payload\":{\"amountCents\":\"many\"}}");
            TestApi.publishRaw(producer, session.toString(), "[1, 2, 3]");
            TestApi.publishRaw(producer, session.toString(), null);
        }
        publishTip(creator, session, 321);
        awaitProgress(creator, session, 321);
        assertEquals(List.of(321L), currents(creator, session));
    }

    @Test
    void aCompletedGoalKeepsItsTargetAndATargetCannotGoBelowProgress() {
        String creator = newCreator();
        UUID session = UUID.randomUUID();
        String done = createGoal(creator, session, "Done", 500);
        String next = createGoal(creator, session, "Next", 1000);
        publishTip(creator, session, 800);
        awaitProgress(creator, session, 800);
        as(creator).body(Map.of("targetCents", 5000)).patch("/api/goals/" + done).then().statusCode(409)
                .contentType("application/problem+json");
        as(creator).body(Map.of("title", "Done!")).patch("/api/goals/" + done).then().statusCode(200)
                .body("completed", equalTo(true));
        as(creator).body(Map.of("targetCents", 200)).patch("/api/goals/" + next).then().statusCode(409);
        // Lowering the target to the progress completes the goal, once.
        as(creator).body(Map.of("targetCents", 300)).patch("/api/goals/" + next).then().statusCode(200)
                .body("completed", equalTo(true)).body("percentage", equalTo(100));
        try (DomainEventConsumer events = new DomainEventConsumer(Topics.GOALS)) {
            events.await(EventTypes.GOAL_COMPLETED, session.toString(),
                    completed -> completed.goalId().toString().equals(next) && completed.targetCents() == 300, WITHIN);
            events.await(EventTypes.GOAL_PROGRESS, session.toString(), progress -> progress.title().equals("Done!"), WITHIN);
            assertEquals(Map.of(done, 1L, next, 1L), completions(events, session));
        }
    }

    /** Applies the tip as the tip consumer does (in its scope); true when this copy's effects were applied. */
    private CompletableFuture<Boolean> applyOnItsOwnContext(EventEnvelope envelope, TipReceived tip) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        AtomicBoolean ran = new AtomicBoolean();
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> appliedOnce.run("goal-menu-service.tips", envelope, () -> {
                    ran.set(true);
                    return effects.apply(envelope, tip);
                })
                .subscribe().with(done -> result.complete(ran.get()), result::completeExceptionally));
        return result;
    }

    private static void publishTip(String creator, UUID session, long amountCents) {
        DomainEventConsumer.publish(Topics.TIPS, tipEnvelope(tip(creator, session, amountCents, false)));
    }

    private static void awaitProgress(String creator, UUID session, long sum) {
        Awaitility.await().atMost(WITHIN).pollInterval(Duration.ofMillis(100))
                .until(() -> progressSum(creator, session) == sum);
    }

    private static List<Long> currents(String creator, UUID session) {
        return goals(creator, session).stream().map(goal -> ((Number) goal.get("currentCents")).longValue()).toList();
    }

    private static List<GoalProgress> progressEvents(DomainEventConsumer events, UUID session) {
        List<GoalProgress> found = new ArrayList<>();
        for (ConsumerRecord<String, String> record : events.recordsFor(session.toString(), Duration.ZERO)) {
            EventEnvelope envelope = EventJson.read(record.value());
            if (EventTypes.GOAL_PROGRESS.name().equals(envelope.type())) {
                found.add(EventJson.payload(envelope, EventTypes.GOAL_PROGRESS));
            }
        }
        return found;
    }

    private static GoalProgress lastProgress(DomainEventConsumer events, UUID session, String goalId) {
        List<GoalProgress> ofGoal = progressEvents(events, session).stream()
                .filter(progress -> progress.goalId().toString().equals(goalId)).toList();
        return ofGoal.get(ofGoal.size() - 1);
    }

    /** goal id → number of {@code streaming.goal.completed} events seen for it. */
    private static Map<String, Long> completions(DomainEventConsumer events, UUID session) {
        return events.recordsFor(session.toString(), Duration.ZERO).stream()
                .map(record -> EventJson.read(record.value()))
                .filter(envelope -> EventTypes.GOAL_COMPLETED.name().equals(envelope.type()))
                .map(envelope -> EventJson.payload(envelope, EventTypes.GOAL_COMPLETED).goalId().toString())
                .collect(Collectors.groupingBy(id -> id, LinkedHashMap::new, Collectors.counting()));
    }
}
