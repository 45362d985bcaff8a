package io.streamingcompanion.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.streamingcompanion.commons.security.ServiceToken;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.Topics;
import io.streamingcompanion.contracts.overlay.OverlayKeys;
import io.streamingcompanion.testsupport.DomainEventConsumer;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.streamingcompanion.testsupport.TestTokens;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
class OverlayKeyTest {

    @Test
    void aKeyIsStableUntilRotatedAndTheOldOneStopsResolving() {
        String creator = "creator-" + UUID.randomUUID();
        String token = TestTokens.bearer(creator);
        String key = given().header("Authorization", token).get("/api/overlay/key")
                .then().statusCode(200).body("key", startsWith("ovl_"))
                .body("socketPath", startsWith("/streaming/overlay?key=")).extract().path("key");
        given().header("Authorization", token).get("/api/overlay/key").then().body("key", equalTo(key));

        given().header(ServiceToken.HEADER, EmbeddedInfrastructureResource.SERVICE_TOKEN).get("/internal/overlay-keys/" + OverlayKeys.hash(key)).then().statusCode(200)
                .body("creatorId", equalTo(creator)).body("activeSessionId", nullValue());
        String session = given().header("Authorization", token).contentType(ContentType.JSON)
                .body(Map.of("platform", "other")).post("/api/sessions").then().statusCode(201).extract().path("id");
        given().header(ServiceToken.HEADER, EmbeddedInfrastructureResource.SERVICE_TOKEN).get("/internal/overlay-keys/" + OverlayKeys.hash(key)).then().body("activeSessionId", equalTo(session));

        String rotated = given().header("Authorization", token).post("/api/overlay/key/rotate")
                .then().statusCode(200).extract().path("key");
        assertNotEquals(key, rotated);
        given().header(ServiceToken.HEADER, EmbeddedInfrastructureResource.SERVICE_TOKEN).get("/internal/overlay-keys/" + OverlayKeys.hash(key)).then().statusCode(404);
        given().header(ServiceToken.HEADER, EmbeddedInfrastructureResource.SERVICE_TOKEN).get("/internal/overlay-keys/" + OverlayKeys.hash(rotated)).then().statusCode(200)
                .body("creatorId", equalTo(creator));

        try (DomainEventConsumer events = new DomainEventConsumer(Topics.OVERLAYS)) {
            var changed = events.await(EventTypes.OVERLAY_KEY_CHANGED, creator,
                    payload -> OverlayKeys.hash(rotated).equals(payload.keyHash()), Duration.ofSeconds(20));
            assertEquals(OverlayKeys.hash(key), changed.payload().previousKeyHash());
        }
        // Another creator gets a key of their own, and never this one.
        String other = given().header("Authorization", TestTokens.bearer("creator-" + UUID.randomUUID()))
                .get("/api/overlay/key").then().statusCode(200).extract().path("key");
        assertNotEquals(rotated, other);
        given().get("/api/overlay/key").then().statusCode(401);
    }
}
