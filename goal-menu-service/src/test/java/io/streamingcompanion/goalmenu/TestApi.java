package io.streamingcompanion.goalmenu;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.streamingcompanion.contracts.EventEnvelope;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.Topics;
import io.streamingcompanion.contracts.tip.TipReceived;
import io.streamingcompanion.testsupport.SharedInfrastructure;
import io.streamingcompanion.testsupport.TestTokens;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Shared helpers of this module's tests: creator requests, tip events as tip-service publishes them. */
final class TestApi {

    private TestApi() {
    }

    static RequestSpecification as(String creatorId) {
        return given().header("Authorization", TestTokens.bearer(creatorId)).contentType(ContentType.JSON);
    }

    static String newCreator() {
        return "creator-" + UUID.randomUUID();
    }

    static String createGoal(String creatorId, UUID sessionId, String title, long targetCents) {
        return as(creatorId).body(Map.of("sessionId", sessionId, "title", title, "targetCents", targetCents))
                .post("/api/goals").then().statusCode(201).extract().path("id");
    }

    /** The session's goals as the API lists them: id → currentCents, in order. */
    static List<Map<String, Object>> goals(String creatorId, UUID sessionId) {
        return as(creatorId).get("/api/goals?sessionId=" + sessionId).then().statusCode(200)
                .extract().jsonPath().getList("$");
    }

    static long progressSum(String creatorId, UUID sessionId) {
        return goals(creatorId, sessionId).stream().mapToLong(goal -> ((Number) goal.get("currentCents")).longValue()).sum();
    }

    static TipReceived tip(String creatorId, UUID sessionId, long amountCents, boolean test) {
        return new TipReceived(UUID.randomUUID(), sessionId, creatorId, amountCents, "fan", null, "manual", null, test,
                Instant.now(), new TipReceived.SessionTotals(amountCents, 1), null);
    }

    /** A {@code streaming.tip.received} envelope keyed by the session, as tip-service's outbox writes it. */
    static EventEnvelope tipEnvelope(TipReceived tip) {
        return EventJson.envelope(EventTypes.TIP_RECEIVED, tip.creatorId(), tip.sessionId().toString(), tip,
                Clock.systemUTC());
    }

    static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.endpoints().kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.LINGER_MS_CONFIG, 1));
    }

    /** Sends any value (even one that is not an event) to the tips topic and waits for the ack. */
    static void publishRaw(KafkaProducer<String, String> producer, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(Topics.TIPS, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish to " + Topics.TIPS, e);
        }
    }
}
