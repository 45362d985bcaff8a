package io.streamingcompanion.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.Topics;
import io.streamingcompanion.contracts.session.SessionEnded;
import io.streamingcompanion.contracts.session.SessionStarted;
import io.streamingcompanion.contracts.session.SessionUpdated;
import io.streamingcompanion.testsupport.DomainEventConsumer;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.streamingcompanion.testsupport.TestTokens;
import io.streamingcompanion.testsupport.WebSocketTestClient;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
@WithTestResource(SessionServiceStub.class)
class StreamingSocketTest {

    @TestHTTPResource("/streaming")
    URI streaming;

    @Inject
    RedisDataSource redis;

    private URI socketUri() {
        return URI.create(streaming.toString().replaceFirst("^http", "ws"));
    }

    private WebSocketTestClient connectAsBrowser(String creatorId) {
        String carrier = "quarkus-http-upgrade#Authorization#"
                + URLEncoder.encode("Bearer " + TestTokens.creator(creatorId), StandardCharsets.UTF_8).replace("+", "%20");
        return WebSocketTestClient.withSubprotocols(socketUri(), List.of("bearer-token-carrier", carrier));
    }

    private static void publishStarted(UUID sessionId, String creatorId) {
        var payload = new SessionStarted(sessionId, creatorId, "other", "Test", Instant.now());
        DomainEventConsumer.publish(Topics.SESSIONS,
                EventJson.envelope(EventTypes.SESSION_STARTED, creatorId, sessionId.toString(), payload, Clock.systemUTC()));
    }

    private static void publishUpdated(UUID sessionId, String creatorId, String title) {
        var payload = new SessionUpdated(sessionId, creatorId, "active", "other", title, null, Map.of(), 1500, 3, 12, 40,
                Instant.now(), null);
        DomainEventConsumer.publish(Topics.SESSIONS,
                EventJson.envelope(EventTypes.SESSION_UPDATED, creatorId, sessionId.toString(), payload, Clock.systemUTC()));
    }

    @Test
    void anotherCreatorCannotPushEventsIntoASessionByNamingIt() throws Exception {
        UUID sessionId = UUID.randomUUID();
        String owner = "creator-" + UUID.randomUUID();
        String intruder = "creator-" + UUID.randomUUID();
        publishStarted(sessionId, owner);
        awaitOwnerKnown(sessionId);
        try (var ownerSocket = WebSocketTestClient.withBearer(socketUri(), TestTokens.creator(owner))) {
            ownerSocket.send("join_session", Map.of("sessionId", sessionId.toString()));
            ownerSocket.await("joined_session");
            // Services that accept any session id (goals, manual animations) emit events under the caller's id.
            publishUpdated(sessionId, intruder, "Hijacked");
            publishUpdated(sessionId, owner, "Genuine");
            ownerSocket.await("session_updated", data -> data.path("title").asText().equals("Genuine"));
            assertTrue(ownerSocket.frames("session_updated").stream()
                    .noneMatch(data -> data.path("title").asText().equals("Hijacked")));
        }
    }

    @Test
    void socketCommandsNeedTheOwningServiceAndSaySoWhenItIsAway() {
        try (var socket = WebSocketTestClient.withBearer(socketUri(), TestTokens.creator("creator-" + UUID.randomUUID()))) {
            String session = UUID.randomUUID().toString();
            socket.send("add_tip", Map.of("sessionId", session, "amountCents", 500));
            assertEquals("temporarily_unavailable", socket.await("error").path("code").asText());
            socket.send("update_viewers", Map.of("viewerCount", 5));
            socket.await("error", data -> data.path("code").asText().equals("invalid_session_id"));
        }
    }

    private void awaitOwnerKnown(UUID sessionId) {
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> redis.value(String.class).get("gateway:session-owner:" + sessionId) != null);
    }

    @Test
    void ownerReceivesSessionUpdatesAndAnotherCreatorCannotJoin() throws Exception {
        UUID sessionId = UUID.randomUUID();
        String owner = "creator-" + UUID.randomUUID();
        String other = "creator-" + UUID.randomUUID();
        publishStarted(sessionId, owner);
        awaitOwnerKnown(sessionId);

        try (var ownerSocket = WebSocketTestClient.withBearer(socketUri(), TestTokens.creator(owner));
             var otherSocket = connectAsBrowser(other)) {
            ownerSocket.send("join_session", Map.of("sessionId", sessionId.toString()));
            ownerSocket.await("joined_session", data -> data.path("sessionId").asText().equals(sessionId.toString()));

            otherSocket.send("join_session", Map.of("sessionId", sessionId.toString()));
            JsonNode error = otherSocket.await("error");
            assertEquals("session_not_found", error.path("code").asText());
            assertEquals(sessionId.toString(), error.path("sessionId").asText());

            publishUpdated(sessionId, owner, "Renamed");
            JsonNode update = ownerSocket.await("session_updated",
                    data -> data.path("sessionId").asText().equals(sessionId.toString()));
            assertEquals("Renamed", update.path("title").asText());
            assertEquals(1500, update.path("totalTipsCents").asLong());
            assertEquals(3, update.path("tipCount").asInt());
            assertEquals(40, update.path("peakViewers").asInt());

            // The owner already has it; a leak to the other socket would have arrived by now too.
            Awaitility.await().pollDelay(Duration.ofMillis(500)).until(() -> true);
            assertTrue(otherSocket.frames("session_updated").isEmpty(), "another creator must not see the update");
        }
    }

    @Test
    void aSessionNotYetSeenOnKafkaIsCheckedWithSessionService() {
        UUID mine = UUID.randomUUID();
        String owner = "creator-" + UUID.randomUUID();
        SessionServiceStub.OWNERS.put(mine.toString(), owner);
        try (var socket = connectAsBrowser(owner)) {
            socket.send("join_session", Map.of("sessionId", mine.toString()));
            socket.await("joined_session", data -> data.path("sessionId").asText().equals(mine.toString()));

            UUID unknown = UUID.randomUUID();
            socket.send("join_session", Map.of("sessionId", unknown.toString()));
            assertEquals("session_not_found", socket.await("error",
                    data -> data.path("sessionId").asText().equals(unknown.toString())).path("code").asText());
        }
    }

    @Test
    void leavingStopsUpdatesAndEndingIsAnnounced() {
        UUID sessionId = UUID.randomUUID();
        String owner = "creator-" + UUID.randomUUID();
        publishStarted(sessionId, owner);
        awaitOwnerKnown(sessionId);
        try (var following = WebSocketTestClient.withBearer(socketUri(), TestTokens.creator(owner));
             var leaving = WebSocketTestClient.withBearer(socketUri(), TestTokens.creator(owner))) {
            following.send("join_session", Map.of("sessionId", sessionId.toString()));
            following.await("joined_session");
            leaving.send("join_session", Map.of("sessionId", sessionId.toString()));
            leaving.await("joined_session");
            leaving.send("leave_session", Map.of("sessionId", sessionId.toString()));
            leaving.await("left_session");

            Instant started = Instant.now().minusSeconds(90);
            var ended = new SessionEnded(sessionId, owner, "other", started, started.plusSeconds(90), 90, 0, 0, 7);
            DomainEventConsumer.publish(Topics.SESSIONS, EventJson.envelope(EventTypes.SESSION_ENDED, owner,
                    sessionId.toString(), ended, Clock.systemUTC()));
            JsonNode update = following.await("session_updated");
            assertEquals("ended", update.path("status").asText());
            assertEquals(90, update.path("durationSeconds").asLong());

            Awaitility.await().pollDelay(Duration.ofMillis(500)).until(() -> true);
            assertTrue(leaving.frames("session_updated").isEmpty(), "a socket that left gets nothing more");
        }
    }

    @Test
    void malformedFramesGetAnErrorAndTheSocketStaysUsable() {
        try (var socket = WebSocketTestClient.withBearer(socketUri(), TestTokens.creator("creator-" + UUID.randomUUID()))) {
            socket.sendRaw("not json");
            assertEquals("invalid_message", socket.await("error").path("code").asText());
            socket.send("join_session", Map.of("sessionId", "../etc/passwd"));
            socket.await("error", data -> data.path("code").asText().equals("invalid_session_id"));
            socket.send("dance", Map.of());
            socket.await("error", data -> data.path("code").asText().equals("unknown_event"));
            assertTrue(!socket.isClosed());
        }
    }

    @Test
    void anUpgradeWithoutAValidTokenIsRefused() {
        assertThrows(Exception.class, () -> WebSocketTestClient.anonymous(socketUri()));
        assertThrows(Exception.class, () -> WebSocketTestClient.withBearer(socketUri(), "forged.token.value"));
    }
}
