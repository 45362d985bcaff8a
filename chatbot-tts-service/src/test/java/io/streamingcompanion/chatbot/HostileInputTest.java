package io.streamingcompanion.chatbot;

import static io.restassured.RestAssured.given;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.streamingcompanion.testsupport.HostileInputContract;
import io.streamingcompanion.testsupport.TestTokens;
import java.util.List;
import java.util.Map;

@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
class HostileInputTest extends HostileInputContract {

    private String personaId;

    /** A real persona, so hostile bodies reach the replace and toggle code behind the lookup. */
    @Override
    protected String existingId(String creatorId, String pathTemplate, String parameter) {
        if (!"id".equals(parameter) || !pathTemplate.startsWith("/api/chatbot/personas/")) {
            return null;
        }
        if (personaId == null) {
            personaId = given().header("Authorization", TestTokens.bearer(creatorId)).contentType(ContentType.JSON)
                    .body(Map.of("name", "Sweep", "triggers", List.of(Map.of("kind", "command", "pattern", "!menu",
                            "templates", List.of("{menu}")))))
                    .post("/api/chatbot/personas").then().statusCode(201).extract().path("id");
        }
        return personaId;
    }
}
