package io.streamingcompanion.session;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.Topics;
import io.streamingcompanion.infra.KafkaBroker;
import io.streamingcompanion.testsupport.DomainEventConsumer;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.streamingcompanion.testsupport.SharedInfrastructure;
import io.streamingcompanion.testsupport.TestTokens;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
class KafkaOutageTest {

    @Test
    void aSessionStartedWhileKafkaIsDownIsPublishedWhenItReturns() throws Exception {
        KafkaBroker kafka = SharedInfrastructure.embeddedKafka()
                .orElseThrow(() -> new AssertionError("This test needs the embedded broker, not an external Kafka"));
        String creator = "creator-" + UUID.randomUUID();
        String id;
        kafka.stop();
        try {
            id = given().header("Authorization", TestTokens.bearer(creator)).contentType(ContentType.JSON)
                    .body(Map.of("platform", "other", "title", "Offline start")).post("/api/sessions")
                    .then().statusCode(201).extract().path("id");
            // Give the relay time to try and fail: the event must still be waiting, not dropped.
            Awaitility.await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> pendingOutboxRows(id) == 1);
        } finally {
            kafka.start();
        }
        try (DomainEventConsumer events = new DomainEventConsumer(Topics.SESSIONS)) {
            var started = events.await(EventTypes.SESSION_STARTED, id, Duration.ofSeconds(45));
            assertEquals(creator, started.payload().creatorId());
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> pendingOutboxRows(id) == 0);
            assertTrue(events.recordsFor(id, Duration.ofSeconds(2)).size() >= 1);
        }
        // The outage is over for operators too: the service reports ready again without a restart.
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
    }

    private static int pendingOutboxRows(String key) throws Exception {
        var endpoints = SharedInfrastructure.endpoints();
        try (Connection connection = DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.dbUser(), endpoints.dbPassword());
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*) FROM session_service.outbox_event WHERE record_key = ?")) {
            query.setString(1, key);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }
}
