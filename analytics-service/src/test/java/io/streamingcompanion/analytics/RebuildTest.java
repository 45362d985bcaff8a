package io.streamingcompanion.analytics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.streamingcompanion.contracts.EventEnvelope;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventType;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.Topics;
import io.streamingcompanion.contracts.goal.GoalCompleted;
import io.streamingcompanion.contracts.session.SessionEnded;
import io.streamingcompanion.contracts.session.SessionStarted;
import io.streamingcompanion.contracts.session.SessionUpdated;
import io.streamingcompanion.contracts.tip.TipReceived;
import io.streamingcompanion.testsupport.DomainEventConsumer;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.streamingcompanion.testsupport.TestTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A rebuild empties the read model and replays the topics: every figure comes back to the cent (test tips
 * still left out, redelivered events still counted once), and tips published while it runs are counted
 * exactly once.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
class RebuildTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REBUILD = "/internal/analytics/rebuild";

    private final String creator = "rebuilt-" + UUID.randomUUID();
    private final Random random = new Random(7);
    private final List<UUID> sessionIds = new ArrayList<>();
    private long historyCount;
    private long liveCount;
    private long liveGross;

    @Test
    void aRebuildReproducesEveryFigureAndCountsTipsArrivingMeanwhileOnce() throws Exception {
        publishHistory();
        Map<String, String> before = awaitFigures(historyCount);

        given().post(REBUILD).then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer(creator)).post(REBUILD).then().statusCode(401);
        given().header("X-Service-Token", "x".repeat(64)).post(REBUILD).then().statusCode(401);

        UUID live = session("stripchat", Instant.parse("2026-05-10T18:00:00Z"), Instant.parse("2026-05-10T22:00:00Z"));
        Thread publisher = new Thread(() -> liveTips(live, 30), "live-tips-before");
        publisher.start();
        Response rebuild = given().header("X-Service-Token", EmbeddedInfrastructureResource.SERVICE_TOKEN).post(REBUILD);
        assertEquals(202, rebuild.statusCode(), rebuild.asString());
        publisher.join();
        liveTips(live, 30);
        JsonNode started = JSON.readTree(rebuild.asString());
        assertEquals(9, started.path("partitions").size(), "three topics of three partitions");

        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertTrue(JSON.readTree(given().header("X-Service-Token", EmbeddedInfrastructureResource.SERVICE_TOKEN)
                        .get(REBUILD).then().statusCode(200).extract().asString()).path("complete").asBoolean()));
        assertEquals(before, awaitFigures(historyCount));
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode day = get("/api/analytics/summary?from=2026-05-10&to=2026-05-10").path("current");
            assertEquals(liveCount, day.path("tipCount").asLong());
            assertEquals(liveGross, day.path("grossTipsCents").asLong());
        });
    }

    /** Three sessions over three days with viewer updates, 84 counted tips (some redelivered), 6 test tips, a goal. */
    private void publishHistory() {
        sessionIds.add(session("chaturbate", Instant.parse("2026-04-01T20:00:00Z"), Instant.parse("2026-04-01T23:00:00Z")));
        sessionIds.add(session("stripchat", Instant.parse("2026-04-02T22:00:00Z"), Instant.parse("2026-04-03T02:00:00Z")));
        UUID late = UUID.randomUUID();
        // A tip before its session's events (another topic: no order between them).
        tip(late, Instant.parse("2026-04-03T10:05:00Z"), 555, "early", false, false);
        historyCount = 1;
        sessionIds.add(session(late, "other", Instant.parse("2026-04-03T10:00:00Z"), Instant.parse("2026-04-03T11:00:00Z")));
        for (int i = 0; i < 89; i++) {
            UUID session = sessionIds.get(i % 2);
            Instant start = i % 2 == 0 ? Instant.parse("2026-04-01T20:00:00Z") : Instant.parse("2026-04-02T22:00:00Z");
            boolean test = i % 15 == 0;
            tip(session, start.plusSeconds(random.nextInt(3 * 3600)), 100 + random.nextInt(9900),
                    List.of("ann", "ben", "=HYPERLINK(\"x\")", "").get(random.nextInt(4)), i % 9 == 0, test);
            historyCount += test ? 0 : 1;
        }
        GoalCompleted goal = new GoalCompleted(UUID.randomUUID(), sessionIds.get(0), creator, "Dance", 5_000,
                Instant.parse("2026-04-01T21:00:00Z"));
        EventEnvelope goalEvent = envelope(EventTypes.GOAL_COMPLETED, sessionIds.get(0).toString(), goal, goal.completedAt());
        DomainEventConsumer.publish(Topics.GOALS, goalEvent);
        DomainEventConsumer.publish(Topics.GOALS, goalEvent);
    }

    private void liveTips(UUID session, int count) {
        for (int i = 0; i < count; i++) {
            long amount = 100 + random.nextInt(5000);
            Instant at = Instant.parse("2026-05-10T18:00:00Z").plusSeconds(random.nextInt(4 * 3600));
            tip(session, at, amount, "live", i % 4 == 0, false);
            tip(session, at, 12_345, "tester", false, true);
            synchronized (this) {
                liveCount++;
                liveGross += amount;
            }
        }
    }

    private void tip(UUID session, Instant at, long amount, String tipper, boolean redeliver, boolean test) {
        TipReceived tip = new TipReceived(UUID.randomUUID(), session, creator, amount, tipper.isEmpty() ? null : tipper,
                "m", "manual", null, test, at, new TipReceived.SessionTotals(0, 0),
                amount % 4 == 0 ? new TipReceived.MenuItemRef(new UUID(0, 1), "Song", "request", amount) : null);
        EventEnvelope event = envelope(EventTypes.TIP_RECEIVED, session.toString(), tip, at);
        DomainEventConsumer.publish(Topics.TIPS, event);
        if (redeliver) {
            DomainEventConsumer.publish(Topics.TIPS, event);
        }
    }

    private UUID session(String platform, Instant start, Instant end) {
        return session(UUID.randomUUID(), platform, start, end);
    }

    private UUID session(UUID id, String platform, Instant start, Instant end) {
        String key = id.toString();
        DomainEventConsumer.publish(Topics.SESSIONS, envelope(EventTypes.SESSION_STARTED, key,
                new SessionStarted(id, creator, platform, "Show", start), start));
        int peak = 0;
        for (int i = 1; i <= 3; i++) {
            int viewers = 10 * i + random.nextInt(10);
            peak = Math.max(peak, viewers);
            Instant at = start.plus(Duration.between(start, end).dividedBy(4).multipliedBy(i));
            EventEnvelope update = envelope(EventTypes.SESSION_UPDATED, key, new SessionUpdated(id, creator, "active",
                    platform, "Show", null, Map.of(), 0, 0, viewers, peak, start, null), at);
            DomainEventConsumer.publish(Topics.SESSIONS, update);
            if (i == 2) {
                DomainEventConsumer.publish(Topics.SESSIONS, update);
            }
        }
        DomainEventConsumer.publish(Topics.SESSIONS, envelope(EventTypes.SESSION_ENDED, key, new SessionEnded(id, creator,
                platform, start, end, Duration.between(start, end).toSeconds(), 0, 0, peak), end));
        return id;
    }

    private <P> EventEnvelope envelope(EventType<P> type, String key, P payload, Instant at) {
        return EventJson.envelope(type, creator, key, payload, Clock.fixed(at, ZoneOffset.UTC));
    }

    private JsonNode get(String path) throws Exception {
        Response response = given().header("Authorization", TestTokens.bearer(creator)).get(path);
        assertEquals(200, response.statusCode(), response.asString());
        return JSON.readTree(response.asString());
    }

    /** Every answer of the API over the history, once all {@code tips} counted tips are in. */
    private Map<String, String> awaitFigures(long tips) {
        Awaitility.await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            JsonNode summary = get("/api/analytics/summary?from=2026-04-01&to=2026-04-03").path("current");
            assertEquals(tips, summary.path("tipCount").asLong());
            assertEquals(3, summary.path("sessions").asLong());
            assertEquals(1, get("/api/analytics/sessions/" + sessionIds.get(0)).path("goalsCompleted").size());
            assertEquals("other", get("/api/analytics/sessions/" + sessionIds.get(2)).path("platform").asText());
        });
        Map<String, String> figures = new LinkedHashMap<>();
        List<String> paths = new ArrayList<>(List.of(
                "/api/analytics/summary?from=2026-04-01&to=2026-04-03",
                "/api/analytics/summary?from=2026-04-02&to=2026-04-03&tz=Asia/Kolkata",
                "/api/analytics/summary?from=2026-04-01&to=2026-04-03&tz=America/New_York&platform=stripchat",
                "/api/analytics/top-tippers?from=2026-04-01&to=2026-04-03&limit=100",
                "/api/analytics/top-tippers?from=2026-04-02&to=2026-04-02&tz=Europe/Berlin",
                "/api/analytics/export?from=2026-04-01&to=2026-04-03&type=tips",
                "/api/analytics/export?from=2026-04-01&to=2026-04-03&type=sessions"));
        sessionIds.forEach(id -> paths.add("/api/analytics/sessions/" + id));
        for (String path : paths) {
            Response response = given().header("Authorization", TestTokens.bearer(creator)).get(path);
            assertEquals(200, response.statusCode(), path + ": " + response.asString());
            figures.put(path, response.asString());
        }
        return figures;
    }
}
