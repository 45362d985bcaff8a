package io.streamingcompanion.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.streamingcompanion.testsupport.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
class SessionResourceTest {

    private static RequestSpecification as(String creatorId) {
        return given().header("Authorization", TestTokens.bearer(creatorId)).contentType(ContentType.JSON);
    }

    private static String newCreator() {
        return "creator-" + UUID.randomUUID();
    }

    private static String start(String creatorId, String platform) {
        return as(creatorId).body(Map.of("platform", platform, "title", "Friday stream"))
                .post("/api/sessions")
                .then().statusCode(201)
                .extract().path("id");
    }

    @Test
    void startsAndReadsBackASession() {
        String creator = newCreator();
        String id = as(creator).body(Map.of("platform", "chaturbate", "title", "  Friday stream ",
                        "metadata", Map.of("tags", List.of("cosplay"))))
                .post("/api/sessions")
                .then().statusCode(201)
                .header("Location", containsString("/api/sessions/"))
                .body("status", equalTo("active"))
                .body("platform", equalTo("chaturbate"))
                .body("title", equalTo("Friday stream"))
                .body("creatorId", equalTo(creator))
                .body("metadata.tags[0]", equalTo("cosplay"))
                .body("totalTipsCents", equalTo(0))
                .body("endedAt", nullValue())
                .extract().path("id");

        as(creator).get("/api/sessions/active").then().statusCode(200).body("id", equalTo(id));
        as(creator).get("/api/sessions/" + id).then().statusCode(200).body("platform", equalTo("chaturbate"));
    }

    @Test
    void noActiveSessionIsNoContent() {
        as(newCreator()).get("/api/sessions/active").then().statusCode(204);
    }

    @Test
    void aSecondActiveSessionIsAConflict() {
        String creator = newCreator();
        String first = start(creator, "stripchat");
        as(creator).body(Map.of("platform", "other")).post("/api/sessions")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("detail", containsString(first));
    }

    @Test
    void concurrentStartsLeaveExactlyOneActiveSession() throws Exception {
        String creator = newCreator();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> starts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                starts.add(() -> as(creator).body(Map.of("platform", "other")).post("/api/sessions").statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : pool.invokeAll(starts)) {
                statuses.add(result.get());
            }
            assertEquals(1, statuses.stream().filter(status -> status == 201).count(), statuses.toString());
            assertEquals(7, statuses.stream().filter(status -> status == 409).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        as(creator).get("/api/sessions?status=active").then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void patchChangesOnlyTheGivenFields() {
        String creator = newCreator();
        String id = start(creator, "other");
        as(creator).body(Map.of("notes", "Remember the raffle")).patch("/api/sessions/" + id)
                .then().statusCode(200)
                .body("notes", equalTo("Remember the raffle"))
                .body("title", equalTo("Friday stream"));
        as(creator).body(Map.of("title", "Saturday stream", "metadata", Map.of("mood", "chill")))
                .patch("/api/sessions/" + id)
                .then().statusCode(200)
                .body("title", equalTo("Saturday stream"))
                .body("notes", equalTo("Remember the raffle"))
                .body("metadata.mood", equalTo("chill"));
    }

    @Test
    void endingRecordsTheEndAndCannotHappenTwice() {
        String creator = newCreator();
        String id = start(creator, "livekit");
        as(creator).post("/api/sessions/" + id + "/end")
                .then().statusCode(200)
                .body("status", equalTo("ended"))
                .body("endedAt", notNullValue())
                .body("durationSeconds", greaterThanOrEqualTo(0));
        as(creator).post("/api/sessions/" + id + "/end")
                .then().statusCode(409).contentType("application/problem+json");
        as(creator).get("/api/sessions/active").then().statusCode(204);
        // Ended, so a new session may start.
        start(creator, "livekit");
    }

    @Test
    void anotherCreatorsSessionIsNotFoundAndUnchanged() {
        String owner = newCreator();
        String id = start(owner, "other");
        String intruder = newCreator();
        as(intruder).get("/api/sessions/" + id).then().statusCode(404).contentType("application/problem+json");
        as(intruder).body(Map.of("title", "hacked")).patch("/api/sessions/" + id).then().statusCode(404);
        as(intruder).post("/api/sessions/" + id + "/end").then().statusCode(404);
        as(intruder).body(Map.of("body", "hi")).post("/api/sessions/" + id + "/notes").then().statusCode(404);
        as(intruder).get("/api/sessions").then().statusCode(200).body("total", equalTo(0));
        as(owner).get("/api/sessions/" + id).then().statusCode(200)
                .body("title", equalTo("Friday stream")).body("status", equalTo("active"));
    }

    @Test
    void listIsPaginatedNewestFirst() {
        String creator = newCreator();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = start(creator, "other");
            ids.add(id);
            as(creator).post("/api/sessions/" + id + "/end").then().statusCode(200);
        }
        as(creator).get("/api/sessions?page=0&size=2")
                .then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].id", equalTo(ids.get(2)))
                .body("items[1].id", equalTo(ids.get(1)))
                .body("total", equalTo(3))
                .body("totalPages", equalTo(2));
        as(creator).get("/api/sessions?page=1&size=2")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo(ids.get(0)));
        as(creator).get("/api/sessions?size=0").then().statusCode(400).contentType("application/problem+json");
        as(creator).get("/api/sessions?size=1000").then().statusCode(400);
        as(creator).get("/api/sessions?status=paused").then().statusCode(400);
    }

    @Test
    void notesAreTimestampedAndOrdered() {
        String creator = newCreator();
        String id = start(creator, "other");
        String first = as(creator).body(Map.of("body", "Raffle at 10")).post("/api/sessions/" + id + "/notes")
                .then().statusCode(201).body("createdAt", notNullValue()).extract().path("id");
        as(creator).body(Map.of("body", "Thank top tipper")).post("/api/sessions/" + id + "/notes")
                .then().statusCode(201);
        as(creator).get("/api/sessions/" + id + "/notes")
                .then().statusCode(200)
                .body("body", equalTo(List.of("Raffle at 10", "Thank top tipper")));
        as(creator).delete("/api/sessions/" + id + "/notes/" + first).then().statusCode(204);
        as(creator).delete("/api/sessions/" + id + "/notes/" + first).then().statusCode(404);
        as(creator).get("/api/sessions/" + id + "/notes").then().body("body", equalTo(List.of("Thank top tipper")));
        as(creator).body(Map.of("body", "   ")).post("/api/sessions/" + id + "/notes").then().statusCode(400);
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        String creator = newCreator();
        as(creator).body(Map.of("platform", "youtube")).post("/api/sessions")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("platform"))
                .body("detail", containsString("chaturbate|stripchat|other|livekit"));
        as(creator).body(Map.of("title", "no platform")).post("/api/sessions").then().statusCode(400);
        as(creator).body(Map.of("platform", "other", "title", "x".repeat(201))).post("/api/sessions")
                .then().statusCode(400).body("errors[0].field", equalTo("title"));
        as(creator).body("{\"platform\": ").post("/api/sessions")
                .then().statusCode(400).contentType("application/problem+json");
        as(creator).body(Map.of("platform", "other", "metadata", Map.of("blob", "x".repeat(9000))))
                .post("/api/sessions").then().statusCode(400).body("detail", containsString("metadata"));
        as(creator).body(Map.of("platform", "other", "metadata", List.of(1, 2))).post("/api/sessions")
                .then().statusCode(400);
        as(creator).get("/api/sessions/not-a-uuid").then().statusCode(404);
        as(creator).get("/api/sessions").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void requestsWithoutAValidTokenAreRejected() {
        given().contentType(ContentType.JSON).body(Map.of("platform", "other")).post("/api/sessions")
                .then().statusCode(401);
        given().header("Authorization", "Bearer not-a-token").get("/api/sessions").then().statusCode(401);
    }
}
