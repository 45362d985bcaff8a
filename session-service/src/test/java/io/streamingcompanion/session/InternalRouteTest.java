package io.streamingcompanion.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamingcompanion.commons.security.ServiceToken;
import io.streamingcompanion.contracts.overlay.OverlayKeys;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.streamingcompanion.testsupport.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
class InternalRouteTest {

    @Test
    void internalRoutesNeedTheServiceTokenNotACreatorToken() {
        String creator = "creator-" + UUID.randomUUID();
        String key = given().header("Authorization", TestTokens.bearer(creator)).get("/api/overlay/key")
                .then().statusCode(200).extract().path("key");
        String path = "/internal/overlay-keys/" + OverlayKeys.hash(key);

        given().get(path).then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer(creator)).get(path).then().statusCode(401);
        given().header(ServiceToken.HEADER, EmbeddedInfrastructureResource.SERVICE_TOKEN + "x").get(path).then().statusCode(401);
        given().header(ServiceToken.HEADER, EmbeddedInfrastructureResource.SERVICE_TOKEN.substring(1)).get(path)
                .then().statusCode(401);

        given().header(ServiceToken.HEADER, EmbeddedInfrastructureResource.SERVICE_TOKEN).get(path)
                .then().statusCode(200).body("creatorId", equalTo(creator));
        given().header(ServiceToken.HEADER, EmbeddedInfrastructureResource.SERVICE_TOKEN).get("/internal/overlay-keys/" + "0".repeat(64))
                .then().statusCode(404);
    }
}
