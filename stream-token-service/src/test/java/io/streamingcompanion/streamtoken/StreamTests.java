package io.streamingcompanion.streamtoken;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.streamingcompanion.contracts.EventEnvelope;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.testsupport.SharedInfrastructure;
import io.streamingcompanion.testsupport.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What the tests of this module share: callers, webhook signing through the Node SDK, event decoding. */
final class StreamTests {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String WEBHOOK = "/api/livekit/webhook";
    private static final AtomicLong CLOCK = new AtomicLong(Instant.now().getEpochSecond());

    private StreamTests() {
    }

    static String newCreator() {
        return "creator-" + UUID.randomUUID();
    }

    static RequestSpecification as(String creatorId) {
        return given().header("Authorization", TestTokens.bearer(creatorId)).contentType(ContentType.JSON);
    }

    /** A caller whose token carries this {@code preferred_username}. */
    static RequestSpecification as(String creatorId, String preferredUsername) {
        return given().header("Authorization", "Bearer " + SharedInfrastructure.tokens().issue(creatorId, preferredUsername))
                .contentType(ContentType.JSON);
    }

    /** Strictly increasing webhook times (LiveKit's createdAt is in whole seconds). */
    static long nextEventTime() {
        return CLOCK.incrementAndGet();
    }

    static ObjectNode event(String type) {
        ObjectNode event = JSON.createObjectNode();
        event.put("event", type);
        event.put("id", "EV_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        event.put("createdAt", Long.toString(nextEventTime()));
        return event;
    }

    static ObjectNode participantEvent(String type, String room, String identity, String kind, String role) {
        ObjectNode event = event(type);
        event.putObject("room").put("name", room).put("sid", "RM_" + Math.abs(room.hashCode()));
        ObjectNode participant = event.putObject("participant");
        participant.put("sid", "PA_" + Math.abs(identity.hashCode())).put("identity", identity);
        if (kind != null) {
            participant.put("kind", kind);
        }
        if (role != null) {
            participant.putObject("attributes").put("role", role);
        }
        return event;
    }

    static ObjectNode ingressEvent(String type, String room, String ingressId, String inputType) {
        ObjectNode event = event(type);
        event.putObject("ingressInfo").put("ingressId", ingressId).put("inputType", inputType)
                .put("roomName", room).put("participantIdentity", room)
                .putObject("state").put("status", type.equals("ingress_started") ? "ENDPOINT_PUBLISHING" : "ENDPOINT_INACTIVE");
        return event;
    }

    static ObjectNode roomEvent(String type, String room) {
        ObjectNode event = event(type);
        event.putObject("room").put("name", room).put("sid", "RM_" + Math.abs(room.hashCode()));
        return event;
    }

    /** A webhook as LiveKit would send it, built and signed by the Node SDK. */
    record SignedWebhook(String body, String authorization) {
        Response post() {
            return postWebhook(body.getBytes(StandardCharsets.UTF_8), authorization);
        }
    }

    static SignedWebhook sign(ObjectNode event) {
        return sign(event, FakeLiveKit.API_KEY, FakeLiveKit.API_SECRET, null);
    }

    static SignedWebhook sign(ObjectNode event, String apiKey, String apiSecret, String ttl) {
        ObjectNode item = JSON.createObjectNode();
        item.put("apiKey", apiKey).put("apiSecret", apiSecret).set("event", event);
        if (ttl != null) {
            item.put("ttl", ttl);
        }
        ObjectNode input = JSON.createObjectNode();
        input.putArray("events").add(item);
        JsonNode signed = LiveKitNode.run("sign-webhooks.mjs", input).get(0);
        return new SignedWebhook(signed.get("body").asText(), signed.get("authorization").asText());
    }

    static Response postWebhook(byte[] body, String authorization) {
        RequestSpecification request = given().contentType("application/webhook+json").body(body);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.post(WEBHOOK);
    }

    /** Verifies tokens with the Node SDK's TokenVerifier: one result ({ok, claims|error}) per token. */
    static ArrayNode verifyTokens(String apiKey, String apiSecret, List<String> tokens) {
        return (ArrayNode) LiveKitNode.run("verify-tokens.mjs",
                Map.of("apiKey", apiKey, "apiSecret", apiSecret, "tokens", tokens));
    }

    static JsonNode claimsOf(String token) {
        JsonNode result = verifyTokens(FakeLiveKit.API_KEY, FakeLiveKit.API_SECRET, List.of(token)).get(0);
        if (!result.path("ok").asBoolean()) {
            throw new AssertionError("livekit-server-sdk rejected the token: " + result.path("error").asText());
        }
        return result.get("claims");
    }

    static List<EventEnvelope> envelopes(List<ConsumerRecord<String, String>> records, String type) {
        return records.stream().map(record -> EventJson.read(record.value()))
                .filter(envelope -> envelope.type().equals(type)).toList();
    }
}
