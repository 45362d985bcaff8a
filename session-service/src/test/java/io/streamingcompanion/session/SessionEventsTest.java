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
import io.streamingcompanion.outbox.OutboxRepository;
import io.streamingcompanion.testsupport.DomainEventConsumer;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.streamingcompanion.testsupport.SharedInfrastructure;
import io.streamingcompanion.testsupport.TestTokens;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

    @Test
    void aSnapshotNeverWaitsForOneOfItsKeyInTheRelaysHands() throws Exception {
        String creator = "creator-" + UUID.randomUUID();
        String token = TestTokens.bearer(creator);
        String id = given().header("Authorization", token).contentType(ContentType.JSON)
                .body(Map.of("platform", "other")).post("/api/sessions").then().statusCode(201).extract().path("id");
        var endpoints = SharedInfrastructure.endpoints();
        // A due snapshot of this session that another transaction holds uncommitted, as the relay holds the rows it
        // deleted until Kafka acknowledges them (seconds, in an outage).
        try (Connection relay = DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.dbUser(), endpoints.dbPassword())) {
            relay.setAutoCommit(false);
            try (PreparedStatement inFlight = relay.prepareStatement("INSERT INTO session_service.outbox_event"
                    + " (event_id, topic, record_key, event_type, envelope, created_at, coalesce_key, publish_after)"
                    + " VALUES (?, ?, ?, ?, '{}', now(), ?, now() - interval '1 second')")) {
                inFlight.setObject(1, UUID.randomUUID());
                inFlight.setString(2, Topics.SESSIONS);
                inFlight.setString(3, id);
                inFlight.setString(4, EventTypes.SESSION_UPDATED.name());
                inFlight.setString(5, OutboxRepository.coalesceKey(EventTypes.SESSION_UPDATED.name(), id));
                inFlight.executeUpdate();
            }
            // Asked aside, so that a PATCH stuck behind that transaction fails the test instead of hanging it.
            var patch = CompletableFuture.supplyAsync(() -> given().header("Authorization", token).contentType(ContentType.JSON)
                    .body(Map.of("title", "Not kept waiting")).patch("/api/sessions/" + id).statusCode());
            assertEquals(200, patch.get(5, TimeUnit.SECONDS), "the PATCH must not wait for a row it cannot replace");
            relay.rollback();
        }
        try (DomainEventConsumer events = new DomainEventConsumer(Topics.SESSIONS)) {
            var updated = events.await(EventTypes.SESSION_UPDATED, id, Duration.ofSeconds(20));
            assertEquals("Not kept waiting", updated.payload().title());
        }
    }
}
