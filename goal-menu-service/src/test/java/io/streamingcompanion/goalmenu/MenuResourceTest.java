package io.streamingcompanion.goalmenu;

import static io.restassured.RestAssured.given;
import static io.streamingcompanion.goalmenu.TestApi.as;
import static io.streamingcompanion.goalmenu.TestApi.newCreator;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.Topics;
import io.streamingcompanion.contracts.menu.MenuUpdated;
import io.streamingcompanion.testsupport.DomainEventConsumer;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
class MenuResourceTest {

    private static String createItem(String creator, String title, long priceCents, String category) {
        return as(creator).body(Map.of("title", title, "priceCents", priceCents, "category", category))
                .post("/api/menu").then().statusCode(201).extract().path("id");
    }

    @Test
    void createsListsUpdatesAndDeletesItemsInMenuOrder() {
        String creator = newCreator();
        String flash = as(creator).body(Map.of("title", " Flash ", "description", "5 seconds", "priceCents", 2500,
                        "category", "performance"))
                .post("/api/menu")
                .then().statusCode(201)
                .header("Location", containsString("/api/menu/"))
                .body("title", equalTo("Flash"))
                .body("description", equalTo("5 seconds"))
                .body("priceCents", equalTo(2500))
                .body("category", equalTo("performance"))
                .body("active", equalTo(true))
                .body("position", equalTo(0))
                .extract().path("id");
        String song = createItem(creator, "Song request", 1000, "request");
        String hello = as(creator).body(Map.of("title", "Say hi", "priceCents", 100, "category", "interaction",
                "position", 0)).post("/api/menu").then().statusCode(201).extract().path("id");

        // Same position: cheapest first.
        as(creator).get("/api/menu").then().statusCode(200)
                .body("id", equalTo(List.of(hello, flash, song)));

        as(creator).body(Map.of("priceCents", 3000, "description", "", "category", "custom", "position", 7))
                .patch("/api/menu/" + flash)
                .then().statusCode(200)
                .body("priceCents", equalTo(3000))
                .body("description", nullValue())
                .body("category", equalTo("custom"))
                .body("title", equalTo("Flash"))
                .body("position", equalTo(7));
        as(creator).get("/api/menu/" + flash).then().statusCode(200).body("priceCents", equalTo(3000));

        as(creator).delete("/api/menu/" + song).then().statusCode(204);
        as(creator).delete("/api/menu/" + song).then().statusCode(404).contentType("application/problem+json");
        as(creator).get("/api/menu").then().body("id", equalTo(List.of(hello, flash)));
    }

    @Test
    void thePublicMenuNeedsNoTokenAndShowsOnlyActiveItems() {
        String creator = newCreator();
        String shown = createItem(creator, "Dance", 500, "performance");
        String hidden = as(creator).body(Map.of("title", "Secret", "priceCents", 700, "category", "custom", "active", false))
                .post("/api/menu").then().statusCode(201).body("active", equalTo(false)).extract().path("id");

        given().get("/api/menu/public/" + creator).then().statusCode(200)
                .body("id", equalTo(List.of(shown)))
                .body("[0].title", equalTo("Dance"))
                .body("[0].priceCents", equalTo(500))
                .body("[0].category", equalTo("performance"))
                .body("[0]", not(org.hamcrest.Matchers.hasKey("active")));

        as(creator).post("/api/menu/" + hidden + "/toggle").then().statusCode(200).body("active", equalTo(true));
        as(creator).post("/api/menu/" + shown + "/toggle").then().statusCode(200).body("active", equalTo(false));
        given().get("/api/menu/public/" + creator).then().statusCode(200).body("id", equalTo(List.of(hidden)));
        given().get("/api/menu/public/" + newCreator()).then().statusCode(200).body("$", hasSize(0));
        // The owner's list still has both.
        as(creator).get("/api/menu").then().body("$", hasSize(2));
        // Only reading is public.
        given().contentType(ContentType.JSON).body(Map.of()).post("/api/menu").then().statusCode(401);
        given().get("/api/menu").then().statusCode(401);
    }

    @Test
    void twoActiveItemsCannotShareAPrice() {
        String creator = newCreator();
        String first = createItem(creator, "Kiss", 1500, "interaction");
        as(creator).body(Map.of("title", "Wink", "priceCents", 1500, "category", "interaction"))
                .post("/api/menu").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("Kiss"));
        // Inactive items may share it, but cannot be switched on while the price is taken.
        String parked = as(creator).body(Map.of("title", "Wink", "priceCents", 1500, "category", "interaction",
                "active", false)).post("/api/menu").then().statusCode(201).extract().path("id");
        as(creator).post("/api/menu/" + parked + "/toggle").then().statusCode(409);
        as(creator).body(Map.of("active", true)).patch("/api/menu/" + parked).then().statusCode(409);
        String other = createItem(creator, "Blow a kiss", 1600, "interaction");
        as(creator).body(Map.of("priceCents", 1500)).patch("/api/menu/" + other).then().statusCode(409);
        // Free the price, then the parked item may go live.
        as(creator).post("/api/menu/" + first + "/toggle").then().statusCode(200).body("active", equalTo(false));
        as(creator).post("/api/menu/" + parked + "/toggle").then().statusCode(200).body("active", equalTo(true));
        // Another creator's menu is independent.
        createItem(newCreator(), "Kiss", 1500, "interaction");
    }

    @Test
    void concurrentItemsWithOnePriceLeaveExactlyOneActive() throws Exception {
        String creator = newCreator();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> creates = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                creates.add(() -> as(creator).body(Map.of("title", "Item " + n, "priceCents", 999, "category", "custom"))
                        .post("/api/menu").statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : pool.invokeAll(creates)) {
                statuses.add(result.get());
            }
            assertEquals(1, statuses.stream().filter(status -> status == 201).count(), statuses.toString());
            assertEquals(7, statuses.stream().filter(status -> status == 409).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        as(creator).get("/api/menu").then().body("$", hasSize(1));
    }

    @Test
    void everyChangePublishesTheWholeMenuKeyedByCreator() {
        String creator = newCreator();
        String a = createItem(creator, "A", 100, "custom");
        String b = createItem(creator, "B", 200, "request");
        as(creator).post("/api/menu/" + b + "/toggle").then().statusCode(200);
        as(creator).delete("/api/menu/" + a).then().statusCode(204);

        try (DomainEventConsumer events = new DomainEventConsumer(Topics.MENU)) {
            var first = events.await(EventTypes.MENU_UPDATED, creator, Duration.ofSeconds(20));
            assertEquals(creator, first.payload().creatorId());
            assertEquals(List.of("A"), first.payload().items().stream().map(MenuUpdated.Item::title).toList());
            var toggled = events.await(EventTypes.MENU_UPDATED, creator,
                    menu -> menu.items().size() == 2 && !menu.items().get(1).active(), Duration.ofSeconds(20));
            MenuUpdated.Item itemB = toggled.payload().items().get(1);
            assertEquals(UUID.fromString(b), itemB.id());
            assertEquals(200, itemB.priceCents());
            assertEquals("request", itemB.category());
            var last = events.await(EventTypes.MENU_UPDATED, creator,
                    menu -> menu.items().size() == 1 && menu.items().get(0).id().equals(UUID.fromString(b)),
                    Duration.ofSeconds(20));
            assertEquals(false, last.payload().items().get(0).active());
            assertEquals(4, events.recordsFor(creator, Duration.ofSeconds(1)).size(), "one event per change");
        }
    }

    @Test
    void anotherCreatorsItemIsNotFoundAndUnchanged() {
        String owner = newCreator();
        String id = createItem(owner, "Mine", 400, "custom");
        String intruder = newCreator();
        as(intruder).get("/api/menu/" + id).then().statusCode(404).contentType("application/problem+json");
        as(intruder).body(Map.of("title", "hacked")).patch("/api/menu/" + id).then().statusCode(404);
        as(intruder).post("/api/menu/" + id + "/toggle").then().statusCode(404);
        as(intruder).delete("/api/menu/" + id).then().statusCode(404);
        as(intruder).get("/api/menu").then().statusCode(200).body("$", hasSize(0));
        as(owner).get("/api/menu/" + id).then().statusCode(200).body("title", equalTo("Mine")).body("active", equalTo(true));
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        String creator = newCreator();
        Map<String, Object> valid = Map.of("title", "Item", "priceCents", 100, "category", "custom");
        as(creator).body(with(valid, "category", "dance")).post("/api/menu")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("category"))
                .body("detail", containsString("performance|request|interaction|custom"));
        as(creator).body(without(valid, "category")).post("/api/menu").then().statusCode(400)
                .body("errors[0].field", equalTo("category"));
        for (Object bad : List.of(0, -100, 100_000_001L)) {
            as(creator).body(with(valid, "priceCents", bad)).post("/api/menu")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("priceCents"));
        }
        as(creator).body(without(valid, "priceCents")).post("/api/menu").then().statusCode(400);
        as(creator).body("{\"title\":\"Item\",\"priceCents\":1.5,\"category\":\"custom\"}").post("/api/menu")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("priceCents"));
        as(creator).body(with(valid, "title", "x".repeat(101))).post("/api/menu").then().statusCode(400)
                .body("errors[0].field", equalTo("title"));
        as(creator).body(with(valid, "title", "")).post("/api/menu").then().statusCode(400);
        as(creator).body(with(valid, "description", "x".repeat(501))).post("/api/menu").then().statusCode(400)
                .body("errors[0].field", equalTo("description"));
        as(creator).body(with(valid, "active", "sometimes")).post("/api/menu").then().statusCode(400)
                .contentType("application/problem+json");
        as(creator).get("/api/menu").then().statusCode(200).body("$", hasSize(0));

        String id = createItem(creator, "Item", 100, "custom");
        as(creator).body(Map.of("category", "PERFORMANCE")).patch("/api/menu/" + id).then().statusCode(400);
        as(creator).body(Map.of("priceCents", -1)).patch("/api/menu/" + id).then().statusCode(400);
        as(creator).body(Map.of("title", "  ")).patch("/api/menu/" + id).then().statusCode(400);
        as(creator).get("/api/menu/not-a-uuid").then().statusCode(404);
        as(creator).post("/api/menu/not-a-uuid/toggle").then().statusCode(404);
        as(creator).get("/api/menu/" + id).then().body("category", equalTo("custom")).body("priceCents", equalTo(100));
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    private static Map<String, Object> without(Map<String, Object> base, String key) {
        Map<String, Object> copy = new HashMap<>(base);
        copy.remove(key);
        return copy;
    }
}
