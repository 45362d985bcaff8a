package io.streamingcompanion.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.streamingcompanion.commons.security.ServiceToken;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.streamingcompanion.testsupport.TestTokens;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The routes a platform connector drives a creator's sessions with, holding the service token. */
@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
class InternalSessionTest {

    private static RequestSpecification internal() {
        return given().header(ServiceToken.HEADER, EmbeddedInfrastructureResource.SERVICE_TOKEN).contentType(ContentType.JSON);
    }

    @Test
    void aBroadcastStartsOneSessionAViewerCountReachesItAndTheStopEndsIt() {
        String creator = "creator-" + UUID.randomUUID();
        Map<String, Object> start = Map.of("creatorId", creator, "platform", "chaturbate", "title", "On Chaturbate");
        String id = internal().body(start).post("/internal/sessions/ensure-active").then().statusCode(200)
                .body("platform", equalTo("chaturbate")).body("status", equalTo("active")).extract().path("id");
        internal().body(start).post("/internal/sessions/ensure-active").then().statusCode(200).body("id", equalTo(id));

        internal().body(Map.of("creatorId", creator, "viewerCount", 12)).post("/internal/sessions/viewers")
                .then().statusCode(200).body("currentViewers", equalTo(12)).body("peakViewers", equalTo(12));
        internal().body(Map.of("creatorId", creator, "viewerCount", 5)).post("/internal/sessions/viewers")
                .then().statusCode(200).body("currentViewers", equalTo(5)).body("peakViewers", equalTo(12));

        internal().body(Map.of("creatorId", creator, "platform", "chaturbate")).post("/internal/sessions/end-active")
                .then().statusCode(200).body("id", equalTo(id)).body("status", equalTo("ended"));
        internal().body(Map.of("creatorId", creator, "platform", "chaturbate")).post("/internal/sessions/end-active")
                .then().statusCode(204);
        internal().body(Map.of("creatorId", creator, "viewerCount", 3)).post("/internal/sessions/viewers").then().statusCode(204);
    }

    @Test
    void aSessionTheCreatorStartedHerselfIsKeptAndNotEndedByThePlatform() {
        String creator = "creator-" + UUID.randomUUID();
        String own = given().header("Authorization", TestTokens.bearer(creator)).contentType(ContentType.JSON)
                .body(Map.of("platform", "other")).post("/api/sessions").then().statusCode(201).extract().path("id");
        internal().body(Map.of("creatorId", creator, "platform", "chaturbate")).post("/internal/sessions/ensure-active")
                .then().statusCode(200).body("id", equalTo(own)).body("platform", equalTo("other"));
        internal().body(Map.of("creatorId", creator, "platform", "chaturbate")).post("/internal/sessions/end-active")
                .then().statusCode(204);
        given().header("Authorization", TestTokens.bearer(creator)).get("/api/sessions/" + own).then().body("status", equalTo("active"));
    }

    @Test
    void badInputAndMissingServiceTokenAreRefused() {
        String creator = "creator-" + UUID.randomUUID();
        given().header("Authorization", TestTokens.bearer(creator)).contentType(ContentType.JSON)
                .body(Map.of("creatorId", creator, "platform", "chaturbate")).post("/internal/sessions/ensure-active")
                .then().statusCode(401);
        internal().body(Map.of("creatorId", creator, "platform", "livekit")).post("/internal/sessions/ensure-active")
                .then().statusCode(400).contentType("application/problem+json");
        internal().body(Map.of("creatorId", creator, "platform", "nope")).post("/internal/sessions/ensure-active")
                .then().statusCode(400);
        internal().body(Map.of("creatorId", creator, "viewerCount", -1)).post("/internal/sessions/viewers").then().statusCode(400);
        internal().body(Map.of("platform", "chaturbate")).post("/internal/sessions/end-active").then().statusCode(400);
    }
}
