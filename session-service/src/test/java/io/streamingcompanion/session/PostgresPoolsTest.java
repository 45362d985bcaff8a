package io.streamingcompanion.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The services' pools (outbox's {@code PostgresPools}) keep long statements prepared: Vert.x's own limit is 2,048
 * characters, above which PostgreSQL parses and plans a statement on every execution (analytics-service applies a
 * tip with one of ~3,800).
 */
@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
class PostgresPoolsTest {

    @Inject
    Pool pool;

    @Test
    void aStatementLongerThanVertxsDefaultLimitStaysPreparedOnItsConnection() {
        String longStatement = "SELECT CAST($1 AS integer) + 1 WHERE '" + "x".repeat(4_000) + "' <> ''";
        long prepared = pool.withConnection(connection -> connection.preparedQuery(longStatement).execute(Tuple.of(41))
                        .chain(() -> connection.preparedQuery(longStatement).execute(Tuple.of(41)))
                        .chain(() -> connection.preparedQuery("SELECT count(*) FROM pg_prepared_statements WHERE statement = $1")
                                .execute(Tuple.of(longStatement)))
                        .map(rows -> rows.iterator().next().getLong(0)))
                .await().atMost(Duration.ofSeconds(30));
        assertEquals(1, prepared, "the long statement is prepared once on the connection that ran it");
    }
}
