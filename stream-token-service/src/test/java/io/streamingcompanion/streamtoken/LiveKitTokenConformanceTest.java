package io.streamingcompanion.streamtoken;

import static io.restassured.RestAssured.given;
import static io.streamingcompanion.streamtoken.StreamTests.as;
import static io.streamingcompanion.streamtoken.StreamTests.claimsOf;
import static io.streamingcompanion.streamtoken.StreamTests.newCreator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.streamingcompanion.testsupport.TestTokens;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The tokens this service issues, checked by an independent implementation: the npm package livekit-server-sdk
 * (TokenVerifier) verifies signature, issuer and expiry, and every claim and grant is compared field by field.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
@WithTestResource(FakeLiveKitResource.class)
class LiveKitTokenConformanceTest {

    private static final Set<String> PARTICIPANT_GRANTS =
            Set.of("roomJoin", "room", "canPublish", "canSubscribe", "canPublishData", "canUpdateOwnMetadata");

    @Test
    void theCreatorsWebRtcTokenCarriesExactlyThePublishGrant() {
        String creator = newCreator();
        JsonPath response = as(creator).post("/api/stream/creator-webrtc-token")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(FakeLiveKitResource.PUBLIC_URL, response.getString("wsUrl"));
        assertEquals(creator, response.getString("roomId"));
        assertEquals(creator, response.getString("identity"));

        JsonNode claims = claimsOf(response.getString("token"));
        assertEquals(FakeLiveKit.API_KEY, claims.path("iss").asText());
        assertEquals(creator, claims.path("sub").asText());
        assertEquals(creator, claims.path("name").asText());
        assertEquals("creator", claims.path("attributes").path("role").asText());
        JsonNode video = claims.path("video");
        assertGrantKeys(video);
        assertTrue(video.path("roomJoin").asBoolean());
        assertEquals(creator, video.path("room").asText());
        assertTrue(video.path("canPublish").asBoolean());
        assertTrue(video.path("canSubscribe").asBoolean());
        assertTrue(video.path("canPublishData").asBoolean());
        assertFalse(video.path("canUpdateOwnMetadata").asBoolean());
        // Configured publisher TTL: 1 h, and the response says when it ends.
        assertTtl(claims, 3600);
        assertEquals(Instant.ofEpochSecond(claims.path("exp").asLong()), Instant.parse(response.getString("expiresAt")));
    }

    @Test
    void theCreatorAsViewerIsHostWithoutPublishing() {
        String creator = newCreator();
        JsonPath response = as(creator).post("/api/stream/creator-viewer-token")
                .then().statusCode(200).extract().jsonPath();
        JsonNode claims = claimsOf(response.getString("token"));
        assertEquals("Host-" + creator, claims.path("sub").asText());
        assertEquals("Host-" + creator, response.getString("identity"));
        assertEquals("host", claims.path("attributes").path("role").asText());
        JsonNode video = claims.path("video");
        assertGrantKeys(video);
        assertTrue(video.path("roomJoin").asBoolean());
        assertEquals(creator, video.path("room").asText());
        assertFalse(video.path("canPublish").asBoolean());
        assertTrue(video.path("canSubscribe").asBoolean());
        assertTrue(video.path("canPublishData").asBoolean());
        assertTtl(claims, 3600);

        // The same creator asking through the viewer endpoint is recognised as the host, too.
        JsonNode viaViewer = claimsOf(given().header("Authorization", TestTokens.bearer(creator))
                .contentType(ContentType.JSON).body(Map.of("username", creator)).post("/api/viewer/token")
                .then().statusCode(200).extract().path("token"));
        assertEquals("Host-" + creator, viaViewer.path("sub").asText());
        assertFalse(viaViewer.path("video").path("canPublish").asBoolean());
    }

    @Test
    void viewerTokensAreSubscribeOnlyAndChatFollowsTheChannelSettings() {
        String creator = newCreator();
        String username = "Alice" + UUID.randomUUID().toString().substring(0, 8);
        as(creator).body(Map.of("username", username)).put("/api/stream/username").then().statusCode(200);
        String viewer = "viewer-" + UUID.randomUUID();

        // Chat enabled (default): guests and signed-in viewers may publish data, never media.
        JsonPath guest = guestToken(username, "Bob");
        JsonNode guestClaims = claimsOf(guest.getString("token"));
        assertTrue(guestClaims.path("sub").asText().startsWith("guest-"), guestClaims.toString());
        assertEquals(guest.getString("identity"), guestClaims.path("sub").asText());
        assertEquals("Bob", guestClaims.path("name").asText());
        assertEquals("guest", guestClaims.path("attributes").path("role").asText());
        assertTrue(guest.getBoolean("guest"));
        assertViewerGrant(guestClaims, creator, true);
        assertTtl(guestClaims, 7200);

        JsonNode signedIn = claimsOf(viewerToken(viewer, username).getString("token"));
        assertEquals(viewer, signedIn.path("sub").asText());
        assertEquals("viewer", signedIn.path("attributes").path("role").asText());
        assertViewerGrant(signedIn, creator, true);

        // Every guest is a distinct participant: LiveKit would disconnect a second one with the same identity.
        Set<String> identities = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            identities.add(claimsOf(guestToken(username, null).getString("token")).path("sub").asText());
        }
        assertEquals(3, identities.size());

        // Chat disabled: nobody may publish data.
        as(creator).body(Map.of("isChatEnabled", false)).patch("/api/stream").then().statusCode(200);
        JsonPath disabled = guestToken(username, null);
        assertFalse(disabled.getBoolean("canPublishData"));
        assertViewerGrant(claimsOf(disabled.getString("token")), creator, false);
        assertViewerGrant(claimsOf(viewerToken(viewer, username).getString("token")), creator, false);

        // Followers only (no follower store yet: signed-in viewers only): guests no, signed-in viewers yes.
        as(creator).body(Map.of("isChatEnabled", true, "isChatFollowersOnly", true)).patch("/api/stream")
                .then().statusCode(200);
        assertViewerGrant(claimsOf(guestToken(username, null).getString("token")), creator, false);
        JsonPath follower = viewerToken(viewer, username);
        assertTrue(follower.getBoolean("isChatFollowersOnly"));
        assertViewerGrant(claimsOf(follower.getString("token")), creator, true);
    }

    @Test
    void theNodeSdkRejectsOurTokensUnderAnotherSecretOrKey() {
        String token = as(newCreator()).post("/api/stream/creator-webrtc-token").then().statusCode(200)
                .extract().path("token");
        var results = StreamTests.verifyTokens(FakeLiveKit.API_KEY, FakeLiveKit.API_SECRET + "x", List.of(token));
        assertFalse(results.get(0).path("ok").asBoolean(), results.toString());
        results = StreamTests.verifyTokens("another-key", FakeLiveKit.API_SECRET, List.of(token));
        assertFalse(results.get(0).path("ok").asBoolean(), results.toString());
        assertNotEquals("", results.get(0).path("error").asText());
    }

    private static JsonPath guestToken(String username, String name) {
        Map<String, String> body = name == null ? Map.of("username", username) : Map.of("username", username, "name", name);
        return given().contentType(ContentType.JSON).body(body).post("/api/viewer/token")
                .then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath viewerToken(String viewer, String username) {
        return as(viewer).body(Map.of("username", username)).post("/api/viewer/token")
                .then().statusCode(200).extract().jsonPath();
    }

    private static void assertViewerGrant(JsonNode claims, String room, boolean canPublishData) {
        JsonNode video = claims.path("video");
        assertGrantKeys(video);
        assertTrue(video.path("roomJoin").asBoolean());
        assertEquals(room, video.path("room").asText());
        assertFalse(video.path("canPublish").asBoolean(), video.toString());
        assertTrue(video.path("canSubscribe").asBoolean());
        assertEquals(canPublishData, video.path("canPublishData").asBoolean(), video.toString());
        assertFalse(video.path("canUpdateOwnMetadata").asBoolean());
    }

    /** No admin or other grant slips in: exactly the participant fields. */
    private static void assertGrantKeys(JsonNode video) {
        Set<String> keys = new HashSet<>();
        video.fieldNames().forEachRemaining(keys::add);
        assertEquals(PARTICIPANT_GRANTS, keys);
    }

    private static void assertTtl(JsonNode claims, long seconds) {
        long remaining = claims.path("exp").asLong() - Instant.now().getEpochSecond();
        assertTrue(remaining <= seconds && remaining > seconds - 60, "exp is " + remaining + " s away, expected ~" + seconds);
    }
}
