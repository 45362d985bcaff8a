package io.streamingcompanion.chatbot;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.streamingcompanion.commons.security.ServiceToken;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.Topics;
import io.streamingcompanion.contracts.session.SessionStarted;
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

/** Chat from a platform connector: the service token instead of the creator's, the creator named in the body. */
@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
class InternalChatMessageTest {

    private static RequestSpecification internal() {
        return given().header(ServiceToken.HEADER, EmbeddedInfrastructureResource.SERVICE_TOKEN).contentType(ContentType.JSON);
    }

    @Test
    void aPlatformChatLineIsAnsweredForTheNamedCreatorOnly() {
        String creator = "creator-" + UUID.randomUUID();
        String stranger = "creator-" + UUID.randomUUID();
        UUID session = UUID.randomUUID();
        DomainEventConsumer.publish(Topics.SESSIONS, EventJson.envelope(EventTypes.SESSION_STARTED, creator, session.toString(),
                new SessionStarted(session, creator, "chaturbate", "Room", Instant.now()), Clock.systemUTC()));
        given().header("Authorization", TestTokens.bearer(creator)).contentType(ContentType.JSON)
                .body(Map.of("name", "Bella", "color", "#ff8800", "priority", 1, "triggers", List.of(Map.of(
                        "kind", "command", "pattern", "!hi", "cooldownSeconds", 0, "templates", List.of("Hey {sender}!")))))
                .post("/api/chatbot/personas").then().statusCode(201);
        Map<String, Object> line = Map.of("creatorId", creator, "sessionId", session, "senderName", "dave", "message", "!hi");

        String reply = Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300)).until(() -> {
            Response response = internal().body(line).post("/internal/chatbot/messages");
            return response.statusCode() == 200 ? response.jsonPath().getString("responseText") : null;
        }, text -> text != null);
        org.junit.jupiter.api.Assertions.assertEquals("Hey dave!", reply);

        internal().body(Map.of("creatorId", creator, "sessionId", session, "senderName", "dave", "message", "no command"))
                .post("/internal/chatbot/messages").then().statusCode(204);
        internal().body(Map.of("creatorId", stranger, "sessionId", session, "senderName", "dave", "message", "!hi"))
                .post("/internal/chatbot/messages").then().statusCode(404);
        given().contentType(ContentType.JSON).body(line).post("/internal/chatbot/messages")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer(creator)).contentType(ContentType.JSON).body(line)
                .post("/internal/chatbot/messages").then().statusCode(401);
        internal().body(Map.of("sessionId", session, "senderName", "dave", "message", "!hi"))
                .post("/internal/chatbot/messages").then().statusCode(400).body("status", equalTo(400));
    }
}
