package io.streamingcompanion.streamtoken;

import static io.restassured.RestAssured.given;
import static io.streamingcompanion.streamtoken.StreamTests.as;
import static io.streamingcompanion.streamtoken.StreamTests.ingressEvent;
import static io.streamingcompanion.streamtoken.StreamTests.newCreator;
import static io.streamingcompanion.streamtoken.StreamTests.sign;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.Topics;
import io.streamingcompanion.contracts.stream.StreamLiveChanged;
import io.streamingcompanion.streamtoken.FakeLiveKit.Call;
import io.streamingcompanion.testsupport.DomainEventConsumer;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Ingress and room calls against {@link FakeLiveKit}, which checks LiveKit's Twirp paths, the Bearer JWT (verified
 * independently) with its admin grant, and the protobuf-JSON request bodies.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
@WithTestResource(FakeLiveKitResource.class)
class IngressAndRoomTest {

    private final FakeLiveKit liveKit = FakeLiveKit.shared();

    @Test
    void anRtmpIngressIsCreatedThroughLiveKitsIngressApi() {
        String creator = newCreator();
        JsonPath created = as(creator).body("{}").post("/api/stream/ingress")
                .then().statusCode(201).extract().jsonPath();
        String ingressId = created.getString("ingressId");
        assertEquals("RTMP", created.getString("inputType"));
        assertEquals("rtmp://ingress.fake-livekit.test/x", created.getString("serverUrl"));
        String streamKey = created.getString("streamKey");
        assertTrue(liveKit.ingressExists(ingressId));

        Call create = single(liveKit.callsFor(creator), "CreateIngress");
        assertEquals("IngressService", create.service());
        assertTrue(create.contentType().startsWith("application/json"));
        assertTrue(create.authorization().startsWith("Bearer "));
        assertEquals(Boolean.TRUE, create.video().get("ingressAdmin"));
        assertFalse(create.video().containsKey("roomJoin"), "an admin token joins no room");
        JsonNode body = create.body();
        assertEquals("RTMP_INPUT", body.path("inputType").asText());
        assertEquals(creator, body.path("roomName").asText());
        assertEquals(creator, body.path("participantIdentity").asText());
        assertEquals(creator, body.path("participantName").asText());
        assertEquals(creator + "-rtmp", body.path("name").asText());
        assertFalse(body.has("enableTranscoding"), "RTMP keeps LiveKit's default transcoding");
        // Then the room's other ingresses were listed (to delete them: there were none).
        assertEquals(creator, single(liveKit.callsFor(creator), "ListIngress").body().path("roomName").asText());
        assertTrue(liveKit.calls("DeleteIngress").stream().noneMatch(call -> call.body().path("ingressId").asText()
                .equals(ingressId)));
        assertTrue(liveKit.callsFor(creator).stream().allMatch(call -> call.rejected() == null));

        as(creator).get("/api/stream").then().statusCode(200)
                .body("mode", equalTo("RTMP"))
                .body("ingress.ingressId", equalTo(ingressId))
                .body("ingress.streamKey", equalTo(streamKey))
                .body("ingress.serverUrl", equalTo("rtmp://ingress.fake-livekit.test/x"));
        // The key is the creator's secret: never in public info.
        String publicInfo = given().get("/api/viewer/stream/" + creator).then().statusCode(200).extract().asString();
        assertFalse(publicInfo.contains(streamKey), publicInfo);
        assertFalse(publicInfo.contains(ingressId), publicInfo);
        assertFalse(publicInfo.contains("rtmp://"), publicInfo);
    }

    @Test
    void resetGivesANewKeyAndDeletesTheOldIngressAndDeleteRemovesIt() {
        String creator = newCreator();
        JsonPath first = as(creator).body(Map.of("inputType", "WHIP")).post("/api/stream/ingress")
                .then().statusCode(201).extract().jsonPath();
        assertEquals("WHIP", first.getString("inputType"));
        Call create = single(liveKit.callsFor(creator), "CreateIngress");
        assertEquals("WHIP_INPUT", create.body().path("inputType").asText());
        assertFalse(create.body().path("enableTranscoding").asBoolean(true), "WHIP is forwarded without transcoding");
        assertTrue(create.body().has("enableTranscoding"));

        JsonPath reset = as(creator).post("/api/stream/ingress/reset").then().statusCode(200).extract().jsonPath();
        assertEquals("WHIP", reset.getString("inputType"));
        assertNotEquals(first.getString("ingressId"), reset.getString("ingressId"));
        assertNotEquals(first.getString("streamKey"), reset.getString("streamKey"));
        assertFalse(liveKit.ingressExists(first.getString("ingressId")), "the old key must stop working");
        assertEquals(1, liveKit.deletesOf(first.getString("ingressId")).size());
        Call delete = liveKit.deletesOf(first.getString("ingressId")).get(0);
        assertEquals(Boolean.TRUE, delete.video().get("ingressAdmin"));
        assertEquals(List.of(reset.getString("ingressId")), liveKit.ingressIdsOfRoom(creator));
        as(creator).get("/api/stream").then().body("ingress.streamKey", equalTo(reset.getString("streamKey")))
                .body("mode", equalTo("WHIP"));

        as(creator).delete("/api/stream/ingress").then().statusCode(204);
        assertEquals(List.of(), liveKit.ingressIdsOfRoom(creator));
        as(creator).get("/api/stream").then().body("ingress", nullValue());
        as(creator).post("/api/stream/ingress/reset").then().statusCode(404).contentType("application/problem+json");
        as(creator).body(Map.of("inputType", "srt")).post("/api/stream/ingress").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("inputType"));
    }

    @Test
    void anotherCreatorCanNeitherSeeNorTouchMyIngress() {
        String owner = newCreator();
        JsonPath mine = as(owner).post("/api/stream/ingress").then().statusCode(201).extract().jsonPath();
        String intruder = newCreator();
        as(intruder).post("/api/stream/ingress/reset").then().statusCode(404);
        as(intruder).delete("/api/stream/ingress").then().statusCode(204);
        as(intruder).get("/api/stream").then().statusCode(200)
                .body("creatorId", equalTo(intruder)).body("ingress", nullValue());
        assertTrue(liveKit.ingressExists(mine.getString("ingressId")));
        as(owner).get("/api/stream").then().body("ingress.streamKey", equalTo(mine.getString("streamKey")));
    }

    @Test
    void liveKitUnreachableIs503AndChangesNothing() {
        String creator = newCreator();
        JsonPath mine = as(creator).post("/api/stream/ingress").then().statusCode(201).extract().jsonPath();
        liveKit.stop();
        try {
            as(creator).post("/api/stream/ingress/reset").then().statusCode(503)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:streaming:problem:livekit-unavailable"))
                    .body("detail", containsString("not reachable"))
                    .body("detail", containsString("LIVEKIT_URL"));
            as(creator).body(Map.of("inputType", "WHIP")).post("/api/stream/ingress").then().statusCode(503);
            as(creator).delete("/api/stream/ingress").then().statusCode(503);
            // Tokens and the channel do not need LiveKit.
            as(creator).post("/api/stream/creator-webrtc-token").then().statusCode(200);
            as(creator).get("/api/stream").then().statusCode(200)
                    .body("ingress.streamKey", equalTo(mine.getString("streamKey")));
        } finally {
            liveKit.start();
        }
        as(creator).get("/api/stream").then().body("ingress.ingressId", equalTo(mine.getString("ingressId")));
    }

    @Test
    void liveKitRefusingOurCredentialsIs502WithTheReason() {
        String creator = newCreator();
        liveKit.failWith(401, "unauthenticated", "invalid API key");
        try {
            as(creator).post("/api/stream/ingress").then().statusCode(502)
                    .contentType("application/problem+json")
                    .body("detail", containsString("LIVEKIT_API_KEY"));
        } finally {
            liveKit.succeed();
        }
        as(creator).get("/api/stream").then().body("ingress", nullValue());
    }

    @Test
    void deletingTheIngressWhileLiveFromItEndsTheStream() {
        String creator = newCreator();
        String ingressId = as(creator).post("/api/stream/ingress").then().statusCode(201).extract().path("ingressId");
        sign(ingressEvent("ingress_started", creator, ingressId, "RTMP_INPUT")).post().then().statusCode(200);
        as(creator).get("/api/stream").then().body("isLive", equalTo(true));

        as(creator).delete("/api/stream/ingress").then().statusCode(204);
        as(creator).get("/api/stream").then().body("isLive", equalTo(false));
        // LiveKit's late ingress_ended for it changes nothing more.
        sign(ingressEvent("ingress_ended", creator, ingressId, "RTMP_INPUT")).post()
                .then().statusCode(200).body("outcome", equalTo("ignored"));
        try (DomainEventConsumer events = new DomainEventConsumer(Topics.STREAMS)) {
            StreamLiveChanged ended = events.await(EventTypes.STREAM_LIVE_CHANGED, creator, change -> !change.live(),
                    Duration.ofSeconds(20)).payload();
            assertEquals("ingress", ended.cause());
        }
    }

    @Test
    void changedChatSettingsArePushedToViewersAlreadyInTheRoom() {
        String creator = newCreator();
        as(creator).get("/api/stream").then().statusCode(200);
        liveKit.addParticipant(creator, creator, null, "creator", true);
        liveKit.addParticipant(creator, "Host-" + creator, null, "host", true);
        liveKit.addParticipant(creator, "guest-1", null, "guest", true);
        liveKit.addParticipant(creator, "viewer-1", "STANDARD", "viewer", true);
        liveKit.addParticipant(creator, creator + "-obs", "INGRESS", null, false);

        as(creator).body(Map.of("isChatEnabled", false)).patch("/api/stream").then().statusCode(200)
                .body("isChatEnabled", equalTo(false));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> updates(creator).size() == 2);
        assertEquals(Set.of("guest-1", "viewer-1"), updates(creator).stream()
                .map(call -> call.body().path("identity").asText()).collect(Collectors.toSet()));
        for (Call update : updates(creator)) {
            assertNull(update.rejected(), update.toString());
            assertEquals(Boolean.TRUE, update.video().get("roomAdmin"));
            assertEquals(creator, update.video().get("room"));
            assertEquals(creator, update.body().path("room").asText());
            assertFalse(update.body().path("permission").path("canPublishData").asBoolean(true));
            assertTrue(update.body().path("permission").path("canSubscribe").asBoolean());
        }
        Call list = single(liveKit.callsFor(creator), "ListParticipants");
        assertEquals(Boolean.TRUE, list.video().get("roomAdmin"));
        assertTrue(liveKit.participant(creator, creator).path("permission").path("canPublishData").asBoolean());
        assertTrue(liveKit.participant(creator, "Host-" + creator).path("permission").path("canPublishData").asBoolean());

        // Followers only: signed-in viewers may chat again, guests still not.
        as(creator).body(Map.of("isChatEnabled", true, "isChatFollowersOnly", true)).patch("/api/stream")
                .then().statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> updates(creator).size() == 3);
        assertTrue(liveKit.participant(creator, "viewer-1").path("permission").path("canPublishData").asBoolean());
        assertFalse(liveKit.participant(creator, "guest-1").path("permission").path("canPublishData").asBoolean());
    }

    @Test
    void chatSettingsAreSavedWhenTheRoomDoesNotExist() {
        String creator = newCreator();
        as(creator).body(Map.of("isChatDelayed", true, "isChatEnabled", false)).patch("/api/stream")
                .then().statusCode(200).body("isChatDelayed", equalTo(true));
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> !liveKit.calls("ListParticipants").stream()
                        .filter(call -> creator.equals(call.body().path("room").asText())).toList().isEmpty());
        assertEquals(0, updates(creator).size());
        as(creator).get("/api/stream").then().body("isChatEnabled", equalTo(false));
    }

    private List<Call> updates(String room) {
        return liveKit.callsFor(room).stream().filter(call -> call.method().equals("UpdateParticipant")).toList();
    }

    private static Call single(List<Call> calls, String method) {
        List<Call> matching = calls.stream().filter(call -> call.method().equals(method)).toList();
        assertEquals(1, matching.size(), method + " calls: " + matching);
        return matching.get(0);
    }
}
