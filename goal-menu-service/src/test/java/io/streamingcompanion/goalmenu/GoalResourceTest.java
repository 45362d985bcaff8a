package io.streamingcompanion.goalmenu;

import static io.streamingcompanion.goalmenu.TestApi.as;
import static io.streamingcompanion.goalmenu.TestApi.createGoal;
import static io.streamingcompanion.goalmenu.TestApi.newCreator;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.Topics;
import io.streamingcompanion.contracts.goal.GoalProgress;
import io.streamingcompanion.testsupport.DomainEventConsumer;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
class GoalResourceTest {

    @Test
    void createsAndListsASessionsGoalsInPositionOrder() {
        String creator = newCreator();
        UUID session = UUID.randomUUID();
        String outfit = as(creator).body(Map.of("sessionId", session, "title", "  Outfit change ", "targetCents", 5000))
                .post("/api/goals")
                .then().statusCode(201)
                .header("Location", containsString("/api/goals/"))
                .body("title", equalTo("Outfit change"))
                .body("sessionId", equalTo(session.toString()))
                .body("targetCents", equalTo(5000))
                .body("currentCents", equalTo(0))
                .body("remainingCents", equalTo(5000))
                .body("percentage", equalTo(0))
                .body("position", equalTo(0))
                .body("completed", equalTo(false))
                .body("completedAt", nullValue())
                .extract().path("id");
        String dance = createGoal(creator, session, "Dance", 2000);
        String first = as(creator).body(Map.of("sessionId", session, "title", "Warm-up", "targetCents", 1000, "position", 0))
                .post("/api/goals").then().statusCode(201).body("position", equalTo(0)).extract().path("id");
        // Another session of the same creator is listed separately.
        createGoal(creator, UUID.randomUUID(), "Elsewhere", 100);

        as(creator).get("/api/goals?sessionId=" + session)
                .then().statusCode(200)
                .body("id", equalTo(List.of(outfit, first, dance)))
                .body("position", equalTo(List.of(0, 0, 1)));
        as(creator).get("/api/goals/" + dance).then().statusCode(200).body("title", equalTo("Dance"));
    }

    @Test
    void patchChangesOnlyTheGivenFieldsAndReorders() {
        String creator = newCreator();
        UUID session = UUID.randomUUID();
        String a = createGoal(creator, session, "A", 1000);
        String b = createGoal(creator, session, "B", 2000);
        as(creator).body(Map.of("position", 5)).patch("/api/goals/" + a)
                .then().statusCode(200).body("position", equalTo(5)).body("title", equalTo("A"))
                .body("targetCents", equalTo(1000));
        as(creator).body(Map.of("title", "B!", "targetCents", 2500)).patch("/api/goals/" + b)
                .then().statusCode(200).body("title", equalTo("B!")).body("targetCents", equalTo(2500))
                .body("position", equalTo(1));
        as(creator).get("/api/goals?sessionId=" + session).then().body("id", equalTo(List.of(b, a)));
        as(creator).body(Map.of()).patch("/api/goals/" + b).then().statusCode(200).body("title", equalTo("B!"));
    }

    @Test
    void deleteRemovesTheGoal() {
        String creator = newCreator();
        UUID session = UUID.randomUUID();
        String id = createGoal(creator, session, "Gone soon", 1000);
        as(creator).delete("/api/goals/" + id).then().statusCode(204);
        as(creator).delete("/api/goals/" + id).then().statusCode(404).contentType("application/problem+json");
        as(creator).get("/api/goals/" + id).then().statusCode(404);
        as(creator).get("/api/goals?sessionId=" + session).then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void everyChangeIsPublishedAsGoalProgressKeyedBySession() {
        String creator = newCreator();
        UUID session = UUID.randomUUID();
        String id = createGoal(creator, session, "Toy show", 3000);
        as(creator).body(Map.of("title", "Toy show!")).patch("/api/goals/" + id).then().statusCode(200);
        as(creator).delete("/api/goals/" + id).then().statusCode(204);

        try (DomainEventConsumer events = new DomainEventConsumer(Topics.GOALS)) {
            var created = events.await(EventTypes.GOAL_PROGRESS, session.toString(), Duration.ofSeconds(20));
            GoalProgress progress = created.payload();
            assertEquals(UUID.fromString(id), progress.goalId());
            assertEquals(session, progress.sessionId());
            assertEquals(creator, progress.creatorId());
            assertEquals("Toy show", progress.title());
            assertEquals(0, progress.currentCents());
            assertEquals(3000, progress.targetCents());
            assertEquals(0, progress.percentage());
            assertFalse(progress.completed());
            assertEquals(creator, created.envelope().creatorId());
            events.await(EventTypes.GOAL_PROGRESS, session.toString(), p -> p.title().equals("Toy show!"),
                    Duration.ofSeconds(20));
            assertEquals(3, events.recordsFor(session.toString(), Duration.ofSeconds(1)).size(),
                    "create, update and delete, each once");
        }
    }

    @Test
    void anotherCreatorsGoalIsNotFoundAndUnchanged() {
        String owner = newCreator();
        UUID session = UUID.randomUUID();
        String id = createGoal(owner, session, "Mine", 1000);
        String intruder = newCreator();
        as(intruder).get("/api/goals/" + id).then().statusCode(404).contentType("application/problem+json");
        as(intruder).body(Map.of("title", "hacked")).patch("/api/goals/" + id).then().statusCode(404);
        as(intruder).delete("/api/goals/" + id).then().statusCode(404);
        as(intruder).get("/api/goals?sessionId=" + session).then().statusCode(200).body("$", hasSize(0));
        as(owner).get("/api/goals/" + id).then().statusCode(200).body("title", equalTo("Mine"));
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        String creator = newCreator();
        UUID session = UUID.randomUUID();
        as(creator).body(Map.of("title", "No session", "targetCents", 100)).post("/api/goals")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("sessionId"));
        as(creator).body(Map.of("sessionId", "not-a-uuid", "title", "x", "targetCents", 100)).post("/api/goals")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("sessionId"));
        as(creator).body(Map.of("sessionId", session, "title", "  ", "targetCents", 100)).post("/api/goals")
                .then().statusCode(400).body("errors[0].field", equalTo("title"));
        as(creator).body(Map.of("sessionId", session, "title", "x".repeat(201), "targetCents", 100)).post("/api/goals")
                .then().statusCode(400).body("errors[0].field", equalTo("title"));
        for (Object bad : List.of(0, -5, 100_000_001L, Long.MAX_VALUE)) {
            as(creator).body(Map.of("sessionId", session, "title", "x", "targetCents", bad)).post("/api/goals")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("targetCents"));
        }
        as(creator).body("{\"sessionId\":\"" + session + "\",\"title\":\"x\",\"targetCents\":12.5}").post("/api/goals")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("targetCents"));
        as(creator).body("{\"sessionId\":\"" + session + "\",\"title\":\"x\",\"targetCents\":99999999999999999999}")
                .post("/api/goals").then().statusCode(400).contentType("application/problem+json");
        as(creator).body("{\"sessionId\":\"" + session + "\",\"title\":\"x\",\"targetCents\":\"lots\"}").post("/api/goals")
                .then().statusCode(400).contentType("application/problem+json");
        as(creator).body(Map.of("sessionId", session, "title", "x", "targetCents", 100, "position", -1)).post("/api/goals")
                .then().statusCode(400).body("errors[0].field", equalTo("position"));
        as(creator).body("{\"sessionId\": ").post("/api/goals").then().statusCode(400).contentType("application/problem+json");
        as(creator).get("/api/goals").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("sessionId"));
        as(creator).get("/api/goals?sessionId=abc").then().statusCode(400).contentType("application/problem+json");
        as(creator).get("/api/goals/not-a-uuid").then().statusCode(404);
        as(creator).get("/api/goals?sessionId=" + session).then().statusCode(200).body("$", hasSize(0));

        String id = createGoal(creator, session, "Valid", 1000);
        as(creator).body(Map.of("title", " ")).patch("/api/goals/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("title"));
        as(creator).body(Map.of("targetCents", 0)).patch("/api/goals/" + id).then().statusCode(400);
        as(creator).body(Map.of("targetCents", 100_000_001L)).patch("/api/goals/" + id).then().statusCode(400);
        as(creator).get("/api/goals/" + id).then().body("title", equalTo("Valid")).body("targetCents", equalTo(1000));
    }

    @Test
    void aSessionHasABoundedNumberOfGoals() {
        String creator = newCreator();
        UUID session = UUID.randomUUID();
        for (int i = 0; i < 50; i++) {
            createGoal(creator, session, "Goal " + i, 100 + i);
        }
        as(creator).body(Map.of("sessionId", session, "title", "One too many", "targetCents", 100)).post("/api/goals")
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("50"));
        as(creator).get("/api/goals?sessionId=" + session).then().body("$", hasSize(50))
                .body("[49].position", equalTo(49)).body("[0].createdAt", notNullValue());
    }

    @Test
    void requestsWithoutAValidTokenAreRejected() {
        given().contentType(ContentType.JSON)
                .body(Map.of("sessionId", UUID.randomUUID(), "title", "x", "targetCents", 100))
                .post("/api/goals").then().statusCode(401);
        given().header("Authorization", "Bearer not-a-token").get("/api/goals?sessionId=" + UUID.randomUUID())
                .then().statusCode(401);
    }
}
