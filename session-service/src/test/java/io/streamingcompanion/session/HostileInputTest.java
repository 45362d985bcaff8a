package io.streamingcompanion.session;

import static io.restassured.RestAssured.given;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.streamingcompanion.testsupport.HostileInputContract;
import io.streamingcompanion.testsupport.TestTokens;
import java.util.Map;

@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
class HostileInputTest extends HostileInputContract {

    private String sessionId;

    @Override
    protected String existingId(String creatorId, String pathTemplate, String parameter) {
        if (!"id".equals(parameter) || !pathTemplate.startsWith("/api/sessions/")) {
            return null;
        }
        if (sessionId == null) {
            sessionId = given().header("Authorization", TestTokens.bearer(creatorId)).contentType(ContentType.JSON)
                    .body(Map.of("platform", "other")).post("/api/sessions").then().statusCode(201).extract().path("id");
        }
        return sessionId;
    }
}
