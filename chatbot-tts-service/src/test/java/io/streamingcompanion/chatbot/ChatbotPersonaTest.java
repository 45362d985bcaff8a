package io.streamingcompanion.chatbot;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.Topics;
import io.streamingcompanion.contracts.goal.GoalCompleted;
import io.streamingcompanion.contracts.menu.MenuUpdated;
import io.streamingcompanion.contracts.session.SessionStarted;
import io.streamingcompanion.contracts.tip.TipReceived;
import io.streamingcompanion.testsupport.DomainEventConsumer;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.streamingcompanion.testsupport.TestTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
class ChatbotPersonaTest {

    private static final Duration WITHIN = Duration.ofSeconds(40);

    private static RequestSpecification as(String creatorId) {
        return given().header("Authorization", TestTokens.bearer(creatorId)).contentType(ContentType.JSON);
    }

    private static Map<String, Object> trigger(String kind, String pattern, Long minAmountCents, int cooldown, String... templates) {
        Map<String, Object> trigger = new java.util.LinkedHashMap<>();
        trigger.put("kind", kind);
        if (pattern != null) {
            trigger.put("pattern", pattern);
        }
        if (minAmountCents != null) {
            trigger.put("minAmountCents", minAmountCents);
        }
        trigger.put("cooldownSeconds", cooldown);
        trigger.put("templates", List.of(templates));
        return trigger;
    }

    private static String createPersona(String creator, String name, int priority, List<Map<String, Object>> triggers) {
        return as(creator).body(Map.of("name", name, "color", "#ff8800", "priority", priority, "triggers", triggers))
                .post("/api/chatbot/personas").then().statusCode(201).extract().path("id");
    }

    private static UUID liveSession(String creator) {
        UUID session = UUID.randomUUID();
        DomainEventConsumer.publish(Topics.SESSIONS, EventJson.envelope(EventTypes.SESSION_STARTED, creator, session.toString(),
                new SessionStarted(session, creator, "other", "Friday", Instant.now()), Clock.systemUTC()));
        return session;
    }

    private static Response say(String creator, UUID session, String sender, String message) {
        return as(creator).body(Map.of("sessionId", session.toString(), "senderName", sender, "message", message))
                .post("/api/chatbot/messages");
    }

    @Test
    void commandsKeywordsAndPatternsAnswerWithTheRealMenuAndRotatingTemplates() {
        String creator = "creator-" + UUID.randomUUID();
        UUID session = liveSession(creator);
        DomainEventConsumer.publish(Topics.MENU, EventJson.envelope(EventTypes.MENU_UPDATED, creator, creator,
                new MenuUpdated(creator, List.of(
                        new MenuUpdated.Item(UUID.randomUUID(), "Dance", null, 2000, "performance", true, 1),
                        new MenuUpdated.Item(UUID.randomUUID(), "Song", null, 1250, "request", true, 0),
                        new MenuUpdated.Item(UUID.randomUUID(), "Hidden", null, 999, "custom", false, 2))),
                Clock.systemUTC()));
        createPersona(creator, "Bella", 10, List.of(
                trigger("command", "!menu", null, 0, "{sender}, the menu: {menu}"),
                trigger("keyword", "hello", null, 0, "Hi {sender}!", "Hello again {sender}!"),
                trigger("regex", "^when.*(start|live)", null, 0, "Soon, {sender}!"),
                trigger("regex", "(a+)+$", null, 0, "So many a's")));

        String menuReply = Awaitility.await().atMost(WITHIN).pollInterval(Duration.ofMillis(300)).until(() -> {
            Response response = say(creator, session, "dave", "!MENU please");
            return response.statusCode() == 200 ? response.jsonPath().getString("responseText") : null;
        }, text -> text != null && text.contains("Song"));
        assertEquals("dave, the menu: Song 12.50 · Dance 20.00", menuReply);

        say(creator, session, "erin", "well HELLO there").then().statusCode(200).body("responseText", equalTo("Hi erin!"))
                .body("personaName", equalTo("Bella")).body("trigger", equalTo("keyword")).body("color", equalTo("#ff8800"));
        say(creator, session, "erin", "hello").then().statusCode(200).body("responseText", equalTo("Hello again erin!"));
        say(creator, session, "erin", "othello is a play").then().statusCode(204);
        say(creator, session, "fay", "When do you go LIVE?").then().statusCode(200).body("responseText", equalTo("Soon, fay!"));
        // No match, found out in exponential time by a backtracking engine (2^1999 ways to split the a's);
        // RE2/J answers in linear time, so this request returns at once.
        say(creator, session, "gus", "a".repeat(1999) + "!").then().statusCode(204);
        say(creator, session, "gus", "a".repeat(1999)).then().statusCode(200).body("responseText", equalTo("So many a's"));
        say(creator, session, "gus", "nothing to see").then().statusCode(204);
    }

    @Test
    void cooldownsSilenceAPersonaAndAnotherMayAnswer() {
        String creator = "creator-" + UUID.randomUUID();
        UUID session = liveSession(creator);
        createPersona(creator, "Strict", 5, List.of(trigger("command", "!uptime", null, 60, "Live for a while")));
        Awaitility.await().atMost(WITHIN).pollInterval(Duration.ofMillis(300))
                .until(() -> say(creator, session, "dave", "!uptime").statusCode() == 200);
        say(creator, session, "erin", "!uptime").then().statusCode(204);

        String sender = createPersona(creator, "Sender", 1, List.of(trigger("command", "!hug", null, 0, "Hug for {sender}")));
        as(creator).body(Map.of("name", "Sender", "priority", 1, "senderCooldownSeconds", 60,
                "triggers", List.of(trigger("command", "!hug", null, 0, "Hug for {sender}")))).put("/api/chatbot/personas/" + sender)
                .then().statusCode(200);
        say(creator, session, "dave", "!hug").then().statusCode(200);
        say(creator, session, "DAVE", "!hug").then().statusCode(204);
        say(creator, session, "erin", "!hug").then().statusCode(200);

        as(creator).body(Map.of("enabled", false)).patch("/api/chatbot/personas/" + sender).then().statusCode(200)
                .body("enabled", equalTo(false));
        say(creator, session, "fay", "!hug").then().statusCode(204);
    }

    @Test
    void templatesAndPatternsAreCheckedWhenSavedAndOthersSeeNothing() {
        String creator = "creator-" + UUID.randomUUID();
        as(creator).body(Map.of("name", "Typo", "triggers", List.of(trigger("command", "!menu", null, 0, "Hi {sendr}"))))
                .post("/api/chatbot/personas").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("sendr"));
        as(creator).body(Map.of("name", "Bad", "triggers", List.of(trigger("regex", "(unclosed", null, 0, "x"))))
                .post("/api/chatbot/personas").then().statusCode(400);
        as(creator).body(Map.of("name", "Long", "triggers", List.of(trigger("regex", "a".repeat(201), null, 0, "x"))))
                .post("/api/chatbot/personas").then().statusCode(400);
        as(creator).body(Map.of("name", "Spaces", "triggers", List.of(trigger("command", "!two words", null, 0, "x"))))
                .post("/api/chatbot/personas").then().statusCode(400);
        as(creator).body(Map.of("name", "NoAmount", "triggers", List.of(trigger("tip", null, null, 0, "x"))))
                .post("/api/chatbot/personas").then().statusCode(400);
        as(creator).get("/api/chatbot/personas").then().statusCode(200).body("size()", equalTo(0));

        String id = createPersona(creator, "Mine", 0, List.of(trigger("command", "!menu", null, 0, "{menu}")));
        UUID session = liveSession(creator);
        String other = "creator-" + UUID.randomUUID();
        as(other).get("/api/chatbot/personas/" + id).then().statusCode(404);
        as(other).delete("/api/chatbot/personas/" + id).then().statusCode(404);
        Awaitility.await().atMost(WITHIN).pollInterval(Duration.ofMillis(300))
                .until(() -> say(creator, session, "dave", "!nothing").statusCode() == 204);
        say(other, session, "dave", "!menu").then().statusCode(404);
        as(creator).delete("/api/chatbot/personas/" + id).then().statusCode(204);
        as(creator).get("/api/chatbot/personas/" + id).then().statusCode(404);
    }

    @Test
    void tipsAboveTheThresholdAndCompletedGoalsAreAnsweredOnce() {
        String creator = "creator-" + UUID.randomUUID();
        UUID session = liveSession(creator);
        createPersona(creator, "Thanks", 0, List.of(
                trigger("tip", null, 500L, 0, "Thanks {sender} for {amount}!"),
                trigger("tip", null, 10_000L, 0, "WOW {sender}, {amount}!"),
                trigger("goal_completed", null, null, 0, "Goal {goal} done!")));
        var small = tip(creator, session, 499, "cheap");
        var big = tip(creator, session, 750, "erin");
        var huge = tip(creator, session, 25_000, "zed");
        DomainEventConsumer.publish(Topics.TIPS, small);
        DomainEventConsumer.publish(Topics.TIPS, big);
        DomainEventConsumer.publish(Topics.TIPS, big);
        DomainEventConsumer.publish(Topics.TIPS, huge);
        DomainEventConsumer.publish(Topics.GOALS, EventJson.envelope(EventTypes.GOAL_COMPLETED, creator, session.toString(),
                new GoalCompleted(UUID.randomUUID(), session, creator, "New lights", 5000, Instant.now()), Clock.systemUTC()));

        try (DomainEventConsumer events = new DomainEventConsumer(Topics.CHATBOT)) {
            events.await(EventTypes.CHATBOT_RESPONDED, session.toString(),
                    reply -> reply.responseText().equals("Goal New lights done!"), WITHIN);
            events.await(EventTypes.CHATBOT_RESPONDED, session.toString(),
                    reply -> reply.responseText().equals("WOW zed, 250.00!"), WITHIN);
            List<String> texts = events.recordsFor(session.toString(), Duration.ofSeconds(2)).stream()
                    .map(record -> EventJson.payload(EventJson.read(record.value()), EventTypes.CHATBOT_RESPONDED).responseText())
                    .toList();
            assertEquals(1, texts.stream().filter("Thanks erin for 7.50!"::equals).count(), "a redelivered tip is thanked once: " + texts);
            assertTrue(texts.stream().noneMatch(text -> text.contains("cheap")), "a tip below every threshold is not thanked");
            assertEquals(3, texts.size(), texts.toString());
        }
    }

    private static io.streamingcompanion.contracts.EventEnvelope tip(String creator, UUID session, long amount, String tipper) {
        var tip = new TipReceived(UUID.randomUUID(), session, creator, amount, tipper, null, "manual", null, false, Instant.now(),
                new TipReceived.SessionTotals(0, 0), null);
        return EventJson.envelope(EventTypes.TIP_RECEIVED, creator, session.toString(), tip, Clock.systemUTC());
    }
}
