package io.streamingcompanion.goalmenu;

import static io.restassured.RestAssured.given;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.streamingcompanion.testsupport.HostileInputContract;
import io.streamingcompanion.testsupport.TestTokens;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
class HostileInputTest extends HostileInputContract {

    private final Map<String, String> created = new HashMap<>();

    /** A real goal, menu item or animation rule, so hostile bodies get past the lookup to the update code. */
    @Override
    protected String existingId(String creatorId, String pathTemplate, String parameter) {
        if (!"id".equals(parameter)) {
            return null;
        }
        if (pathTemplate.startsWith("/api/goals/")) {
            return created.computeIfAbsent("goal", kind -> create(creatorId, "/api/goals",
                    Map.of("sessionId", UUID.randomUUID().toString(), "title", "Lights", "targetCents", 5000)));
        }
        if (pathTemplate.startsWith("/api/menu/")) {
            return created.computeIfAbsent("menu", kind -> create(creatorId, "/api/menu",
                    Map.of("title", "Song", "priceCents", 1250, "category", "request")));
        }
        if (pathTemplate.startsWith("/api/animations/rules/")) {
            return created.computeIfAbsent("rule", kind -> create(creatorId, "/api/animations/rules",
                    Map.of("thresholdCents", 1000, "type", "confetti")));
        }
        return null;
    }

    private static String create(String creatorId, String path, Map<String, Object> body) {
        return given().header("Authorization", TestTokens.bearer(creatorId)).contentType(ContentType.JSON).body(body)
                .post(path).then().statusCode(201).extract().path("id");
    }
}
