package io.streamingcompanion.goalmenu;

import static io.restassured.RestAssured.given;
import static io.streamingcompanion.goalmenu.TestApi.as;
import static io.streamingcompanion.goalmenu.TestApi.newCreator;
import static io.streamingcompanion.goalmenu.TestApi.tip;
import static io.streamingcompanion.goalmenu.TestApi.tipEnvelope;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.streamingcompanion.contracts.EventEnvelope;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.Topics;
import io.streamingcompanion.contracts.animation.AnimationTriggered;
import io.streamingcompanion.contracts.tip.TipReceived;
import io.streamingcompanion.testsupport.DomainEventConsumer;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
class AnimationTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    private static String createRule(String creator, Map<String, Object> body) {
        return as(creator).body(body).post("/api/animations/rules").then().statusCode(201).extract().path("id");
    }

    @Test
    void rulesAreCreatedListedUpdatedAndDeleted() {
        String creator = newCreator();
        String big = as(creator).body(Map.of("thresholdCents", 5000, "type", "confetti", "metadata", Map.of("color", "gold")))
                .post("/api/animations/rules")
                .then().statusCode(201)
                .header("Location", containsString("/api/animations/rules/"))
                .body("thresholdCents", equalTo(5000))
                .body("type", equalTo("confetti"))
                .body("metadata.color", equalTo("gold"))
                .body("active", equalTo(true))
                .body("createdAt", notNullValue())
                .extract().path("id");
        String small = createRule(creator, Map.of("thresholdCents", 100, "type", "hearts"));
        as(creator).get("/api/animations/rules").then().statusCode(200)
                .body("id", equalTo(List.of(small, big)))
                .body("[0].metadata.size()", equalTo(0));
        as(creator).body(Map.of("type", "rain", "active", false)).patch("/api/animations/rules/" + big)
                .then().statusCode(200).body("type", equalTo("rain")).body("active", equalTo(false))
                .body("metadata.color", equalTo("gold")).body("thresholdCents", equalTo(5000));
        as(creator).delete("/api/animations/rules/" + small).then().statusCode(204);
        as(creator).get("/api/animations/rules/" + small).then().statusCode(404);
        as(creator).get("/api/animations/rules").then().body("id", equalTo(List.of(big)));
    }

    @Test
    void aTipFiresTheActiveRuleWithTheHighestThresholdItReaches() {
        String creator = newCreator();
        UUID session = UUID.randomUUID();
        createRule(creator, Map.of("thresholdCents", 500, "type", "hearts"));
        createRule(creator, Map.of("thresholdCents", 1000, "type", "confetti", "metadata", Map.of("color", "pink")));
        createRule(creator, Map.of("thresholdCents", 5000, "type", "rain", "active", false));

        TipReceived below = tip(creator, session, 499, false);
        TipReceived hearts = tip(creator, session, 700, false);
        TipReceived confetti = tip(creator, session, 6000, false);
        TipReceived testTip = tip(creator, session, 1000, true);
        for (TipReceived tip : List.of(below, hearts, confetti, testTip)) {
            DomainEventConsumer.publish(Topics.TIPS, tipEnvelope(tip));
        }

        try (DomainEventConsumer events = new DomainEventConsumer(Topics.ANIMATIONS)) {
            var last = events.await(EventTypes.ANIMATION_TRIGGERED, session.toString(),
                    animation -> testTip.tipId().equals(animation.tipId()), WITHIN);
            assertEquals("confetti", last.payload().type());
            List<AnimationTriggered> fired = animations(events, session);
            assertEquals(List.of(hearts.tipId(), confetti.tipId(), testTip.tipId()),
                    fired.stream().map(AnimationTriggered::tipId).toList(), "nothing for the tip below every threshold");
            assertEquals(List.of("hearts", "confetti", "confetti"), fired.stream().map(AnimationTriggered::type).toList());
            AnimationTriggered second = fired.get(1);
            assertEquals("tip", second.trigger());
            assertEquals(session, second.sessionId());
            assertEquals(creator, second.creatorId());
            assertEquals(Map.of("color", "pink"), second.metadata());
            assertEquals(creator, last.envelope().creatorId());
        }
    }

    @Test
    void aRedeliveredTipFiresItsAnimationOnce() {
        String creator = newCreator();
        UUID session = UUID.randomUUID();
        createRule(creator, Map.of("thresholdCents", 100, "type", "hearts"));
        TipReceived tip = tip(creator, session, 300, false);
        EventEnvelope envelope = tipEnvelope(tip);
        DomainEventConsumer.publish(Topics.TIPS, envelope);
        DomainEventConsumer.publish(Topics.TIPS, envelope);
        TipReceived marker = tip(creator, session, 200, false);
        DomainEventConsumer.publish(Topics.TIPS, tipEnvelope(marker));

        try (DomainEventConsumer events = new DomainEventConsumer(Topics.ANIMATIONS)) {
            events.await(EventTypes.ANIMATION_TRIGGERED, session.toString(),
                    animation -> marker.tipId().equals(animation.tipId()), WITHIN);
            assertEquals(List.of(tip.tipId(), marker.tipId()),
                    animations(events, session).stream().map(AnimationTriggered::tipId).toList());
        }
    }

    @Test
    void theCreatorTriggersAnAnimationByHand() {
        String creator = newCreator();
        UUID session = UUID.randomUUID();
        String animationId = as(creator)
                .body(Map.of("sessionId", session, "type", "rain", "metadata", Map.of("emoji", "🌧", "seconds", 3)))
                .post("/api/animations/trigger")
                .then().statusCode(202)
                .body("type", equalTo("rain"))
                .body("trigger", equalTo("manual"))
                .body("sessionId", equalTo(session.toString()))
                .body("metadata.seconds", equalTo(3))
                .extract().path("animationId");
        try (DomainEventConsumer events = new DomainEventConsumer(Topics.ANIMATIONS)) {
            AnimationTriggered fired = events.await(EventTypes.ANIMATION_TRIGGERED, session.toString(), WITHIN).payload();
            assertEquals(UUID.fromString(animationId), fired.animationId());
            assertEquals("rain", fired.type());
            assertEquals("manual", fired.trigger());
            assertNull(fired.tipId());
            assertEquals(creator, fired.creatorId());
            assertEquals("🌧", fired.metadata().get("emoji"));
        }
        given().contentType(ContentType.JSON).body(Map.of("sessionId", session, "type", "rain"))
                .post("/api/animations/trigger").then().statusCode(401);
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        String creator = newCreator();
        UUID session = UUID.randomUUID();
        as(creator).body(Map.of("sessionId", session, "type", "fireworks")).post("/api/animations/trigger")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("type"))
                .body("detail", containsString("confetti|hearts|rain|custom"));
        as(creator).body(Map.of("type", "hearts")).post("/api/animations/trigger").then().statusCode(400)
                .body("errors[0].field", equalTo("sessionId"));
        as(creator).body(Map.of("sessionId", "nope", "type", "hearts")).post("/api/animations/trigger")
                .then().statusCode(400).contentType("application/problem+json");
        as(creator).body(Map.of("sessionId", session, "type", "hearts", "metadata", Map.of("blob", "x".repeat(5000))))
                .post("/api/animations/trigger").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("metadata"));
        as(creator).body(Map.of("sessionId", session, "type", "hearts", "metadata", List.of(1, 2)))
                .post("/api/animations/trigger").then().statusCode(400).contentType("application/problem+json");

        for (Object bad : List.of(0, -1, 100_000_001L)) {
            as(creator).body(Map.of("thresholdCents", bad, "type", "hearts")).post("/api/animations/rules")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("thresholdCents"));
        }
        as(creator).body(Map.of("thresholdCents", 100, "type", "sparkles")).post("/api/animations/rules")
                .then().statusCode(400).body("errors[0].field", equalTo("type"));
        as(creator).body(Map.of("thresholdCents", 100, "type", "hearts", "metadata", Map.of("blob", "x".repeat(5000))))
                .post("/api/animations/rules").then().statusCode(400).body("detail", containsString("4096"));
        as(creator).body(Map.of("type", "hearts")).post("/api/animations/rules").then().statusCode(400);
        as(creator).get("/api/animations/rules").then().statusCode(200).body("$", hasSize(0));

        String rule = createRule(creator, Map.of("thresholdCents", 100, "type", "hearts"));
        as(creator).body(Map.of("thresholdCents", 100, "type", "rain")).post("/api/animations/rules")
                .then().statusCode(409).contentType("application/problem+json");
        as(creator).body(Map.of("type", "unknown")).patch("/api/animations/rules/" + rule).then().statusCode(400);
        String parked = createRule(creator, Map.of("thresholdCents", 200, "type", "rain"));
        as(creator).body(Map.of("thresholdCents", 100)).patch("/api/animations/rules/" + parked).then().statusCode(409);
        as(creator).body(Map.of("thresholdCents", 100, "active", false)).patch("/api/animations/rules/" + parked)
                .then().statusCode(200).body("active", equalTo(false));
        as(creator).body(Map.of("active", true)).patch("/api/animations/rules/" + parked).then().statusCode(409);
        String intruder = newCreator();
        as(intruder).get("/api/animations/rules/" + rule).then().statusCode(404).contentType("application/problem+json");
        as(intruder).body(Map.of("type", "rain")).patch("/api/animations/rules/" + rule).then().statusCode(404);
        as(intruder).delete("/api/animations/rules/" + rule).then().statusCode(404);
        as(intruder).get("/api/animations/rules").then().body("$", hasSize(0));
        as(creator).get("/api/animations/rules/" + rule).then().statusCode(200).body("type", equalTo("hearts"));
        as(creator).get("/api/animations/rules/" + parked).then().body("thresholdCents", equalTo(100))
                .body("active", equalTo(false));
    }

    private static List<AnimationTriggered> animations(DomainEventConsumer events, UUID session) {
        return events.recordsFor(session.toString(), Duration.ZERO).stream()
                .map(record -> EventJson.read(record.value()))
                .filter(envelope -> EventTypes.ANIMATION_TRIGGERED.name().equals(envelope.type()))
                .map(envelope -> EventJson.payload(envelope, EventTypes.ANIMATION_TRIGGERED))
                .toList();
    }
}
