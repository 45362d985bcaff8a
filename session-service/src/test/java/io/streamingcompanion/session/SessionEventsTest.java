package io.streamingcompanion.session;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.Topics;
import io.streamingcompanion.contracts.session.SessionEnded;
import io.streamingcompanion.contracts.session.SessionStarted;
import io.streamingcompanion.contracts.session.SessionUpdated;
import io.streamingcompanion.testsupport.DomainEventConsumer;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.streamingcompanion.testsupport.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
class SessionEventsTest {

    @Test
    void lifecycleEventsAreOnKafkaInOrderWithTheirFields() {
        String creator = "creator-" + UUID.randomUUID();
        String token = TestTokens.bearer(creator);
        String id = given().header("Authorization", token).contentType(ContentType.JSON)
                .body(Map.of("platform", "stripchat", "title", "Launch")).post("/api/sessions")
                .then().statusCode(201).extract().path("id");
        given().header("Authorization", token).contentType(ContentType.JSON)
                .body(Map.of("title", "Launch party")).patch("/api/sessions/" + id).then().statusCode(200);
        given().header("Authorization", token).post("/api/sessions/" + id + "/end").then().statusCode(200);

        try (DomainEventConsumer events = new DomainEventConsumer(Topics.SESSIONS)) {
            var started = events.await(EventTypes.SESSION_STARTED, id, Duration.ofSeconds(20));
            SessionStarted startedPayload = started.payload();
            assertEquals(creator, startedPayload.creatorId());
            assertEquals("stripchat", startedPayload.platform());
            assertEquals(UUID.fromString(id), startedPayload.sessionId());
            assertEquals(creator, started.envelope().creatorId());
            assertEquals(1, started.envelope().version());
            assertNotNull(started.envelope().id());
            assertNotNull(started.envelope().occurredAt());
            assertEquals("streaming.session.started",
                    new String(started.record().headers().lastHeader("event-type").value(), StandardCharsets.UTF_8));

            var updated = events.await(EventTypes.SESSION_UPDATED, id, Duration.ofSeconds(20));
            SessionUpdated updatedPayload = updated.payload();
            assertEquals("Launch party", updatedPayload.title());
            assertEquals("active", updatedPayload.status());

            var ended = events.await(EventTypes.SESSION_ENDED, id, Duration.ofSeconds(20));
            SessionEnded endedPayload = ended.payload();
            assertEquals(creator, endedPayload.creatorId());
            assertEquals(0, endedPayload.totalTipsCents());
            assertEquals(0, endedPayload.tipCount());
            assertTrue(endedPayload.durationSeconds() >= 0);
            assertEquals(endedPayload.durationSeconds(),
                    Duration.between(endedPayload.startedAt(), endedPayload.endedAt()).getSeconds());

            // One key, one partition: offsets prove the order in which consumers will see them.
            assertEquals(started.record().partition(), ended.record().partition());
            assertTrue(started.record().offset() < updated.record().offset());
            assertTrue(updated.record().offset() < ended.record().offset());
            assertEquals(3, events.recordsFor(id, Duration.ofSeconds(2)).size(), "each event exactly once");
        }
    }
}
