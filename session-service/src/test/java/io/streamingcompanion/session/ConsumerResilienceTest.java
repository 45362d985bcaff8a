package io.streamingcompanion.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.streamingcompanion.commons.messaging.DeadLetters;
import io.streamingcompanion.contracts.EventEnvelope;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.Topics;
import io.streamingcompanion.contracts.stream.StreamLiveChanged;
import io.streamingcompanion.contracts.stream.ViewersUpdated;
import io.streamingcompanion.contracts.tip.TipReceived;
import io.streamingcompanion.testsupport.DomainEventConsumer;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.streamingcompanion.testsupport.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The consumer template at work in session-service: poison records parked, concurrent writers never failing. */
@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
class ConsumerResilienceTest {

    private static final Duration WITHIN = Duration.ofSeconds(40);

    private static RequestSpecification as(String creatorId) {
        return given().header("Authorization", TestTokens.bearer(creatorId)).contentType(ContentType.JSON);
    }

    private static EventEnvelope tipEvent(String creator, String sessionId, long amount) {
        var tip = new TipReceived(UUID.randomUUID(), UUID.fromString(sessionId), creator, amount, "fan", null, "manual",
                null, false, Instant.now(), new TipReceived.SessionTotals(0, 0), null);
        return EventJson.envelope(EventTypes.TIP_RECEIVED, creator, sessionId, tip, Clock.systemUTC());
    }

    @Test
    void poisonRecordsAreDeadLetteredAndTheTipsAfterThemStillCount() {
        String creator = "creator-" + UUID.randomUUID();
        String id = as(creator).body(Map.of("platform", "other")).post("/api/sessions").then().statusCode(201).extract().path("id");
        DomainEventConsumer.publishRaw(Topics.TIPS, id, "this is not an event");
        EventEnvelope valid = tipEvent(creator, id, 700);
        String brokenPayload = EventJson.write(valid).replace("\"amountCents\":700", "\"amountCents\":\"lots\"")
                .replace(valid.id().toString(), UUID.randomUUID().toString());
        DomainEventConsumer.publishRaw(Topics.TIPS, id, brokenPayload);
        DomainEventConsumer.publish(Topics.TIPS, valid);

        Awaitility.await().atMost(WITHIN).untilAsserted(() -> as(creator).get("/api/sessions/" + id).then()
                .body("tipCount", equalTo(1)).body("totalTipsCents", equalTo(700)));
        try (DomainEventConsumer deadLetters = new DomainEventConsumer(Topics.DEAD_LETTERS)) {
            ConsumerRecord<String, String> notAnEvent = deadLetters.awaitRecord(record -> id.equals(record.key())
                    && "not-an-event".equals(header(record, DeadLetters.REASON)), WITHIN);
            assertEquals("this is not an event", notAnEvent.value());
            assertEquals("session-service.tips", header(notAnEvent, DeadLetters.CONSUMER));
            assertEquals(Topics.TIPS, header(notAnEvent, DeadLetters.ORIGINAL_TOPIC));
            ConsumerRecord<String, String> malformed = deadLetters.awaitRecord(record -> id.equals(record.key())
                    && "malformed-payload".equals(header(record, DeadLetters.REASON)), WITHIN);
            assertEquals(brokenPayload, malformed.value());
        }
    }

    /**
     * Every writer of one session at once: tips and LiveKit viewer counts from Kafka, the creator's own
     * viewer reports, title changes and a repeated live signal. None may fail; the totals stay exact.
     */
    @Test
    void concurrentWritersOfOneSessionAllSucceed() throws Exception {
        String creator = "creator-" + UUID.randomUUID();
        String id = as(creator).body(Map.of("platform", "livekit")).post("/api/sessions").then().statusCode(201)
                .extract().path("id");
        int rounds = 40;
        ExecutorService rest = Executors.newFixedThreadPool(8);
        List<Future<Integer>> answers = new ArrayList<>();
        long expectedCents = 0;
        try {
            for (int i = 1; i <= rounds; i++) {
                int round = i;
                answers.add(rest.submit(() -> as(creator).body(Map.of("title", "Round " + round))
                        .patch("/api/sessions/" + id).statusCode()));
                answers.add(rest.submit(() -> as(creator).body(Map.of("viewerCount", round))
                        .post("/api/sessions/" + id + "/viewers").statusCode()));
                DomainEventConsumer.publish(Topics.TIPS, tipEvent(creator, id, round * 11L));
                expectedCents += round * 11L;
                DomainEventConsumer.publish(Topics.STREAMS, EventJson.envelope(EventTypes.VIEWERS_UPDATED, creator, creator,
                        new ViewersUpdated(creator, 100 + round, Instant.now()), Clock.systemUTC()));
                if (round % 10 == 0) {
                    DomainEventConsumer.publish(Topics.STREAMS, EventJson.envelope(EventTypes.STREAM_LIVE_CHANGED, creator,
                            creator, new StreamLiveChanged(creator, true, "WEBRTC", "browser", "Again", Instant.now()),
                            Clock.systemUTC()));
                }
            }
            for (Future<Integer> answer : answers) {
                assertEquals(200, answer.get().intValue(), "a concurrent write was refused");
            }
        } finally {
            rest.shutdownNow();
        }
        long total = expectedCents;
        Awaitility.await().atMost(WITHIN).untilAsserted(() -> as(creator).get("/api/sessions/" + id).then()
                .body("tipCount", equalTo(rounds)).body("totalTipsCents", equalTo((int) total))
                .body("peakViewers", equalTo(100 + rounds)).body("status", equalTo("active")));
        as(creator).get("/api/sessions").then().body("total", equalTo(1));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
