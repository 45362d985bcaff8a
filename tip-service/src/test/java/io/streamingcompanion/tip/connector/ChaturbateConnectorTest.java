package io.streamingcompanion.tip.connector;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.Topics;
import io.streamingcompanion.contracts.tip.TipReceived;
import io.streamingcompanion.testsupport.DomainEventConsumer;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.streamingcompanion.testsupport.SharedInfrastructure;
import io.streamingcompanion.testsupport.TestTokens;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Chaturbate connector against a fake Events API (and fakes of session-service's and chatbot-tts-service's
 * internal routes) on real PostgreSQL and Kafka.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
@WithTestResource(FakePlatform.class)
class ChaturbateConnectorTest {

    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final List<String> LOGGED = new CopyOnWriteArrayList<>();
    private static final Set<String> TOKENS = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    text.append(' ').append(parameter);
                }
            }
            for (Throwable thrown = record.getThrown(); thrown != null; thrown = thrown.getCause()) {
                text.append(' ').append(thrown);
            }
            LOGGED.add(text.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Inject
    ConnectorRuntime runtime;

    @BeforeAll
    static void captureLogs() {
        Logger.getLogger("").addHandler(CAPTURE);
    }

    @AfterAll
    static void theTokenNeverAppearsInTheLogs() {
        Logger.getLogger("").removeHandler(CAPTURE);
        assertFalse(LOGGED.isEmpty(), "the capture saw nothing: it would not see a leak either");
        for (String token : TOKENS) {
            for (String line : LOGGED) {
                assertFalse(line.contains(token), "a feed token was logged: " + line.replace(token, "<TOKEN>"));
            }
        }
    }

    private static RequestSpecification as(String creatorId) {
        return given().header("Authorization", TestTokens.bearer(creatorId)).contentType(ContentType.JSON);
    }

    private static FakePlatform.Feed feed() {
        FakePlatform.Feed feed = FakePlatform.feed("room" + UUID.randomUUID().toString().substring(0, 8));
        TOKENS.add(feed.token);
        return feed;
    }

    @Test
    void tipsArriveExactlyOnceThroughRepeatsFailuresAndAKilledPoller() throws Exception {
        String creator = "creator-" + UUID.randomUUID();
        FakePlatform.Feed feed = feed();
        feed.broadcast("broadcastStart");
        feed.user("userEnter", "dave");
        feed.user("userEnter", "erin");
        long expectedCents = 0;
        Set<String> tipIds = new HashSet<>();
        for (int i = 1; i <= 10; i++) {
            tipIds.add(feed.tip(i % 3 == 0 ? "hidden" : "dave", i * 5, i % 3 == 0, "tip " + i));
            expectedCents += i * 500L;
        }
        feed.chat("erin", "!hello bot");
        feed.user("userLeave", "dave");
        feed.add("someFutureMethod", FakePlatform.JSON.createObjectNode());

        as(creator).body(Map.of("eventsUrl", feed.url())).put("/api/connectors/chaturbate").then().log().ifValidationFails().statusCode(200)
                .body("status", equalTo("connected")).body("account", equalTo(feed.username))
                .body("maskedUrl", equalTo(FakePlatform.base() + "/events/" + feed.username + "/****/"))
                .body(not(containsString(feed.token)));
        // The platform then limits, fails and recovers: the poller backs off (Retry-After honoured) and goes on.
        feed.scriptedStatuses.add(429);
        feed.scriptedStatuses.add(500);
        feed.scriptedStatuses.add(503);

        Awaitility.await().atMost(WITHIN).until(() -> tipCount(creator) == 10);
        UUID session = FakePlatform.ACTIVE.get(creator);
        assertEquals(10, tipCount(creator));
        assertEquals(expectedCents, tipSum(creator));

        // Kill this replica's pollers mid-feed, without giving the lease back (as a crash would); a transport
        // failure (a request that never answers) on the way. Two other "replicas" compete for the feed.
        runtime.group().stop(false);
        FakePlatform.stallNextMillis = 4_000;
        for (int i = 11; i <= 20; i++) {
            tipIds.add(feed.tip("frank", i, false, null));
            expectedCents += i * 100L;
        }
        PollerGroup second = runtime.newGroup("replica-b");
        PollerGroup third = runtime.newGroup("replica-c");
        second.start();
        third.start();
        try {
            Awaitility.await().atMost(WITHIN).until(() -> tipCount(creator) == 20);
            assertEquals(1, second.polling() + third.polling(), "exactly one replica polls the feed");
            feed.broadcast("broadcastStop");
            Awaitility.await().atMost(WITHIN).until(() -> !FakePlatform.calls("/internal/sessions/end-active", creator).isEmpty());
            // A while longer with three lease holders about: still never two requests at once.
            Awaitility.await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(5)).until(() -> feed.maxInFlight.get() == 1);
        } finally {
            second.stop(true);
            third.stop(true);
            runtime.group().start();
        }

        assertEquals(20, tipCount(creator));
        assertEquals(expectedCents, tipSum(creator));
        assertEquals(1, feed.maxInFlight.get(), "two pollers asked the feed at the same time");
        assertTrue(feed.timeouts.contains("1"), "the longpoll timeout is asked for: " + feed.timeouts);
        long[] totals = sessionTotals(session);
        assertEquals(expectedCents, totals[0]);
        assertEquals(20, totals[1]);
        Object[] anonymous = row("SELECT count(*) FROM tip_service.tip WHERE creator_id = ? AND tipper_name IS NULL", creator);
        assertEquals(3L, ((Number) anonymous[0]).longValue(), "anonymous tippers stay anonymous");

        // Every tip reached Kafka once, with its platform event id as externalId.
        try (DomainEventConsumer events = new DomainEventConsumer(Topics.TIPS)) {
            List<String> published = new ArrayList<>();
            for (var record : events.recordsFor(session.toString(), Duration.ofSeconds(4))) {
                TipReceived tip = EventJson.payload(EventJson.read(record.value()), EventTypes.TIP_RECEIVED);
                assertEquals("platform_api", tip.source());
                published.add(tip.externalId());
            }
            assertEquals(20, published.size(), "tip events: " + published);
            assertEquals(tipIds, new HashSet<>(published));
        }

        // The session opened once, chat reached the personas, viewers were counted, the stop ended the session.
        assertEquals(1, FakePlatform.calls("/internal/sessions/ensure-active", creator).stream()
                .map(call -> call.body().path("platform").asText()).distinct().count());
        var chat = FakePlatform.calls("/internal/chatbot/messages", creator);
        assertTrue(chat.stream().anyMatch(call -> call.body().path("message").asText().equals("!hello bot")
                && call.body().path("senderName").asText().equals("erin")
                && call.body().path("sessionId").asText().equals(session.toString())), "chat: " + chat);
        assertTrue(FakePlatform.calls("/internal/sessions/viewers", creator).stream()
                .anyMatch(call -> call.body().path("viewerCount").asInt() == 2));
        assertEquals(null, FakePlatform.ACTIVE.get(creator));

        // At rest the URL and position are sealed: the token is nowhere in the row.
        Object[] stored = row("SELECT events_url, next_url FROM tip_service.platform_connection WHERE creator_id = ?", creator);
        assertTrue(String.valueOf(stored[0]).startsWith("v1:") && String.valueOf(stored[1]).startsWith("v1:"));
        assertFalse(String.valueOf(stored[0]).contains(feed.token) || String.valueOf(stored[1]).contains(feed.token));
        as(creator).get("/api/connectors/chaturbate").then().statusCode(200).body("status", equalTo("connected"))
                .body("lastEventAt", org.hamcrest.Matchers.notNullValue()).body(not(containsString(feed.token)));
    }

    @Test
    void followsFanClubJoinsAndMediaPurchasesFireTheChosenAnimationOnce() throws Exception {
        String creator = "creator-" + UUID.randomUUID();
        FakePlatform.Feed feed = feed();
        as(creator).body(Map.of("eventsUrl", feed.url())).put("/api/connectors/chaturbate").then().log().ifValidationFails().statusCode(200)
                .body("animations.follow", equalTo("hearts")).body("animations.fanclubJoin", equalTo("confetti"))
                .body("animations.mediaPurchase", equalTo("rain"));
        // The creator plays confetti for follows and nothing for fan-club joins; media purchases keep rain.
        as(creator).body(Map.of("follow", "confetti", "fanclubJoin", "off")).put("/api/connectors/chaturbate/animations")
                .then().log().ifValidationFails().statusCode(200).body("status", equalTo("connected"))
                .body("animations.follow", equalTo("confetti")).body("animations.fanclubJoin", equalTo("off"))
                .body("animations.mediaPurchase", equalTo("rain"));
        as(creator).body(Map.of("follow", "fireworks")).put("/api/connectors/chaturbate/animations").then().statusCode(400)
                .contentType("application/problem+json");
        as("creator-" + UUID.randomUUID()).body(Map.of("follow", "rain")).put("/api/connectors/chaturbate/animations")
                .then().statusCode(404);
        as(creator).get("/api/connectors/chaturbate").then().body("animations.follow", equalTo("confetti"));

        // Paused while the room fills, so the poller takes these events in full pages: the feed then repeats the
        // media purchase at the start of the next page.
        as(creator).post("/api/connectors/chaturbate/pause").then().statusCode(200);
        // The longpoll in flight when it was paused has ended, and no other followed.
        Awaitility.await().during(Duration.ofMillis(1_200)).atMost(WITHIN).until(() -> feed.inFlight.get() == 0);
        feed.broadcast("broadcastStart");
        String follow = feed.highlight("follow", "ann");
        String join = feed.highlight("fanclubJoin", "bob");
        String purchase = feed.highlight("mediaPurchase", "cat");
        String secondFollow = feed.highlight("follow", "dan");
        feed.tip("ann", 5, false, null);
        // goal-menu-service has not heard of the new session yet when the first animation is asked for.
        FakePlatform.ANIMATION_NOT_READY.set(1);
        as(creator).post("/api/connectors/chaturbate/resume").then().statusCode(200);

        Awaitility.await().atMost(WITHIN).until(() -> tipCount(creator) == 1 && fired("chaturbate/" + secondFollow) == 1);
        // Pages that repeat an event keep coming for a while: each animation stays fired once.
        Awaitility.await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(5))
                .until(() -> fired("chaturbate/" + follow) <= 1 && fired("chaturbate/" + purchase) <= 1 && fired("chaturbate/" + secondFollow) == 1);
        assertTrue(feed.served.get(purchase).get() >= 2, "the feed repeated the media purchase");
        UUID session = FakePlatform.ACTIVE.get(creator);
        for (String id : List.of(follow, purchase, secondFollow)) {
            assertEquals(1, fired("chaturbate/" + id), "fired once: " + id);
        }
        assertEquals(0, animationCalls(creator, join).size(), "fan-club joins are off");
        assertEquals(1, animationCalls(creator, purchase).size(), "the repeated page asked again");
        assertEquals(2, animationCalls(creator, follow).size(), "asked again after the 503");
        var first = animationCalls(creator, follow).get(1).body();
        assertEquals("confetti", first.path("type").asText());
        assertEquals("follow", first.path("event").asText());
        assertEquals("ann", first.path("username").asText());
        assertEquals("chaturbate", first.path("platform").asText());
        assertEquals(session.toString(), first.path("sessionId").asText());
        assertEquals("rain", animationCalls(creator, purchase).get(0).body().path("type").asText());
        as(creator).delete("/api/connectors/chaturbate").then().statusCode(204);
    }

    private static long fired(String key) {
        var count = FakePlatform.FIRED.get(key);
        return count == null ? 0 : count.get();
    }

    private static List<FakePlatform.Call> animationCalls(String creator, String eventId) {
        return FakePlatform.calls("/internal/animations/platform", creator).stream()
                .filter(call -> call.body().path("idempotencyKey").asText().equals("chaturbate/" + eventId)).toList();
    }

    @Test
    void aRevokedTokenPausesTheConnectionAndTellsTheCreator() throws Exception {
        String creator = "creator-" + UUID.randomUUID();
        FakePlatform.Feed feed = feed();
        feed.tip("gus", 10, false, null);
        try (DomainEventConsumer events = new DomainEventConsumer(Topics.CONNECTORS)) {
            as(creator).body(Map.of("eventsUrl", feed.url())).put("/api/connectors/chaturbate").then().log().ifValidationFails().statusCode(200);
            Awaitility.await().atMost(WITHIN).until(() -> tipCount(creator) == 1);
            feed.revoked = true;
            feed.tip("gus", 20, false, null);
            Awaitility.await().atMost(WITHIN).until(() -> "revoked".equals(as(creator).get("/api/connectors/chaturbate").path("status")));
            var revoked = events.await(EventTypes.CONNECTOR_STATUS_CHANGED, creator,
                    change -> change.status().equals("revoked"), WITHIN);
            assertEquals("chaturbate", revoked.payload().platform());
            assertFalse(revoked.payload().reason().contains(feed.token));
            int requests = feed.requests.get();
            Awaitility.await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(5)).until(() -> feed.requests.get() == requests);
            assertEquals(requests, feed.requests.get(), "a revoked feed is not asked again");

            // The creator renews the token on Chaturbate and resumes: the missed tip comes in.
            feed.revoked = false;
            as(creator).post("/api/connectors/chaturbate/resume").then().statusCode(200).body("status", equalTo("connected"));
            Awaitility.await().atMost(WITHIN).until(() -> tipCount(creator) == 2);
            as(creator).post("/api/connectors/chaturbate/pause").then().statusCode(200).body("status", equalTo("paused"));
            events.await(EventTypes.CONNECTOR_STATUS_CHANGED, creator, change -> change.status().equals("paused"), WITHIN);
            as(creator).delete("/api/connectors/chaturbate").then().statusCode(204);
            as(creator).get("/api/connectors/chaturbate").then().statusCode(404);
        }
        assertEquals(3000, tipSum(creator));
    }

    @Test
    void onlyTheEventsApiHostIsEverFetchedAndBadUrlsAreRefused() {
        String creator = "creator-" + UUID.randomUUID();
        FakePlatform.Feed feed = feed();
        String path = "/events/" + feed.username + "/" + feed.token + "/";
        for (String url : List.of("https://evil.example.com" + path, "http://169.254.169.254" + path,
                "http://127.0.0.2:" + FakePlatform.base().replaceAll(".*:", "") + path,
                FakePlatform.base().replace("127.0.0.1", "user:pw@127.0.0.1") + path,
                "ftp://127.0.0.1" + path, FakePlatform.base() + "/internal/sessions/ensure-active",
                FakePlatform.base() + "/events/" + feed.username + "/", "not a url")) {
            as(creator).body(Map.of("eventsUrl", url)).put("/api/connectors/chaturbate").then().log().ifValidationFails().statusCode(400)
                    .contentType("application/problem+json").body("detail", not(containsString(feed.token)));
        }
        as(creator).body(Map.of()).put("/api/connectors/chaturbate").then().log().ifValidationFails().statusCode(400);
        as(creator).body(Map.of("eventsUrl", feed.url())).put("/api/connectors/stripchat").then().statusCode(404);
        feed.revoked = true;
        as(creator).body(Map.of("eventsUrl", feed.url())).put("/api/connectors/chaturbate").then().log().ifValidationFails().statusCode(400)
                .body("type", equalTo("urn:streaming:problem:connector-url-refused"));
        as(creator).get("/api/connectors/chaturbate").then().statusCode(404);
        assertEquals(0, feed.requests.get() - 1, "only the one check request reached the feed");

        // One Chaturbate account belongs to one creator.
        feed.revoked = false;
        as(creator).body(Map.of("eventsUrl", feed.url())).put("/api/connectors/chaturbate").then().log().ifValidationFails().statusCode(200);
        as("creator-" + UUID.randomUUID()).body(Map.of("eventsUrl", feed.url())).put("/api/connectors/chaturbate")
                .then().statusCode(409);
        as(creator).delete("/api/connectors/chaturbate").then().statusCode(204);
    }

    private static long tipCount(String creator) throws Exception {
        return ((Number) row("SELECT count(*) FROM tip_service.tip WHERE creator_id = ?", creator)[0]).longValue();
    }

    private static long tipSum(String creator) throws Exception {
        return ((Number) row("SELECT coalesce(sum(amount_cents), 0) FROM tip_service.tip WHERE creator_id = ?", creator)[0]).longValue();
    }

    private static long[] sessionTotals(UUID session) throws Exception {
        Object[] found = row("SELECT total_tips_cents, tip_count FROM tip_service.tip_session WHERE session_id = ?", session);
        return new long[] {((Number) found[0]).longValue(), ((Number) found[1]).longValue()};
    }

    private static Object[] row(String sql, Object parameter) throws Exception {
        var endpoints = SharedInfrastructure.endpoints();
        try (Connection connection = DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.dbUser(), endpoints.dbPassword());
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                Object[] values = new Object[rows.getMetaData().getColumnCount()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = rows.getObject(i + 1);
                }
                return values;
            }
        }
    }
}
