package io.streamingcompanion.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.Topics;
import io.streamingcompanion.contracts.chatbot.ChatbotResponded;
import io.streamingcompanion.contracts.session.SessionStarted;
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

/** chatbot_message goes to chatbot-tts-service with the creator's token; a persona's answer comes back as chatbot_response. */
@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
@WithTestResource(SessionServiceStub.class)
class ChatbotFramesTest {

    @TestHTTPResource("/streaming")
    URI socket;

    @Inject
    RedisDataSource redis;

    @Test
    void chatLinesAreForwardedAndPersonaAnswersReachTheSessionsSockets() throws Exception {
        UUID sessionId = UUID.randomUUID();
        String owner = "creator-" + UUID.randomUUID();
        DomainEventConsumer.publish(Topics.SESSIONS, EventJson.envelope(EventTypes.SESSION_STARTED, owner, sessionId.toString(),
                new SessionStarted(sessionId, owner, "other", "t", Instant.now()), Clock.systemUTC()));
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> redis.value(String.class).get("gateway:session-owner:" + sessionId) != null);

        try (var creator = WebSocketTestClient.withBearer(URI.create(socket.toString().replace("http", "ws")), TestTokens.creator(owner))) {
            creator.send("join_session", Map.of("sessionId", sessionId.toString()));
            creator.await("joined_session");

            creator.send("chatbot_message", Map.of("sessionId", sessionId.toString(), "senderName", "dave", "message", "!hello"));
            JsonNode ack = creator.await("chatbot_message_received");
            assertTrue(ack.path("answered").asBoolean());
            creator.send("chatbot_message", Map.of("sessionId", sessionId.toString(), "senderName", "dave", "message", "hi"));
            assertTrue(!creator.await("chatbot_message_received",
                    data -> !data.path("answered").asBoolean()).path("answered").asBoolean());
            String forwarded = SessionServiceStub.requests("/api/chatbot/messages").get(0).body();
            assertTrue(forwarded.contains("\"senderName\":\"dave\"") && forwarded.contains(sessionId.toString()), forwarded);

            creator.send("chatbot_message", Map.of("sessionId", sessionId.toString(), "senderName", "dave", "message", 42));
            assertEquals("invalid_request", creator.await("error").path("code").asText());

            DomainEventConsumer.publish(Topics.CHATBOT, EventJson.envelope(EventTypes.CHATBOT_RESPONDED, owner, sessionId.toString(),
                    new ChatbotResponded(UUID.randomUUID(), sessionId, owner, UUID.randomUUID(), "Bella", "#ff8800", null,
                            "Hi dave!", "command", "dave", Instant.now()), Clock.systemUTC()));
            JsonNode reply = creator.await("chatbot_response");
            assertEquals("Bella", reply.path("personaName").asText());
            assertEquals("Hi dave!", reply.path("responseText").asText());
            assertEquals(sessionId.toString(), reply.path("sessionId").asText());
        }
    }
}
