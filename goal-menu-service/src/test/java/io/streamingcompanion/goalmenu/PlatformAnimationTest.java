package io.streamingcompanion.goalmenu;

import static io.restassured.RestAssured.given;
import static io.streamingcompanion.goalmenu.TestApi.newCreator;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.Topics;
import io.streamingcompanion.contracts.animation.AnimationTriggered;
import io.streamingcompanion.contracts.session.SessionEnded;
import io.streamingcompanion.contracts.session.SessionStarted;
import io.streamingcompanion.testsupport.DomainEventConsumer;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.streamingcompanion.testsupport.TestTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** {@code POST /internal/animations/platform}: what tip-service's connectors ask for a follow, fan-club join or media purchase. */
@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
class PlatformAnimationTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final String ROUTE = "/internal/animations/platform";

    private static RequestSpecification internal() {
        return given().header("X-Service-Token", EmbeddedInfrastructureResource.SERVICE_TOKEN).contentType(ContentType.JSON);
    }

    private static Map<String, Object> body(String creator, UUID session, String key, String event, String type) {
        Map<String, Object> body = new HashMap<>();
        body.put("creatorId", creator);
        if (session != null) {
            body.put("sessionId", session);
        }
        body.put("idempotencyKey", key);
        body.put("platform", "chaturbate");
        body.put("event", event);
        body.put("username", "viewer1");
        body.put("type", type);
        return body;
    }

    private static Map<String, Object> withUsername(Map<String, Object> body, String username) {
        body.put("username", username);
        return body;
    }

    /** Announces a session as session-service would, and waits until this service has heard of it. */
    private static UUID startSession(String creator) {
        UUID session = UUID.randomUUID();
        Instant now = Instant.now();
        DomainEventConsumer.publish(Topics.SESSIONS, EventJson.envelope(EventTypes.SESSION_STARTED, creator, session.toString(),
                new SessionStarted(session, creator, "chaturbate", "Live", now), Clock.systemUTC()));
        Awaitility.await().atMost(WITHIN).until(() -> internal()
                .body(body(creator, session, "probe-" + UUID.randomUUID(), "follow", "hearts")).post(ROUTE).statusCode() != 503);
        return session;
    }

    @Test
    void aFollowFiresOnceOnTheCreatorsLiveSessionWhateverTheRepeats() {
        String creator = newCreator();
        UUID session = startSession(creator);
        String key = "chaturbate/evt-" + UUID.randomUUID();

        String animationId = internal().body(body(creator, session, key, "follow", "hearts")).post(ROUTE)
                .then().statusCode(202).body("type", equalTo("hearts")).body("trigger", equalTo("platform"))
                .body("sessionId", equalTo(session.toString())).body("metadata.event", equalTo("follow"))
                .body("metadata.username", equalTo("viewer1")).body("metadata.platform", equalTo("chaturbate"))
                .extract().path("animationId");
        // A replayed page, a retry, another replica: the same key fires nothing more.
        for (int i = 0; i < 3; i++) {
            internal().body(body(creator, session, key, "follow", "hearts")).post(ROUTE)
                    .then().statusCode(200).header("Idempotent-Replayed", "true").body("animationId", equalTo(animationId));
        }
        // Without a session named, the creator's live one; a fan-club join is a second, different animation.
        String marker = internal().body(body(creator, null, "chaturbate/evt-" + UUID.randomUUID(), "fanclubJoin", "confetti"))
                .post(ROUTE).then().statusCode(202).body("sessionId", equalTo(session.toString())).extract().path("animationId");

        try (DomainEventConsumer events = new DomainEventConsumer(Topics.ANIMATIONS)) {
            events.await(EventTypes.ANIMATION_TRIGGERED, session.toString(),
                    animation -> animation.animationId().toString().equals(marker), WITHIN);
            List<AnimationTriggered> fired = events.recordsFor(session.toString(), Duration.ZERO).stream()
                    .map(record -> EventJson.read(record.value()))
                    .filter(envelope -> EventTypes.ANIMATION_TRIGGERED.name().equals(envelope.type()))
                    .map(envelope -> EventJson.payload(envelope, EventTypes.ANIMATION_TRIGGERED))
                    .filter(animation -> animation.animationId().toString().equals(animationId)
                            || animation.animationId().toString().equals(marker))
                    .toList();
            assertEquals(2, fired.size(), "the follow once, the fan-club join once: " + fired);
            AnimationTriggered follow = fired.get(0);
            assertEquals(UUID.fromString(animationId), follow.animationId());
            assertEquals("hearts", follow.type());
            assertEquals("platform", follow.trigger());
            assertEquals(creator, follow.creatorId());
            assertNull(follow.tipId());
            assertEquals(Map.of("platform", "chaturbate", "event", "follow", "username", "viewer1"), follow.metadata());
            assertEquals("confetti", fired.get(1).type());
        }
    }

    @Test
    void onlyTheServiceTokenOpensItAndOnlyForTheCreatorsOwnLiveSession() {
        String creator = newCreator();
        UUID session = startSession(creator);
        Map<String, Object> follow = body(creator, session, "chaturbate/" + UUID.randomUUID(), "follow", "hearts");

        given().contentType(ContentType.JSON).body(follow).post(ROUTE).then().statusCode(401)
                .contentType("application/problem+json");
        given().header("X-Service-Token", "not-the-token").contentType(ContentType.JSON).body(follow).post(ROUTE)
                .then().statusCode(401);
        // A creator's own bearer token does not open internal routes either.
        given().header("Authorization", TestTokens.bearer(creator)).contentType(ContentType.JSON).body(follow).post(ROUTE)
                .then().statusCode(401);

        String intruder = newCreator();
        internal().body(body(intruder, session, "chaturbate/" + UUID.randomUUID(), "follow", "hearts")).post(ROUTE)
                .then().statusCode(404).contentType("application/problem+json");
        internal().body(body(creator, UUID.randomUUID(), "chaturbate/" + UUID.randomUUID(), "follow", "hearts")).post(ROUTE)
                .then().statusCode(503).body("type", equalTo("urn:streaming:problem:session-not-known-yet"));
        // The intruder is not live: nothing to show, nothing recorded.
        internal().body(body(intruder, null, "chaturbate/" + UUID.randomUUID(), "follow", "hearts")).post(ROUTE)
                .then().statusCode(204);
        for (Map<String, Object> bad : List.of(
                body(creator, session, "k", "unfollow", "hearts"),
                body(creator, session, "k", "follow", "fireworks"),
                body(creator, session, "", "follow", "hearts"),
                body(creator, session, "x".repeat(256), "follow", "hearts"),
                body("", session, "k", "follow", "hearts"),
                body(creator, session, "k\u0000", "follow", "hearts"),
                withUsername(body(creator, session, "k", "follow", "hearts"), "bad\u0000name"))) {
            internal().body(bad).post(ROUTE).then().statusCode(400).contentType("application/problem+json");
        }

        DomainEventConsumer.publish(Topics.SESSIONS, EventJson.envelope(EventTypes.SESSION_ENDED, creator, session.toString(),
                new SessionEnded(session, creator, "chaturbate", Instant.now(), Instant.now(), 1, 0, 0, 0), Clock.systemUTC()));
        Awaitility.await().atMost(WITHIN).until(() -> internal().body(body(creator, session, "chaturbate/" + UUID.randomUUID(),
                "mediaPurchase", "rain")).post(ROUTE).statusCode() == 409);
        internal().body(body(creator, null, "chaturbate/" + UUID.randomUUID(), "follow", "hearts")).post(ROUTE)
                .then().statusCode(204);

        try (DomainEventConsumer events = new DomainEventConsumer(Topics.ANIMATIONS)) {
            List<AnimationTriggered> fired = events.recordsFor(session.toString(), Duration.ofSeconds(2)).stream()
                    .map(record -> EventJson.read(record.value()))
                    .filter(envelope -> EventTypes.ANIMATION_TRIGGERED.name().equals(envelope.type()))
                    .map(envelope -> EventJson.payload(envelope, EventTypes.ANIMATION_TRIGGERED))
                    .toList();
            assertEquals(0, fired.stream().filter(animation -> intruder.equals(animation.creatorId())).count());
            assertEquals(1, fired.size(), "only the probe (startSession) fired: " + fired);
        }
    }
}
