package io.streamingcompanion.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.streamingcompanion.contracts.EventEnvelope;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.Topics;
import io.streamingcompanion.contracts.session.SessionUpdated;
import io.streamingcompanion.contracts.stream.StreamLiveChanged;
import io.streamingcompanion.contracts.stream.ViewersUpdated;
import io.streamingcompanion.contracts.tip.TipReceived;
import io.streamingcompanion.testsupport.DomainEventConsumer;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.streamingcompanion.testsupport.TestTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
class SessionActivityTest {

    private static RequestSpecification as(String creatorId) {
        return given().header("Authorization", TestTokens.bearer(creatorId)).contentType(ContentType.JSON);
    }

    private static EventEnvelope tipEvent(String creator, String sessionId, long amount, boolean test) {
        var tip = new TipReceived(UUID.randomUUID(), UUID.fromString(sessionId), creator, amount, "fan", null, "manual",
                null, test, Instant.now(), new TipReceived.SessionTotals(0, 0), null);
        return EventJson.envelope(EventTypes.TIP_RECEIVED, creator, sessionId, tip, Clock.systemUTC());
    }

    @Test
    void tipEventsAddUpExactlyOnceEachAndSkipTestTips() {
        String creator = "creator-" + UUID.randomUUID();
        String id = as(creator).body(Map.of("platform", "other")).post("/api/sessions").then().statusCode(201).extract().path("id");
        long expected = 0;
        EventEnvelope first = null;
        for (int i = 1; i <= 200; i++) {
            EventEnvelope event = tipEvent(creator, id, i * 3L, false);
            first = first == null ? event : first;
            expected += i * 3L;
            DomainEventConsumer.publish(Topics.TIPS, event);
        }
        DomainEventConsumer.publish(Topics.TIPS, first);
        DomainEventConsumer.publish(Topics.TIPS, tipEvent(creator, id, 99_999, true));
        long total = expected;
        Awaitility.await().atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                as(creator).get("/api/sessions/" + id).then().statusCode(200)
                        .body("tipCount", equalTo(200)).body("totalTipsCents", equalTo((int) total)));
        // Nothing more arrives later: the redelivered and the test tip stay uncounted.
        Awaitility.await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        as(creator).get("/api/sessions/" + id).then().body("tipCount", equalTo(200));
        try (DomainEventConsumer events = new DomainEventConsumer(Topics.SESSIONS)) {
            var updated = events.await(EventTypes.SESSION_UPDATED, id, payload -> payload.tipCount() == 200, Duration.ofSeconds(20));
            assertEquals(total, updated.payload().totalTipsCents());
        }
    }

    @Test
    void aBurstOfTipsIsAnnouncedAsFewerSnapshotsTheLastOneCompleteAndBeforeTheEnd() {
        String creator = "creator-" + UUID.randomUUID();
        String id = as(creator).body(Map.of("platform", "other")).post("/api/sessions").then().statusCode(201).extract().path("id");
        int tips = 60;
        for (int i = 1; i <= tips; i++) {
            DomainEventConsumer.publish(Topics.TIPS, tipEvent(creator, id, 100, false));
        }
        Awaitility.await().atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                as(creator).get("/api/sessions/" + id).then().statusCode(200).body("tipCount", equalTo(tips)));
        // At once, while the newest snapshot is still held: the end must release it and go out after it.
        as(creator).post("/api/sessions/" + id + "/end").then().statusCode(200);
        try (DomainEventConsumer events = new DomainEventConsumer(Topics.SESSIONS)) {
            events.await(EventTypes.SESSION_ENDED, id, Duration.ofSeconds(20));
            List<EventEnvelope> inOrder = events.recordsFor(id, Duration.ofSeconds(2)).stream()
                    .map(record -> EventJson.read(record.value())).toList();
            List<EventEnvelope> updates = inOrder.stream().filter(event -> event.type().equals(EventTypes.SESSION_UPDATED.name())).toList();
            assertTrue(updates.size() < tips / 2, "a snapshot per hold, not per tip: " + updates.size() + " for " + tips + " tips");
            assertEquals(EventTypes.SESSION_ENDED.name(), inOrder.get(inOrder.size() - 1).type(), "the end comes last");
            SessionUpdated last = EventJson.payload(updates.get(updates.size() - 1), EventTypes.SESSION_UPDATED);
            assertEquals(tips, last.tipCount(), "the last snapshot before the end has every tip");
            assertEquals(tips * 100L, last.totalTipsCents());
        }
    }

    @Test
    void viewerReportsKeepThePeak() {
        String creator = "creator-" + UUID.randomUUID();
        String id = as(creator).body(Map.of("platform", "other")).post("/api/sessions").then().statusCode(201).extract().path("id");
        as(creator).body(Map.of("viewerCount", 10)).post("/api/sessions/" + id + "/viewers").then().statusCode(200)
                .body("currentViewers", equalTo(10)).body("peakViewers", equalTo(10));
        as(creator).body(Map.of("viewerCount", 25)).post("/api/sessions/" + id + "/viewers").then().statusCode(200);
        as(creator).body(Map.of("viewerCount", 5)).post("/api/sessions/" + id + "/viewers").then().statusCode(200)
                .body("currentViewers", equalTo(5)).body("peakViewers", equalTo(25));
        as(creator).body(Map.of("viewerCount", -1)).post("/api/sessions/" + id + "/viewers").then().statusCode(400);
        as("creator-" + UUID.randomUUID()).body(Map.of("viewerCount", 1)).post("/api/sessions/" + id + "/viewers")
                .then().statusCode(404);
        as(creator).post("/api/sessions/" + id + "/end").then().statusCode(200);
        as(creator).body(Map.of("viewerCount", 3)).post("/api/sessions/" + id + "/viewers").then().statusCode(409);
        as(creator).get("/api/sessions/" + id).then().body("peakViewers", equalTo(25)).body("currentViewers", equalTo(0));
    }

    @Test
    void aLiveKitStreamStartsAndEndsALivekitSessionAndDrivesViewers() {
        String creator = "creator-" + UUID.randomUUID();
        EventEnvelope live = EventJson.envelope(EventTypes.STREAM_LIVE_CHANGED, creator, creator,
                new StreamLiveChanged(creator, true, "WEBRTC", "browser", "Camera stream", Instant.now()), Clock.systemUTC());
        DomainEventConsumer.publish(Topics.STREAMS, live);
        DomainEventConsumer.publish(Topics.STREAMS, live);
        String id = Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            var response = as(creator).get("/api/sessions/active");
            return response.statusCode() == 200 ? response.jsonPath().getString("id") : null;
        }, found -> found != null);
        as(creator).get("/api/sessions/" + id).then().body("platform", equalTo("livekit")).body("title", equalTo("Camera stream"));

        DomainEventConsumer.publish(Topics.STREAMS, EventJson.envelope(EventTypes.VIEWERS_UPDATED, creator, creator,
                new ViewersUpdated(creator, 7, Instant.now()), Clock.systemUTC()));
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                as(creator).get("/api/sessions/" + id).then().body("currentViewers", equalTo(7)).body("peakViewers", equalTo(7)));

        DomainEventConsumer.publish(Topics.STREAMS, EventJson.envelope(EventTypes.STREAM_LIVE_CHANGED, creator, creator,
                new StreamLiveChanged(creator, false, "WEBRTC", "browser", null, Instant.now()), Clock.systemUTC()));
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                as(creator).get("/api/sessions/" + id).then().body("status", equalTo("ended")));
        as(creator).get("/api/sessions").then().body("total", equalTo(1)).body("items[0].platform", equalTo("livekit"));
    }
}
