package io.streamingcompanion.chatbot.tts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.streamingcompanion.outbox.ProcessedEventRepository;
import jakarta.inject.Inject;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.streamingcompanion.chatbot.tts.engine.Mp3Frames;
import io.streamingcompanion.contracts.EventEnvelope;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.Topics;
import io.streamingcompanion.contracts.session.SessionStarted;
import io.streamingcompanion.contracts.tip.TipReceived;
import io.streamingcompanion.contracts.tts.TtsSynthesized;
import io.streamingcompanion.testsupport.DomainEventConsumer;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.streamingcompanion.testsupport.TestTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
class TextToSpeechTest {

    @Inject
    ProcessedEventRepository processedEvents;

    private static final Duration WITHIN = Duration.ofSeconds(40);

    private static RequestSpecification as(String creatorId) {
        return given().header("Authorization", TestTokens.bearer(creatorId)).contentType(ContentType.JSON);
    }

    private static UUID liveSession(String creator) {
        UUID session = UUID.randomUUID();
        DomainEventConsumer.publish(Topics.SESSIONS, EventJson.envelope(EventTypes.SESSION_STARTED, creator, session.toString(),
                new SessionStarted(session, creator, "chaturbate", "Friday", Instant.now()), Clock.systemUTC()));
        return session;
    }

    private static EventEnvelope tip(String creator, UUID session, long amount, String tipper, String message, boolean test) {
        var tip = new TipReceived(UUID.randomUUID(), session, creator, amount, tipper, message, "manual", null, test, Instant.now(),
                new TipReceived.SessionTotals(0, 0), null);
        return EventJson.envelope(EventTypes.TIP_RECEIVED, creator, session.toString(), tip, Clock.systemUTC());
    }

    private static List<TtsSynthesized> clips(DomainEventConsumer events, UUID session, Duration within) {
        return events.recordsFor(session.toString(), within).stream().map(record -> EventJson.read(record.value()))
                .filter(envelope -> envelope.type().equals(EventTypes.TTS_SYNTHESIZED.name()))
                .map(envelope -> EventJson.payload(envelope, EventTypes.TTS_SYNTHESIZED)).toList();
    }

    @Test
    void settingsStartOffAreCheckedWhenSavedAndBelongToTheirCreator() {
        String creator = "creator-" + UUID.randomUUID();
        as(creator).get("/api/tts/settings").then().statusCode(200).body("enabled", equalTo(false))
                .body("template", equalTo("{tipper} tipped {amount}: {message}")).body("voice", equalTo("kevin16"))
                .body("filters.profanity", equalTo(true));
        as(creator).get("/api/tts/voices").then().statusCode(200).body("id", hasItem("kevin16")).body("[0].engine", equalTo("embedded"));

        as(creator).body(Map.of("enabled", true, "template", "{tipper} says {msg}")).put("/api/tts/settings").then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("{msg}"));
        as(creator).body(Map.of("enabled", true, "voice", "hal9000")).put("/api/tts/settings").then().statusCode(400)
                .body("detail", containsString("hal9000"));
        as(creator).body(Map.of("rate", 3.0)).put("/api/tts/settings").then().statusCode(400);
        as(creator).body(Map.of("minAmountCents", 0)).put("/api/tts/settings").then().statusCode(400);
        as(creator).body(Map.of("blockedWords", List.of("ok", "bad\u0000word"))).put("/api/tts/settings").then().statusCode(400);
        as(creator).body("{\"enabled\":\"yes\"}").put("/api/tts/settings").then().statusCode(400);
        as(creator).get("/api/tts/settings").then().statusCode(200).body("enabled", equalTo(false));

        as(creator).body(Map.of("enabled", true, "minAmountCents", 500, "voice", "kevin16-low", "rate", 1.2,
                        "blockedWords", List.of("pineapple"), "filters", Map.of("repeatedCharacters", false)))
                .put("/api/tts/settings").then().statusCode(200).body("enabled", equalTo(true)).body("voice", equalTo("kevin16-low"))
                .body("filters.repeatedCharacters", equalTo(false)).body("filters.links", equalTo(true));
        as(creator).body(Map.of("maxCharacters", 150)).put("/api/tts/settings").then().statusCode(200)
                .body("minAmountCents", equalTo(500)).body("blockedWords", equalTo(List.of("pineapple"))).body("maxCharacters", equalTo(150));
        as("someone-else-" + UUID.randomUUID()).get("/api/tts/settings").then().statusCode(200).body("enabled", equalTo(false))
                .body("blockedWords", equalTo(List.of()));
        given().get("/api/tts/settings").then().statusCode(401);
    }

    @Test
    void aPreviewIsPlayableAudioOfTheFilteredText() {
        String creator = "creator-" + UUID.randomUUID();
        byte[] audio = as(creator).body(Map.of("text", "Hello chat, welcome to the stream", "voice", "kevin16-high"))
                .post("/api/tts/preview").then().statusCode(200).contentType("audio/mpeg").extract().asByteArray();
        Mp3Frames.Mp3Info info = Mp3Frames.read(audio);
        assertTrue(info.durationMs() > 800 && info.durationMs() < 6_000, info.toString());
        as(creator).body(Map.of("text", "https://spam.example.com")).post("/api/tts/preview").then().statusCode(400)
                .body("detail", containsString("nothing is left"));
        as(creator).body(Map.of("text", "hi", "voice", "nobody")).post("/api/tts/preview").then().statusCode(400);
        as(creator).body(Map.of("text", "x".repeat(301))).post("/api/tts/preview").then().statusCode(400);
    }

    @Test
    void aTipAtOrAboveTheMinimumIsReadOnceFilteredAndOthersAreNot() {
        String creator = "creator-" + UUID.randomUUID();
        UUID session = liveSession(creator);
        as(creator).body(Map.of("enabled", true, "minAmountCents", 500, "blockedWords", List.of("pineapple")))
                .put("/api/tts/settings").then().statusCode(200);

        EventEnvelope read = tip(creator, session, 1250, "dave",
                "you fucking legend, visit www.spam.tv and call 555-123-4567, pineapple!", false);
        EventEnvelope below = tip(creator, session, 499, "cheap", "too little to be read", false);
        EventEnvelope test = tip(creator, session, 500, "alice", "testing the voice", true);
        DomainEventConsumer.publish(Topics.TIPS, read);
        DomainEventConsumer.publish(Topics.TIPS, below);
        DomainEventConsumer.publish(Topics.TIPS, read); // redelivered as is
        // tip-service published the same tip again under a new event id (say, after a crash before its relay marked it sent)
        TipReceived readTip = EventJson.payload(read, EventTypes.TIP_RECEIVED);
        DomainEventConsumer.publish(Topics.TIPS, EventJson.envelope(EventTypes.TIP_RECEIVED, creator, session.toString(), readTip,
                Clock.systemUTC()));
        DomainEventConsumer.publish(Topics.TIPS, test);

        try (DomainEventConsumer events = new DomainEventConsumer(Topics.TTS)) {
            TtsSynthesized clip = events.await(EventTypes.TTS_SYNTHESIZED, session.toString(),
                    candidate -> candidate.tipId().equals(readTip.tipId()), WITHIN).payload();
            events.await(EventTypes.TTS_SYNTHESIZED, session.toString(), candidate -> candidate.test(), WITHIN);
            List<TtsSynthesized> all = clips(events, session, Duration.ofSeconds(4));
            assertEquals(2, all.size(), "one clip for the tip, one for the test tip: " + all.stream().map(TtsSynthesized::text).toList());

            assertTrue(clip.text().startsWith("dave tipped 12.50: you bleep legend"), clip.text());
            for (String never : List.of("fuck", "spam", "www", "555", "4567", "pineapple")) {
                assertFalse(clip.text().toLowerCase().contains(never), never + " reached the synthesizer: " + clip.text());
            }
            assertEquals("audio/mpeg", clip.format());
            assertEquals("kevin16", clip.voice());
            assertFalse(clip.test());
            byte[] audio = Base64.getDecoder().decode(clip.audioBase64());
            Mp3Frames.Mp3Info info = Mp3Frames.read(audio);
            assertTrue(Math.abs(info.durationMs() - clip.durationMs()) < 300, info + " vs " + clip.durationMs());
            // A few seconds for some 60 characters of speech.
            assertTrue(clip.durationMs() > 2_000 && clip.durationMs() < 12_000, "duration " + clip.durationMs());
            TtsSynthesized testClip = all.stream().filter(TtsSynthesized::test).findFirst().orElseThrow();
            assertEquals("alice tipped 5: testing the voice", testClip.text());
        }
    }

    @Test
    void aTipOfACreatorWhoHasNothingReadOutIsLeftWithoutATransaction() throws Throwable {
        String creator = "creator-" + UUID.randomUUID();
        UUID session = liveSession(creator);
        double disabledBefore = disabledTips();
        EventEnvelope unread = tip(creator, session, 1000, "erin", "not read: the creator has not switched it on", false);
        DomainEventConsumer.publish(Topics.TIPS, unread);
        Awaitility.await().atMost(WITHIN).until(() -> disabledTips() > disabledBefore);

        // Once the creator switches it on, the next tip of the same session (same partition, so handled after the
        // first) is read, and it is recorded as applied; the first was neither.
        as(creator).body(Map.of("enabled", true)).put("/api/tts/settings").then().statusCode(200);
        EventEnvelope read = tip(creator, session, 1000, "erin", "read: switched on now", false);
        DomainEventConsumer.publish(Topics.TIPS, read);
        try (DomainEventConsumer events = new DomainEventConsumer(Topics.TTS)) {
            UUID readTipId = EventJson.payload(read, EventTypes.TIP_RECEIVED).tipId();
            events.await(EventTypes.TTS_SYNTHESIZED, session.toString(), clip -> clip.tipId().equals(readTipId), WITHIN);
            UUID unreadTipId = EventJson.payload(unread, EventTypes.TIP_RECEIVED).tipId();
            assertTrue(clips(events, session, Duration.ofSeconds(2)).stream().noneMatch(clip -> clip.tipId().equals(unreadTipId)),
                    "the tip from before the creator switched it on was read");
        }
        assertTrue(appliedByTextToSpeech(read), "the read tip has no record of being applied");
        assertFalse(appliedByTextToSpeech(unread), "a tip with nothing to do cost a transaction and a dedupe record");
    }

    private boolean appliedByTextToSpeech(EventEnvelope event) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> processedEvents.findById("chatbot-tts-service.tts/" + event.id())) != null;
    }

    private static double disabledTips() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("tts_clips_total{") && line.contains("reason=\"disabled\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void aSkipReachesTheCreatorsOverlaysOnlyForTheirOwnSession() {
        String creator = "creator-" + UUID.randomUUID();
        UUID session = liveSession(creator);
        Awaitility.await().atMost(WITHIN).pollInterval(Duration.ofMillis(300))
                .until(() -> as(creator).body(Map.of("sessionId", session.toString())).post("/api/tts/skip").statusCode() == 202);
        as("intruder-" + UUID.randomUUID()).body(Map.of("sessionId", session.toString())).post("/api/tts/skip").then().statusCode(404);
        as(creator).body(Map.of("sessionId", "not-a-uuid")).post("/api/tts/skip").then().statusCode(400);
        try (DomainEventConsumer events = new DomainEventConsumer(Topics.TTS)) {
            var skipped = events.await(EventTypes.TTS_SKIPPED, session.toString(), WITHIN).payload();
            assertEquals(creator, skipped.creatorId());
        }
    }

    @Test
    void aFloodIsReadOrSkippedButEachTipAtMostOnceAndTheServiceStaysUp() {
        String creator = "creator-" + UUID.randomUUID();
        UUID session = liveSession(creator);
        as(creator).body(Map.of("enabled", true, "minAmountCents", 100)).put("/api/tts/settings").then().statusCode(200);
        // An old tip (the consumer catching up on history) is never read out late.
        var old = new TipReceived(UUID.randomUUID(), session, creator, 5000, "late", "from an hour ago", "manual", null, false,
                Instant.now().minus(Duration.ofHours(1)), new TipReceived.SessionTotals(0, 0), null);
        DomainEventConsumer.publish(Topics.TIPS, EventJson.envelope(EventTypes.TIP_RECEIVED, creator, session.toString(), old,
                Clock.systemUTC()));
        int flood = 30;
        for (int i = 0; i < flood; i++) {
            DomainEventConsumer.publish(Topics.TIPS, tip(creator, session, 100 + i, "fan" + i, "message number " + i, false));
        }
        try (DomainEventConsumer events = new DomainEventConsumer(Topics.TTS)) {
            events.await(EventTypes.TTS_SYNTHESIZED, session.toString(), clip -> clip.text().startsWith("fan"), WITHIN);
            given().get("/q/health/ready").then().statusCode(200);
            // Clips are taken oldest first: the last tip's is the last to come (unless it was skipped for being late).
            events.await(EventTypes.TTS_SYNTHESIZED, session.toString(), clip -> clip.text().startsWith("fan" + (flood - 1) + " "),
                    Duration.ofSeconds(60));
            List<TtsSynthesized> all = clips(events, session, Duration.ofSeconds(3));
            assertEquals(all.size(), all.stream().map(TtsSynthesized::tipId).distinct().count(), "a tip read twice");
            assertTrue(all.stream().noneMatch(clip -> clip.tipId().equals(old.tipId())), "an hour-old tip was read");
            assertEquals(flood, all.size(), "every tip of the flood is read once within the maximum delay");
        }
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("tts_clips_total{outcome=\"not_read\",reason=\"too_late\"}"), "the late tip is counted");
    }
}
