package io.streamingcompanion.tip;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.Topics;
import io.streamingcompanion.contracts.session.SessionEnded;
import io.streamingcompanion.contracts.session.SessionStarted;
import io.streamingcompanion.testsupport.DomainEventConsumer;
import io.streamingcompanion.testsupport.SharedInfrastructure;
import io.streamingcompanion.testsupport.TestTokens;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.awaitility.Awaitility;

/** Sessions as session-service would announce them, and a look at tip-service's own tables. */
final class TipTestSupport {

    private TipTestSupport() {
    }

    static RequestSpecification as(String creatorId) {
        return given().header("Authorization", TestTokens.bearer(creatorId)).contentType(ContentType.JSON);
    }

    static UUID liveSession(String creatorId) {
        UUID sessionId = UUID.randomUUID();
        DomainEventConsumer.publish(Topics.SESSIONS, EventJson.envelope(EventTypes.SESSION_STARTED, creatorId,
                sessionId.toString(), new SessionStarted(sessionId, creatorId, "other", "Test", Instant.now()), Clock.systemUTC()));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> sessionState(sessionId) != null);
        return sessionId;
    }

    static void endSession(UUID sessionId, String creatorId) {
        Instant now = Instant.now();
        DomainEventConsumer.publish(Topics.SESSIONS, EventJson.envelope(EventTypes.SESSION_ENDED, creatorId,
                sessionId.toString(), new SessionEnded(sessionId, creatorId, "other", now, now, 0, 0, 0, 0), Clock.systemUTC()));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Boolean.FALSE.equals(sessionState(sessionId)));
    }

    /** Whether tip-service holds the session as active; null when it does not know it. */
    static Boolean sessionState(UUID sessionId) throws Exception {
        Object[] row = row("SELECT active FROM tip_service.tip_session WHERE session_id = ?", sessionId);
        return row == null ? null : (Boolean) row[0];
    }

    /** {total cents, tip count} as tip-service holds them. */
    static long[] totals(UUID sessionId) throws Exception {
        Object[] row = row("SELECT total_tips_cents, tip_count FROM tip_service.tip_session WHERE session_id = ?", sessionId);
        return new long[] {((Number) row[0]).longValue(), ((Number) row[1]).longValue()};
    }

    static long tipRows(UUID sessionId) throws Exception {
        return ((Number) row("SELECT count(*) FROM tip_service.tip WHERE session_id = ?", sessionId)[0]).longValue();
    }

    private static Object[] row(String sql, UUID sessionId) throws Exception {
        var endpoints = SharedInfrastructure.endpoints();
        try (Connection connection = DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.dbUser(), endpoints.dbPassword());
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, sessionId);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                Object[] values = new Object[rows.getMetaData().getColumnCount()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = rows.getObject(i + 1);
                }
                return values;
            }
        }
    }
}
