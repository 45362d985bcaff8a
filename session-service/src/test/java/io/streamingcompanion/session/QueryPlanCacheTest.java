package io.streamingcompanion.session;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.streamingcompanion.testsupport.TestTokens;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.hibernate.query.spi.QueryInterpretationCache;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.type.BindingContext;
import org.junit.jupiter.api.Test;

/**
 * Hibernate's query plan cache holds one plan per statement, however often it runs. A lock statement whose plan key
 * never equals the previous call's (a native query with a typed result) added a plan per outbox relay run, until the
 * 2,048 plans were copies of it and every HQL query was translated again on each execution.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
class QueryPlanCacheTest {

    private static final int UPDATES = 150;

    @Inject
    Mutiny.SessionFactory sessionFactory;

    @Test
    void recordingAndRelayingEventsOverAndOverCachesEachStatementOnce() {
        String token = TestTokens.bearer("creator-" + UUID.randomUUID());
        String id = given().header("Authorization", token).contentType(ContentType.JSON)
                .body(Map.of("platform", "chaturbate", "title", "Plans")).post("/api/sessions")
                .then().statusCode(201).extract().path("id");
        // Warm: every statement of the path below has run once.
        given().header("Authorization", token).contentType(ContentType.JSON)
                .body(Map.of("title", "warm")).patch("/api/sessions/" + id).then().statusCode(200);
        int before = plans();
        for (int i = 0; i < UPDATES; i++) {
            // Each update is its own transaction with an outbox event, so the relay runs after each (its lock first).
            given().header("Authorization", token).contentType(ContentType.JSON)
                    .body(Map.of("title", "Plans " + i)).patch("/api/sessions/" + id).then().statusCode(200);
        }
        int after = plans();
        assertTrue(after - before < 10, "query plans cached grew from " + before + " to " + after + " over " + UPDATES
                + " identical updates and their relay runs");
    }

    private int plans() {
        // The ORM session factory behind the reactive one, reached through its mapping metamodel.
        QueryInterpretationCache cache = ((BindingContext) sessionFactory.getMetamodel()).getTypeConfiguration()
                .getSessionFactory().getQueryEngine().getInterpretationCache();
        return cache.getNumberOfCachedQueryPlans();
    }
}
