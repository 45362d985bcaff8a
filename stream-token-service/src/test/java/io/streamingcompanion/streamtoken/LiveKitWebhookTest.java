package io.streamingcompanion.streamtoken;

import static io.restassured.RestAssured.given;
import static io.streamingcompanion.streamtoken.StreamTests.as;
import static io.streamingcompanion.streamtoken.StreamTests.envelopes;
import static io.streamingcompanion.streamtoken.StreamTests.ingressEvent;
import static io.streamingcompanion.streamtoken.StreamTests.newCreator;
import static io.streamingcompanion.streamtoken.StreamTests.participantEvent;
import static io.streamingcompanion.streamtoken.StreamTests.postWebhook;
import static io.streamingcompanion.streamtoken.StreamTests.roomEvent;
import static io.streamingcompanion.streamtoken.StreamTests.sign;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.Topics;
import io.streamingcompanion.contracts.stream.StreamLiveChanged;
import io.streamingcompanion.contracts.stream.ViewersUpdated;
import io.streamingcompanion.streamtoken.StreamTests.SignedWebhook;
import io.streamingcompanion.testsupport.DomainEventConsumer;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.streamingcompanion.testsupport.SharedInfrastructure;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import org.awaitility.Awaitility;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * LiveKit webhooks built (protobuf JSON of WebhookEvent) and signed (AccessToken with the body's sha256) by the
 * npm livekit-server-sdk, as LiveKit's server does, posted byte for byte.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
@WithTestResource(FakeLiveKitResource.class)
class LiveKitWebhookTest {

    @Test
    void ingressStartedAndEndedTakeTheChannelLiveAndOfflineOnce() {
        String creator = newCreator();
        String ingressId = as(creator).body(Map.of("inputType", "rtmp")).post("/api/stream/ingress")
                .then().statusCode(201).extract().path("ingressId");

        SignedWebhook started = sign(ingressEvent("ingress_started", creator, ingressId, "RTMP_INPUT"));
        started.post().then().statusCode(200).body("outcome", equalTo("applied"));
        // LiveKit retries: the same delivery again is acknowledged and not applied twice.
        started.post().then().statusCode(200).body("outcome", equalTo("duplicate"));
        as(creator).get("/api/stream").then().statusCode(200)
                .body("isLive", equalTo(true)).body("liveSource", equalTo("INGRESS")).body("mode", equalTo("RTMP"));
        // Going live from the browser while OBS is live is refused.
        as(creator).post("/api/stream/start-browser").then().statusCode(409).contentType("application/problem+json");
        as(creator).post("/api/stream/stop-browser").then().statusCode(409);

        sign(ingressEvent("ingress_ended", creator, ingressId, "RTMP_INPUT")).post()
                .then().statusCode(200).body("outcome", equalTo("applied"));
        as(creator).get("/api/stream").then().body("isLive", equalTo(false)).body("liveSource", equalTo(null));

        try (DomainEventConsumer events = new DomainEventConsumer(Topics.STREAMS)) {
            StreamLiveChanged live = events.await(EventTypes.STREAM_LIVE_CHANGED, creator, Duration.ofSeconds(20)).payload();
            assertEquals(creator, live.creatorId());
            assertTrue(live.live());
            assertEquals("RTMP", live.mode());
            assertEquals("ingress", live.cause());
            StreamLiveChanged ended = events.await(EventTypes.STREAM_LIVE_CHANGED, creator, change -> !change.live(),
                    Duration.ofSeconds(20)).payload();
            assertEquals("ingress", ended.cause());
            assertEquals("RTMP", ended.mode());
            assertEquals(2, envelopes(events.recordsFor(creator, Duration.ofSeconds(2)),
                    EventTypes.STREAM_LIVE_CHANGED.name()).size(), "one event per change, none for the duplicate");
        }
    }

    @Test
    void whipIngressGoesLiveInWhipMode() {
        String creator = newCreator();
        as(creator).get("/api/stream").then().statusCode(200);
        sign(ingressEvent("ingress_started", creator, "IN_elsewhere", "WHIP_INPUT")).post().then().statusCode(200);
        as(creator).get("/api/stream").then().body("isLive", equalTo(true)).body("mode", equalTo("WHIP"));
        given().get("/api/viewer/stream/" + creator).then().statusCode(200)
                .body("isLive", equalTo(true)).body("mode", equalTo("WHIP"));
    }

    @Test
    void viewersJoiningAndLeavingDriveTheCountButTheHostAndIngressDoNot() {
        String creator = newCreator();
        as(creator).post("/api/stream/start-browser").then().statusCode(200);

        joinedOrLeft("participant_joined", creator, "guest-1", null, "guest", "applied");
        joinedOrLeft("participant_joined", creator, "viewer-2", "STANDARD", "viewer", "applied");
        joinedOrLeft("participant_joined", creator, creator, null, "creator", "ignored");
        joinedOrLeft("participant_joined", creator, "Host-" + creator, null, "host", "ignored");
        joinedOrLeft("participant_joined", creator, creator + "-obs", "INGRESS", null, "ignored");
        // A second delivery about the same viewer (a new event id) changes nothing.
        joinedOrLeft("participant_joined", creator, "guest-1", null, "guest", "ignored");
        given().get("/api/viewer/stream/" + creator).then().body("viewerCount", equalTo(2));

        joinedOrLeft("participant_left", creator, "guest-1", null, "guest", "applied");
        // Out of order: a leave, then the older join arriving late, must not count the viewer.
        ObjectNode lateJoin = participantEvent("participant_joined", creator, "late-3", null, "viewer");
        joinedOrLeft("participant_left", creator, "late-3", null, "viewer", "ignored");
        sign(lateJoin).post().then().statusCode(200).body("outcome", equalTo("ignored"));
        as(creator).get("/api/stream").then().body("viewerCount", equalTo(1));

        try (DomainEventConsumer events = new DomainEventConsumer(Topics.STREAMS)) {
            events.await(EventTypes.VIEWERS_UPDATED, creator, update -> update.viewerCount() == 1
                    && update.observedAt() != null, Duration.ofSeconds(20));
            List<Integer> counts = envelopes(events.recordsFor(creator, Duration.ofSeconds(2)),
                    EventTypes.VIEWERS_UPDATED.name()).stream()
                    .map(envelope -> EventJson.payload(envelope, EventTypes.VIEWERS_UPDATED))
                    .map(ViewersUpdated::viewerCount).toList();
            assertEquals(List.of(1, 2, 1), counts);
        }
    }

    @Test
    void roomFinishedEndsAStreamLeftLiveAndEmptiesTheRoom() {
        String creator = newCreator();
        as(creator).body(Map.of("title", "Late show")).patch("/api/stream").then().statusCode(200);
        as(creator).post("/api/stream/start-browser").then().statusCode(200);
        joinedOrLeft("participant_joined", creator, "guest-9", null, "guest", "applied");

        sign(roomEvent("room_finished", creator)).post().then().statusCode(200).body("outcome", equalTo("applied"));
        as(creator).get("/api/stream").then().body("isLive", equalTo(false)).body("viewerCount", equalTo(0));

        try (DomainEventConsumer events = new DomainEventConsumer(Topics.STREAMS)) {
            StreamLiveChanged ended = events.await(EventTypes.STREAM_LIVE_CHANGED, creator,
                    change -> !change.live(), Duration.ofSeconds(20)).payload();
            assertEquals("room_finished", ended.cause());
            assertEquals("WEBRTC", ended.mode());
            assertEquals("Late show", ended.title());
            events.await(EventTypes.VIEWERS_UPDATED, creator, update -> update.viewerCount() == 0, Duration.ofSeconds(20));
        }
    }

    @Test
    void forgedTamperedOrExpiredWebhooksAre401AndChangeNothing() {
        String creator = newCreator();
        as(creator).get("/api/stream").then().statusCode(200);
        ObjectNode event = ingressEvent("ingress_started", creator, "IN_forged", "RTMP_INPUT");
        SignedWebhook genuine = sign(event);

        // Tampered body: another room, or a single byte more, under the genuine signature.
        String otherRoom = genuine.body().replace(creator, newCreator());
        rejected(otherRoom.getBytes(StandardCharsets.UTF_8), genuine.authorization(), "SHA-256");
        rejected((genuine.body() + " ").getBytes(StandardCharsets.UTF_8), genuine.authorization(), "SHA-256");
        // Bytes that are not UTF-8 can never match.
        byte[] notUtf8 = genuine.body().getBytes(StandardCharsets.UTF_8);
        notUtf8[notUtf8.length - 2] = (byte) 0xC3;
        rejected(notUtf8, genuine.authorization(), "UTF-8");
        // Signed with another secret, by another key, or expired.
        rejected(sign(event, FakeLiveKit.API_KEY, "not-our-secret-" + FakeLiveKit.API_SECRET, null), "API secret");
        rejected(sign(event, "another-key", FakeLiveKit.API_SECRET, null), "API key");
        rejected(sign(event, FakeLiveKit.API_KEY, FakeLiveKit.API_SECRET, "-1h"), "expired");
        // No signature, or not a JWT.
        rejected(genuine.body().getBytes(StandardCharsets.UTF_8), null, "missing");
        rejected(genuine.body().getBytes(StandardCharsets.UTF_8), "not-a-jwt", "not a JWT");

        as(creator).get("/api/stream").then().body("isLive", equalTo(false));

        // The genuine delivery of the same event id still applies: nothing of the forgeries was recorded.
        genuine.post().then().statusCode(200).body("outcome", equalTo("applied"));
        as(creator).get("/api/stream").then().body("isLive", equalTo(true));
        try (DomainEventConsumer events = new DomainEventConsumer(Topics.STREAMS)) {
            events.await(EventTypes.STREAM_LIVE_CHANGED, creator, Duration.ofSeconds(20));
            assertEquals(1, envelopes(events.recordsFor(creator, Duration.ofSeconds(2)),
                    EventTypes.STREAM_LIVE_CHANGED.name()).size());
        }
    }

    @Test
    void otherEventsAndUnknownRoomsAreAcknowledged() {
        ObjectNode track = StreamTests.roomEvent("track_published", newCreator());
        sign(track).post().then().statusCode(200).body("outcome", equalTo("ignored"));
        joinedOrLeft("participant_joined", "no-such-channel-" + newCreator(), "guest-1", null, "guest", "ignored");
        // A signed body that is not a WebhookEvent at all is a 400, after verification.
        SignedWebhook signed = sign(StreamTests.roomEvent("room_started", newCreator()));
        String notAnEvent = "[\"not\", \"an\", \"event\"]";
        postWebhook(notAnEvent.getBytes(StandardCharsets.UTF_8), resign(notAnEvent)).then().statusCode(400)
                .contentType("application/problem+json");
        signed.post().then().statusCode(200);
    }

    @Test
    void appliedWebhookIdsAreForgottenAfterTheRetention() throws Exception {
        String old = "EV_old_" + UUID.randomUUID();
        String recent = "EV_recent_" + UUID.randomUUID();
        var endpoints = SharedInfrastructure.endpoints();
        try (Connection connection = DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.dbUser(), endpoints.dbPassword());
             PreparedStatement insert = connection.prepareStatement("INSERT INTO stream_token_service.livekit_webhook_event"
                     + " (id, event, received_at) VALUES (?, 'room_started', now() - make_interval(days => ?))")) {
            insert.setString(1, old);
            insert.setInt(2, 8);
            insert.executeUpdate();
            insert.setString(1, recent);
            insert.setInt(2, 6);
            insert.executeUpdate();
        }
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> !webhookIdKnown(old));
        assertTrue(webhookIdKnown(recent));
    }

    private static boolean webhookIdKnown(String id) throws Exception {
        var endpoints = SharedInfrastructure.endpoints();
        try (Connection connection = DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.dbUser(), endpoints.dbPassword());
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*) FROM stream_token_service.livekit_webhook_event WHERE id = ?")) {
            query.setString(1, id);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getInt(1) == 1;
            }
        }
    }

    /** A signature over an arbitrary body: sign an event whose JSON the Node SDK reproduces exactly. */
    private static String resign(String body) {
        return LiveKitNode.run("sign-raw.mjs", Map.of("apiKey", FakeLiveKit.API_KEY, "apiSecret",
                FakeLiveKit.API_SECRET, "body", body)).get("authorization").asText();
    }

    private static void joinedOrLeft(String type, String room, String identity, String kind, String role, String outcome) {
        sign(participantEvent(type, room, identity, kind, role)).post()
                .then().statusCode(200).body("outcome", equalTo(outcome));
    }

    private static void rejected(SignedWebhook webhook, String why) {
        rejected(webhook.body().getBytes(StandardCharsets.UTF_8), webhook.authorization(), why);
    }

    private static void rejected(byte[] body, String authorization, String why) {
        postWebhook(body, authorization).then().statusCode(401).contentType("application/problem+json")
                .body("status", equalTo(401)).body("detail", containsString(why));
    }
}
