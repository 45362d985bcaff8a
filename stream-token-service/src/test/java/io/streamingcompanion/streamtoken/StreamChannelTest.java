package io.streamingcompanion.streamtoken;

import static io.restassured.RestAssured.given;
import static io.streamingcompanion.streamtoken.StreamTests.as;
import static io.streamingcompanion.streamtoken.StreamTests.envelopes;
import static io.streamingcompanion.streamtoken.StreamTests.newCreator;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.streamingcompanion.contracts.EventEnvelope;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.Topics;
import io.streamingcompanion.contracts.stream.StreamLiveChanged;
import io.streamingcompanion.testsupport.DomainEventConsumer;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
@WithTestResource(FakeLiveKitResource.class)
class StreamChannelTest {

    @Test
    void firstUseCreatesTheChannelAndAClaimedUsernameNamesIt() {
        String creator = newCreator();
        String username = "Alice_" + UUID.randomUUID().toString().substring(0, 8);
        as(creator, username).get("/api/stream").then().statusCode(200)
                .body("creatorId", equalTo(creator))
                .body("roomName", equalTo(creator))
                .body("username", nullValue())
                .body("title", equalTo(username + "'s stream"))
                .body("mode", equalTo("WEBRTC"))
                .body("isLive", equalTo(false))
                .body("viewerCount", equalTo(0))
                .body("isChatEnabled", equalTo(true))
                .body("isChatDelayed", equalTo(false))
                .body("isChatFollowersOnly", equalTo(false))
                .body("ingress", nullValue());
        // The token's name claims nothing: viewers find the channel by username only once it is claimed.
        given().get("/api/viewer/stream/" + username).then().statusCode(404);
        as(creator).post("/api/stream/creator-webrtc-token").then().statusCode(200).body("name", equalTo(creator));
        as(creator).body(Map.of("username", username)).put("/api/stream/username").then().statusCode(200)
                .body("username", equalTo(username));
        // Tokens reuse the channel's name for a while without reading it; a claim takes effect at once all the same.
        as(creator).post("/api/stream/creator-webrtc-token").then().statusCode(200).body("name", equalTo(username));
        as(creator).post("/api/stream/creator-viewer-token").then().statusCode(200).body("name", equalTo(username));

        // Viewers find it by username (any case) or by creator id, anonymously.
        for (String name : List.of(username, username.toLowerCase(), creator)) {
            given().get("/api/viewer/stream/" + name).then().statusCode(200)
                    .body("username", equalTo(username))
                    .body("roomName", equalTo(creator))
                    .body("title", equalTo(username + "'s stream"))
                    .body("isLive", equalTo(false))
                    .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("ingress")))
                    .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("streamKey")));
        }

        // Another creator cannot take it, whatever their token says or however they spell it.
        String other = newCreator();
        as(other, username).get("/api/stream").then().statusCode(200).body("username", nullValue());
        as(other).body(Map.of("username", username.toUpperCase())).put("/api/stream/username").then().statusCode(409)
                .contentType("application/problem+json");
        // Nor another channel's creator id, which viewers can also find a channel by.
        String shortId = "cr-" + UUID.randomUUID().toString().substring(0, 8);
        as(shortId).get("/api/stream").then().statusCode(200);
        as(other).body(Map.of("username", shortId)).put("/api/stream/username").then().statusCode(409);
        given().get("/api/viewer/stream/" + username).then().body("roomName", equalTo(creator));
    }

    @Test
    void usernamesAreCheckedAndReservedOnesRefused() {
        String creator = newCreator();
        for (String invalid : List.of("ab", "a".repeat(31), "has space", "-dash-first", "dots.in", "ünï")) {
            as(creator).body(Map.of("username", invalid)).put("/api/stream/username").then().statusCode(400);
        }
        for (String reserved : List.of("admin", "Host-" + creator.substring(0, 8), "guest-abc", "watch")) {
            as(creator).body(Map.of("username", reserved)).put("/api/stream/username").then().statusCode(409);
        }
        // Renaming frees the old name.
        String first = "First_" + UUID.randomUUID().toString().substring(0, 8);
        String second = "Second_" + UUID.randomUUID().toString().substring(0, 8);
        as(creator).body(Map.of("username", first)).put("/api/stream/username").then().statusCode(200);
        as(creator).body(Map.of("username", second)).put("/api/stream/username").then().statusCode(200);
        as(newCreator()).body(Map.of("username", first)).put("/api/stream/username").then().statusCode(200);
    }

    @Test
    void aViewerCannotJoinAsTheHostIdentity() {
        String creator = newCreator();
        as(creator).get("/api/stream").then().statusCode(200);
        as("Host-" + creator).body(Map.of("username", creator)).post("/api/viewer/token").then().statusCode(403)
                .contentType("application/problem+json");
        as("guest-" + UUID.randomUUID()).body(Map.of("username", creator)).post("/api/viewer/token").then().statusCode(403);
    }

    @Test
    void concurrentFirstUsesCreateOneChannel() throws Exception {
        String creator = newCreator();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> as(creator).get("/api/stream").statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : pool.invokeAll(calls)) {
                statuses.add(status.get());
            }
            assertEquals(List.of(200, 200, 200, 200, 200, 200), statuses);
        } finally {
            pool.shutdownNow();
        }
        as(creator).get("/api/stream").then().statusCode(200).body("creatorId", equalTo(creator));
    }

    @Test
    void patchChangesOnlyTheGivenFields() {
        String creator = newCreator();
        as(creator).body(Map.of("title", "  Friday cosplay  ", "description", "Costumes!",
                        "thumbnail", "https://cdn.example.test/t.png"))
                .patch("/api/stream").then().statusCode(200)
                .body("title", equalTo("Friday cosplay"))
                .body("description", equalTo("Costumes!"))
                .body("thumbnail", equalTo("https://cdn.example.test/t.png"));
        as(creator).body(Map.of("isChatDelayed", true)).patch("/api/stream").then().statusCode(200)
                .body("title", equalTo("Friday cosplay"))
                .body("isChatDelayed", equalTo(true))
                .body("isChatEnabled", equalTo(true));
        given().get("/api/viewer/stream/" + creator).then().statusCode(200)
                .body("title", equalTo("Friday cosplay")).body("isChatDelayed", equalTo(true));
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        String creator = newCreator();
        as(creator).body(Map.of("title", "Keep me")).patch("/api/stream").then().statusCode(200);
        as(creator).body(Map.of("title", "   ")).patch("/api/stream").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("title"));
        as(creator).body(Map.of("title", "x".repeat(201))).patch("/api/stream").then().statusCode(400)
                .body("errors[0].field", equalTo("title"));
        as(creator).body(Map.of("thumbnail", "javascript:alert(1)")).patch("/api/stream").then().statusCode(400)
                .body("errors[0].field", equalTo("thumbnail"));
        as(creator).body(Map.of("isChatEnabled", "maybe")).patch("/api/stream").then().statusCode(400)
                .contentType("application/problem+json");
        as(creator).body("{\"title\": ").patch("/api/stream").then().statusCode(400)
                .contentType("application/problem+json");
        as(creator).get("/api/stream").then().body("title", equalTo("Keep me"));

        given().contentType(ContentType.JSON).body(Map.of("username", " ")).post("/api/viewer/token")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("username"));
        given().contentType(ContentType.JSON).body(Map.of("username", creator, "name", "n".repeat(65)))
                .post("/api/viewer/token").then().statusCode(400).body("errors[0].field", equalTo("name"));
        given().contentType(ContentType.JSON).post("/api/viewer/token").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("username", "nobody-" + UUID.randomUUID()))
                .post("/api/viewer/token").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/viewer/stream/nobody-" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void startAndStopBrowserPublishOneLiveChangedEachWay() {
        String creator = newCreator();
        as(creator).body(Map.of("title", "Camera test")).patch("/api/stream").then().statusCode(200);
        as(creator).post("/api/stream/start-browser").then().statusCode(200)
                .body("isLive", equalTo(true)).body("liveSource", equalTo("BROWSER")).body("mode", equalTo("WEBRTC"))
                .body("liveSince", notNullValue());
        as(creator).post("/api/stream/start-browser").then().statusCode(200).body("isLive", equalTo(true));
        given().get("/api/viewer/stream/" + creator).then().body("isLive", equalTo(true));
        as(creator).post("/api/stream/stop-browser").then().statusCode(200)
                .body("isLive", equalTo(false)).body("liveSince", nullValue());
        as(creator).post("/api/stream/stop-browser").then().statusCode(200).body("isLive", equalTo(false));

        try (DomainEventConsumer events = new DomainEventConsumer(Topics.STREAMS)) {
            var started = events.await(EventTypes.STREAM_LIVE_CHANGED, creator, Duration.ofSeconds(20));
            StreamLiveChanged live = started.payload();
            assertTrue(live.live());
            assertEquals(creator, live.creatorId());
            assertEquals("WEBRTC", live.mode());
            assertEquals("browser", live.cause());
            assertEquals("Camera test", live.title());
            assertEquals(creator, started.envelope().creatorId());
            assertEquals(creator, started.record().key());
            assertEquals(EventTypes.STREAM_LIVE_CHANGED.name(),
                    new String(started.record().headers().lastHeader("event-type").value(), StandardCharsets.UTF_8));
            var stopped = events.await(EventTypes.STREAM_LIVE_CHANGED, creator, change -> !change.live(),
                    Duration.ofSeconds(20));
            assertEquals("browser", stopped.payload().cause());
            assertTrue(started.record().offset() < stopped.record().offset());

            List<EventEnvelope> all = envelopes(events.recordsFor(creator, Duration.ofSeconds(2)),
                    EventTypes.STREAM_LIVE_CHANGED.name());
            assertEquals(2, all.size(), "repeated start/stop publish nothing");
            // Never the stream key or anything of the ingress in an event.
            all.forEach(envelope -> assertFalse(EventJson.write(envelope).contains("streamKey")));
        }
    }

    @Test
    void creatorEndpointsNeedATokenViewerEndpointsDoNot() {
        for (String path : List.of("/api/stream/creator-webrtc-token", "/api/stream/creator-viewer-token",
                "/api/stream/start-browser", "/api/stream/stop-browser", "/api/stream/ingress",
                "/api/stream/ingress/reset")) {
            given().contentType(ContentType.JSON).post(path).then().statusCode(401);
        }
        given().get("/api/stream").then().statusCode(401);
        given().header("Authorization", "Bearer not-a-token").get("/api/stream").then().statusCode(401);
        // Anonymous viewer endpoints; a bearer token that is sent must be valid.
        String creator = newCreator();
        as(creator).get("/api/stream").then().statusCode(200);
        given().get("/api/viewer/stream/" + creator).then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("username", creator)).post("/api/viewer/token")
                .then().statusCode(200).body("guest", equalTo(true));
        given().header("Authorization", "Bearer not-a-token").contentType(ContentType.JSON)
                .body(Map.of("username", creator)).post("/api/viewer/token").then().statusCode(401);
    }

    @Test
    void anotherCreatorsChannelIsNeverVisibleNorChangeable() {
        String owner = newCreator();
        as(owner).body(Map.of("title", "Owner only", "isChatEnabled", false)).patch("/api/stream").then().statusCode(200);
        String streamKey = as(owner).post("/api/stream/ingress").then().statusCode(201).extract().path("streamKey");

        String intruder = newCreator();
        String intruderView = as(intruder).get("/api/stream").then().statusCode(200)
                .body("creatorId", equalTo(intruder)).extract().asString();
        assertFalse(intruderView.contains(streamKey));
        assertFalse(intruderView.contains("Owner only"));
        as(intruder).body(Map.of("title", "hacked")).patch("/api/stream").then().statusCode(200);
        as(intruder).post("/api/stream/start-browser").then().statusCode(200);
        String intruderToken = as(intruder).post("/api/stream/creator-webrtc-token").then().statusCode(200)
                .body("roomId", equalTo(intruder)).extract().path("token");
        assertEquals(intruder, StreamTests.claimsOf(intruderToken).path("video").path("room").asText());

        as(owner).get("/api/stream").then()
                .body("title", equalTo("Owner only"))
                .body("isLive", equalTo(false))
                .body("isChatEnabled", equalTo(false))
                .body("ingress.streamKey", equalTo(streamKey));
        String publicInfo = given().get("/api/viewer/stream/" + owner).then().statusCode(200)
                .body("title", equalTo("Owner only")).extract().asString();
        assertFalse(publicInfo.contains(streamKey));
    }
}
