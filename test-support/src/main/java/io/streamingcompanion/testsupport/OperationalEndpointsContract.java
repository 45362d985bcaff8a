package io.streamingcompanion.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * What an operator relies on in every service: health that checks the real dependencies, Prometheus
 * metrics, the OpenAPI document and Swagger UI. A service's test extends this and names its checks.
 */
public abstract class OperationalEndpointsContract {

    /** Substrings of the readiness check names this service must report (database, Kafka, Redis...). */
    protected abstract List<String> readinessChecks();

    /** The title the service's OpenAPI document carries. */
    protected abstract String openApiTitle();

    @Test
    void readinessChecksEveryDependencyAndIsUp() {
        // Another test of the JVM may just have stopped and restarted a dependency: ready again soon is right.
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
        List<String> names = given().get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP"))
                .extract().jsonPath().getList("checks.name", String.class);
        for (String expected : readinessChecks()) {
            if (names.stream().noneMatch(name -> name.contains(expected))) {
                throw new AssertionError("No readiness check named like '" + expected + "' in " + names);
            }
        }
    }

    @Test
    void livenessIsUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void prometheusMetricsAreExposed() {
        // Framework endpoints under /q are not counted; an API call (even a refused one) is.
        given().get("/api/anything").then().statusCode(401);
        given().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("http_server_requests_seconds_count"));
    }

    @Test
    void openApiAndSwaggerUiAreServed() {
        given().get("/q/openapi?format=json")
                .then().statusCode(200).body("info.title", equalTo(openApiTitle()));
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    @Test
    void theApiRequiresABearerToken() {
        given().get("/api/anything").then().statusCode(401);
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("components.securitySchemes.keySet()", hasItems("bearer"));
    }
}
