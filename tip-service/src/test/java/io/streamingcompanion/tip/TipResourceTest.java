package io.streamingcompanion.tip;

import static io.streamingcompanion.tip.TipTestSupport.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.Topics;
import io.streamingcompanion.contracts.menu.MenuUpdated;
import io.streamingcompanion.testsupport.DomainEventConsumer;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
class TipResourceTest {

    private static String newCreator() {
        return "creator-" + UUID.randomUUID();
    }

    @Test
    void recordsATipWithTheSessionTotalsAndPublishesIt() throws Exception {
        String creator = newCreator();
        UUID session = TipTestSupport.liveSession(creator);
        as(creator).body(Map.of("sessionId", session, "amountCents", 500, "tipperName", "bob", "message", "hi!"))
                .post("/api/tips").then().statusCode(201)
                .body("sessionTotals.totalTipsCents", equalTo(500)).body("sessionTotals.tipCount", equalTo(1));
        String id = as(creator).body(Map.of("sessionId", session, "amountCents", 250, "source", "platform_api", "externalId", "cb-1"))
                .post("/api/tips").then().statusCode(201)
                .body("source", equalTo("platform_api"))
                .body("sessionTotals.totalTipsCents", equalTo(750)).body("sessionTotals.tipCount", equalTo(2))
                .extract().path("id");

        try (DomainEventConsumer events = new DomainEventConsumer(Topics.TIPS)) {
            var received = events.await(EventTypes.TIP_RECEIVED, session.toString(),
                    tip -> tip.tipId().toString().equals(id), Duration.ofSeconds(20));
            assertEquals(creator, received.payload().creatorId());
            assertEquals(250, received.payload().amountCents());
            assertEquals("platform_api", received.payload().source());
            assertEquals(750, received.payload().sessionTotals().totalTipsCents());
            assertEquals(2, received.payload().sessionTotals().tipCount());
        }
        as(creator).get("/api/tips?sessionId=" + session).then().statusCode(200)
                .body("total", equalTo(2)).body("items[0].id", equalTo(id)).body("items[1].message", equalTo("hi!"));
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyCountsOnce() throws Exception {
        String creator = newCreator();
        UUID session = TipTestSupport.liveSession(creator);
        Map<String, Object> tip = Map.of("sessionId", session, "amountCents", 1000, "tipperName", "carol");
        String first = as(creator).header("Idempotency-Key", "tip-abc").body(tip).post("/api/tips")
                .then().statusCode(201).extract().path("id");
        as(creator).header("Idempotency-Key", "tip-abc").body(tip).post("/api/tips")
                .then().statusCode(200).header("Idempotent-Replayed", "true").body("id", equalTo(first));
        as(creator).header("Idempotency-Key", "tip-abc").body(Map.of("sessionId", session, "amountCents", 999))
                .post("/api/tips").then().statusCode(409).contentType("application/problem+json");
        assertArrayEquals(new long[] {1000, 1}, TipTestSupport.totals(session));
        assertEquals(1, TipTestSupport.tipRows(session));
    }

    @Test
    void aPlatformTipDeliveredTwiceCountsOnceButTwoEqualTipsAreTwo() throws Exception {
        String creator = newCreator();
        UUID session = TipTestSupport.liveSession(creator);
        Map<String, Object> platformTip = Map.of("sessionId", session, "amountCents", 300, "tipperName", "dan",
                "source", "platform_api", "externalId", "stripchat-778");
        String first = as(creator).body(platformTip).post("/api/tips").then().statusCode(201).extract().path("id");
        as(creator).body(platformTip).post("/api/tips").then().statusCode(200).body("id", equalTo(first));

        Map<String, Object> manual = Map.of("sessionId", session, "amountCents", 300, "tipperName", "dan");
        String a = as(creator).body(manual).post("/api/tips").then().statusCode(201).extract().path("id");
        String b = as(creator).body(manual).post("/api/tips").then().statusCode(201).extract().path("id");
        assertNotEquals(a, b);
        assertArrayEquals(new long[] {900, 3}, TipTestSupport.totals(session));
    }

    @Test
    void testTipsAreRecordedAndPublishedButNeverCounted() throws Exception {
        String creator = newCreator();
        UUID session = TipTestSupport.liveSession(creator);
        as(creator).body(Map.of("sessionId", session, "amountCents", 400)).post("/api/tips").then().statusCode(201);
        String testTip = as(creator).body(Map.of("sessionId", session, "amountCents", 5000, "test", true))
                .post("/api/tips").then().statusCode(201)
                .body("test", equalTo(true))
                .body("sessionTotals.totalTipsCents", equalTo(400)).body("sessionTotals.tipCount", equalTo(1))
                .extract().path("id");
        try (DomainEventConsumer events = new DomainEventConsumer(Topics.TIPS)) {
            var received = events.await(EventTypes.TIP_RECEIVED, session.toString(),
                    tip -> tip.tipId().toString().equals(testTip), Duration.ofSeconds(20));
            assertEquals(true, received.payload().test());
            assertEquals(400, received.payload().sessionTotals().totalTipsCents());
        }
        assertArrayEquals(new long[] {400, 1}, TipTestSupport.totals(session));
    }

    @Test
    void aTipMatchingAnActiveMenuItemIsAnnouncedWithIt() {
        String creator = newCreator();
        UUID session = TipTestSupport.liveSession(creator);
        UUID flash = UUID.randomUUID();
        var menu = new MenuUpdated(creator, List.of(
                new MenuUpdated.Item(flash, "Flash", null, 777, "performance", true, 0),
                new MenuUpdated.Item(UUID.randomUUID(), "Dance", null, 1500, "performance", false, 1)));
        DomainEventConsumer.publish(Topics.MENU, EventJson.envelope(EventTypes.MENU_UPDATED, creator, creator, menu, Clock.systemUTC()));
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                as(creator).body(Map.of("sessionId", session, "amountCents", 777, "test", true)).post("/api/tips")
                        .then().statusCode(201).body("menuItem.title", equalTo("Flash")));
        as(creator).body(Map.of("sessionId", session, "amountCents", 1500)).post("/api/tips")
                .then().statusCode(201).body("menuItem", nullValue());
    }

    @Test
    void endedAndForeignSessionsTakeNoTips() throws Exception {
        String creator = newCreator();
        UUID session = TipTestSupport.liveSession(creator);
        as(newCreator()).body(Map.of("sessionId", session, "amountCents", 100)).post("/api/tips")
                .then().statusCode(404).contentType("application/problem+json");
        TipTestSupport.endSession(session, creator);
        as(creator).body(Map.of("sessionId", session, "amountCents", 100)).post("/api/tips")
                .then().statusCode(409).body("detail", containsString("ended"));
        assertEquals(0, TipTestSupport.tipRows(session));
        as(newCreator()).get("/api/tips?sessionId=" + session).then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void aSessionNotHeardOfYetIsAskedOfSessionServiceAndATipWaitsForTheAnswer() throws Exception {
        String creator = newCreator();
        UUID unannounced = UUID.randomUUID();
        // No session-service runs beside this test: the lookup cannot be answered, so the tip is refused
        // as retryable (503), never guessed into a session nobody vouched for.
        as(creator).header("Idempotency-Key", "early-tip").body(Map.of("sessionId", unannounced, "amountCents", 100))
                .post("/api/tips").then().statusCode(503).contentType("application/problem+json")
                .body("detail", containsString("retry"));
        assertEquals(null, TipTestSupport.sessionState(unannounced));
        as(creator).get("/api/tips?sessionId=" + unannounced).then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void badInputIsAProblemAndRecordsNothing() throws Exception {
        String creator = newCreator();
        UUID session = TipTestSupport.liveSession(creator);
        as(creator).body(Map.of("sessionId", session, "amountCents", 0)).post("/api/tips").then().statusCode(400)
                .body("errors[0].field", equalTo("amountCents"));
        as(creator).body(Map.of("sessionId", session, "amountCents", -5)).post("/api/tips").then().statusCode(400);
        as(creator).body(Map.of("sessionId", session, "amountCents", 10_000_001)).post("/api/tips").then().statusCode(400);
        as(creator).body(Map.of("sessionId", session, "amountCents", 1.5)).post("/api/tips").then().statusCode(400);
        as(creator).body(Map.of("sessionId", session, "amountCents", 100, "message", "x".repeat(501))).post("/api/tips")
                .then().statusCode(400).body("errors[0].field", equalTo("message"));
        as(creator).body(Map.of("sessionId", session, "amountCents", 100, "source", "paypal")).post("/api/tips")
                .then().statusCode(400);
        as(creator).body(Map.of("amountCents", 100)).post("/api/tips").then().statusCode(400)
                .body("errors[0].field", equalTo("sessionId"));
        as(creator).body(Map.of("sessionId", "nope", "amountCents", 100)).post("/api/tips").then().statusCode(400);
        as(creator).header("Idempotency-Key", "k".repeat(201)).body(Map.of("sessionId", session, "amountCents", 100))
                .post("/api/tips").then().statusCode(400);
        as(creator).get("/api/tips?size=0").then().statusCode(400);
        assertEquals(0, TipTestSupport.tipRows(session));
        as(creator).get("/api/tips?sessionId=" + session).then().statusCode(200).body("total", equalTo(0))
                .body("page", notNullValue());
    }
}
