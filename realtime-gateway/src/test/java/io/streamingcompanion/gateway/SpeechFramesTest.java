package io.streamingcompanion.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventType;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.overlay.OverlayKeyChanged;
import io.streamingcompanion.contracts.overlay.OverlayKeys;
import io.streamingcompanion.contracts.session.SessionStarted;
import io.streamingcompanion.contracts.tts.TtsSkipped;
import io.streamingcompanion.contracts.tts.TtsSynthesized;
import io.streamingcompanion.testsupport.DomainEventConsumer;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.streamingcompanion.testsupport.TestTokens;
import io.streamingcompanion.testsupport.WebSocketTestClient;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Text-to-speech clips reach the session's sockets and the creator's overlays; skip_tts reaches chatbot-tts-service. */
@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
@WithTestResource(SessionServiceStub.class)
class SpeechFramesTest {

    @TestHTTPResource("/streaming")
    URI socket;

    @TestHTTPResource("/streaming/overlay")
    URI overlay;

    @Inject
    RedisDataSource redis;

    private static <P> void publish(EventType<P> type, String creatorId, String key, P payload) {
        DomainEventConsumer.publish(type.topic(), EventJson.envelope(type, creatorId, key, payload, Clock.systemUTC()));
    }

    @Test
    void clipsAndSkipsReachTheSessionAndItsOverlaysOnly() throws Exception {
        UUID sessionId = UUID.randomUUID();
        String owner = "creator-" + UUID.randomUUID();
        SessionServiceStub.OWNERS.put(sessionId.toString(), owner);
        publish(EventTypes.SESSION_STARTED, owner, sessionId.toString(), new SessionStarted(sessionId, owner, "other", "t", Instant.now()));
        String key = "ovl_" + UUID.randomUUID();
        publish(EventTypes.OVERLAY_KEY_CHANGED, owner, owner, new OverlayKeyChanged(owner, OverlayKeys.hash(key), null, Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> redis.value(String.class).get("gateway:session-owner:" + sessionId) != null);

        URI streaming = URI.create(socket.toString().replace("http", "ws"));
        try (var creator = WebSocketTestClient.withBearer(streaming, TestTokens.creator(owner));
             var stranger = WebSocketTestClient.withBearer(streaming, TestTokens.creator("stranger-" + UUID.randomUUID()));
             var obs = joinedOverlay(key)) {
            creator.send("join_session", Map.of("sessionId", sessionId.toString()));
            creator.await("joined_session");

            UUID tipId = UUID.randomUUID();
            publish(EventTypes.TTS_SYNTHESIZED, owner, sessionId.toString(), new TtsSynthesized(UUID.randomUUID(), tipId, sessionId,
                    owner, "dave tipped 5: hi", "kevin16", "audio/mpeg", 1200, "//MoxAAAAAA=", false, Instant.now()));
            for (WebSocketTestClient client : new WebSocketTestClient[] {creator, obs}) {
                JsonNode clip = client.await("chat_participant_audio");
                assertEquals(tipId.toString(), clip.path("tipId").asText());
                assertEquals("audio/mpeg", clip.path("format").asText());
                assertEquals(1200, clip.path("durationMs").asLong());
                assertEquals("//MoxAAAAAA=", clip.path("audioBase64").asText());
                assertEquals("dave tipped 5: hi", clip.path("text").asText());
            }

            creator.send("skip_tts", Map.of("sessionId", sessionId.toString()));
            assertEquals(sessionId.toString(), creator.await("tts_skip_requested").path("sessionId").asText());
            assertTrue(SessionServiceStub.requests("/api/tts/skip").get(0).body().contains(sessionId.toString()));
            stranger.send("skip_tts", Map.of("sessionId", sessionId.toString()));
            assertEquals("session_not_found", stranger.await("error").path("code").asText());
            creator.send("skip_tts", Map.of("sessionId", "nope"));
            assertEquals("invalid_session_id", creator.await("error", data -> "invalid_session_id".equals(data.path("code").asText()))
                    .path("code").asText());

            publish(EventTypes.TTS_SKIPPED, owner, sessionId.toString(), new TtsSkipped(sessionId, owner, Instant.now()));
            assertEquals(sessionId.toString(), obs.await("tts_skipped").path("sessionId").asText());
            assertEquals(sessionId.toString(), creator.await("tts_skipped").path("sessionId").asText());
            assertTrue(stranger.frames("chat_participant_audio").isEmpty() && stranger.frames("tts_skipped").isEmpty(),
                    "another creator's socket heard the clip");
        }
    }

    private WebSocketTestClient joinedOverlay(String key) {
        URI uri = URI.create(overlay.toString().replaceFirst("^http", "ws") + "?key=" + key);
        return OverlayClients.joined(() -> WebSocketTestClient.anonymous(uri));
    }
}
