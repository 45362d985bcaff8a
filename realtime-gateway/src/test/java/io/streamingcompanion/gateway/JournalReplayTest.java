package io.streamingcompanion.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.XTrimArgs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamingcompanion.contracts.EventEnvelope;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventType;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.goal.GoalProgress;
import io.streamingcompanion.contracts.menu.MenuUpdated;
import io.streamingcompanion.contracts.overlay.OverlayKeyChanged;
import io.streamingcompanion.contracts.overlay.OverlayKeys;
import io.streamingcompanion.contracts.session.SessionUpdated;
import io.streamingcompanion.contracts.tip.TipReceived;
import io.streamingcompanion.testsupport.DomainEventConsumer;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.streamingcompanion.testsupport.TestTokens;
import io.streamingcompanion.testsupport.WebSocketTestClient;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Positions, replay after a reconnect, redelivered events and the snapshot on join (real Kafka and Redis). */
@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
@WithTestResource(SessionServiceStub.class)
class JournalReplayTest {

    @TestHTTPResource("/streaming/overlay")
    URI overlay;

    @TestHTTPResource("/streaming")
    URI streaming;

    @Inject
    RedisDataSource redis;

    // --- helpers ---

    private URI overlayUri(String key, Long since) {
        return URI.create(overlay.toString().replaceFirst("^http", "ws") + "?key=" + key
                + (since == null ? "" : "&since=" + since));
    }

    private static <P> EventEnvelope envelope(EventType<P> type, String creatorId, String key, P payload) {
        return EventJson.envelope(type, creatorId, key, payload, Clock.systemUTC());
    }

    private static <P> void publish(EventType<P> type, String creatorId, String key, P payload) {
        DomainEventConsumer.publish(type.topic(), envelope(type, creatorId, key, payload));
    }

    private static String keyFor(String creatorId) {
        String key = "ovl_" + UUID.randomUUID();
        publish(EventTypes.OVERLAY_KEY_CHANGED, creatorId, creatorId,
                new OverlayKeyChanged(creatorId, OverlayKeys.hash(key), null, Instant.now()));
        return key;
    }

    /** An overlay that was let in and has had its catch-up (snapshot, or replay). */
    private WebSocketTestClient joinedOverlay(String key, Long since) {
        WebSocketTestClient joined = OverlayClients.joined(() -> WebSocketTestClient.anonymous(overlayUri(key, since)));
        if (since == null) {
            joined.await("snapshot");
        }
        return joined;
    }

    private WebSocketTestClient dashboard(String creatorId) {
        return WebSocketTestClient.withBearer(URI.create(streaming.toString().replaceFirst("^http", "ws")),
                TestTokens.creator(creatorId));
    }

    private static TipReceived tip(String creatorId, UUID sessionId, long cents) {
        return new TipReceived(UUID.randomUUID(), sessionId, creatorId, cents, "fan", "wow", "manual", null, false,
                Instant.now(), new TipReceived.SessionTotals(cents, 1), null);
    }

    private static void tips(String creatorId, UUID sessionId, int count, long firstCents) {
        for (int i = 0; i < count; i++) {
            publish(EventTypes.TIP_RECEIVED, creatorId, sessionId.toString(), tip(creatorId, sessionId, firstCents + i));
        }
    }

    private static List<Long> allPositions(WebSocketTestClient client) {
        return client.allFrames().stream().filter(frame -> frame.has("position"))
                .filter(frame -> !frame.path("event").asText().equals("snapshot"))
                .map(frame -> frame.path("position").asLong()).toList();
    }

    private static List<Long> range(long fromInclusive, long toInclusive) {
        return LongStream.rangeClosed(fromInclusive, toInclusive).boxed().toList();
    }

    private static void awaitCount(WebSocketTestClient client, String event, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> client.frames(event).size() >= count);
    }

    private static void settle() {
        Awaitility.await().pollDelay(Duration.ofMillis(500)).until(() -> true);
    }

    // --- tests ---

    @Test
    void framesCarryContiguousPositionsPerCreator() {
        String alice = "creator-" + UUID.randomUUID();
        String bob = "creator-" + UUID.randomUUID();
        UUID aliceSession = UUID.randomUUID();
        UUID bobSession = UUID.randomUUID();
        try (var aliceOverlay = joinedOverlay(keyFor(alice), null);
             var bobOverlay = joinedOverlay(keyFor(bob), null)) {
            assertEquals(0, aliceOverlay.allFrames().stream().filter(f -> f.path("event").asText().equals("snapshot"))
                    .findFirst().orElseThrow().path("position").asLong(), "a new creator's journal is empty");
            assertEquals(List.of(0L), aliceOverlay.positions("snapshot"));
            for (int i = 0; i < 4; i++) {
                publish(EventTypes.TIP_RECEIVED, alice, aliceSession.toString(), tip(alice, aliceSession, 100 + i));
                publish(EventTypes.TIP_RECEIVED, bob, bobSession.toString(), tip(bob, bobSession, 200 + i));
            }
            publish(EventTypes.GOAL_PROGRESS, alice, aliceSession.toString(), new GoalProgress(UUID.randomUUID(),
                    aliceSession, alice, "Goal", 400, 1000, 40, false, false));
            publish(EventTypes.MENU_UPDATED, alice, alice, new MenuUpdated(alice, List.of()));
            // The menu's key is the creator, the others' the session: other partitions, so each is awaited on its own.
            awaitCount(aliceOverlay, "menu_updated", 1);
            awaitCount(aliceOverlay, "goal_progress", 1);
            awaitCount(aliceOverlay, "tip_received", 4);
            awaitCount(bobOverlay, "tip_received", 4);
            settle();

            assertEquals(range(1, 6), allPositions(aliceOverlay), "alice's frames: 1..6, in order, each once");
            assertEquals(range(1, 4), allPositions(bobOverlay), "bob's positions are his own, from 1");
            List<Long> aliceTips = aliceOverlay.frames("tip_received").stream()
                    .map(data -> data.path("tip").path("amountCents").asLong()).toList();
            assertEquals(List.of(100L, 101L, 102L, 103L), aliceTips, "in publication order");
            assertTrue(aliceOverlay.allFrames().stream().filter(f -> f.path("event").asText().startsWith("joined"))
                    .noneMatch(f -> f.has("position")), "acks carry no position");
        }
    }

    @Test
    void anOverlayThatRejoinsWithSinceGetsExactlyWhatItMissedInOrderThenLiveFrames() throws Exception {
        String creator = "creator-" + UUID.randomUUID();
        UUID session = UUID.randomUUID();
        String key = keyFor(creator);
        long last;
        try (var witness = joinedOverlay(key, null)) {
            try (var first = joinedOverlay(key, null)) {
                tips(creator, session, 2, 100);
                awaitCount(first, "tip_received", 2);
                List<Long> seen = first.positions("tip_received");
                last = seen.get(seen.size() - 1);
            }
            tips(creator, session, 4, 200);
            awaitCount(witness, "tip_received", 6);

            try (var back = joinedOverlay(key, last)) {
                // Live tips published while the replay is read must follow it, not interleave or repeat.
                Thread burst = new Thread(() -> tips(creator, session, 5, 300));
                burst.start();
                awaitCount(back, "tip_received", 9);
                burst.join();
                settle();

                assertEquals(range(last + 1, last + 9), allPositions(back), "missed then live, in order, each once");
                List<Long> amounts = back.frames("tip_received").stream()
                        .map(data -> data.path("tip").path("amountCents").asLong()).toList();
                assertEquals(List.of(200L, 201L, 202L, 203L), amounts.subList(0, 4), "the missed tips come first");
                assertTrue(back.frames("snapshot").isEmpty(), "a replay is no snapshot");
                assertTrue(back.frames("replay_truncated").isEmpty());
            }
        }
    }

    @Test
    void aRedeliveredEventShowsOneAlert() {
        String creator = "creator-" + UUID.randomUUID();
        UUID session = UUID.randomUUID();
        try (var overlaySocket = joinedOverlay(keyFor(creator), null)) {
            TipReceived tip = tip(creator, session, 700);
            EventEnvelope once = envelope(EventTypes.TIP_RECEIVED, creator, session.toString(), tip);
            DomainEventConsumer.publish(EventTypes.TIP_RECEIVED.topic(), once);
            DomainEventConsumer.publish(EventTypes.TIP_RECEIVED.topic(), once);
            publish(EventTypes.TIP_RECEIVED, creator, session.toString(), tip(creator, session, 800));
            overlaySocket.await("tip_received", data -> data.path("tip").path("amountCents").asLong() == 800);
            settle();

            assertEquals(1, overlaySocket.frames("tip_received").stream()
                    .filter(data -> data.path("tip").path("id").asText().equals(tip.tipId().toString())).count());
            assertEquals(List.of(1L, 2L), allPositions(overlaySocket), "the redelivery took no position either");
        }
    }

    @Test
    void aJoiningSocketGetsASnapshotOfTotalsGoalsAndMenu() {
        String creator = "creator-" + UUID.randomUUID();
        UUID session = UUID.randomUUID();
        UUID goalA = UUID.randomUUID();
        UUID goalB = UUID.randomUUID();
        UUID removedGoal = UUID.randomUUID();
        String key = keyFor(creator);
        try (var witness = joinedOverlay(key, null)) {
            publish(EventTypes.SESSION_UPDATED, creator, session.toString(), new SessionUpdated(session, creator,
                    "active", "other", "Live", "private notes", Map.of("secret", "x"), 2500, 4, 17, 20, Instant.now(), null));
            publish(EventTypes.GOAL_PROGRESS, creator, session.toString(),
                    new GoalProgress(goalA, session, creator, "New mic", 500, 1000, 50, false, false));
            publish(EventTypes.GOAL_PROGRESS, creator, session.toString(),
                    new GoalProgress(goalA, session, creator, "New mic", 700, 1000, 70, false, false));
            publish(EventTypes.GOAL_PROGRESS, creator, session.toString(),
                    new GoalProgress(goalB, session, creator, "Dance", 300, 300, 100, true, false));
            publish(EventTypes.GOAL_PROGRESS, creator, session.toString(),
                    new GoalProgress(removedGoal, session, creator, "Gone", 0, 100, 0, false, false));
            publish(EventTypes.GOAL_PROGRESS, creator, session.toString(),
                    new GoalProgress(removedGoal, session, creator, "Gone", 0, 100, 0, false, true));
            publish(EventTypes.MENU_UPDATED, creator, creator, new MenuUpdated(creator, List.of(
                    new MenuUpdated.Item(UUID.randomUUID(), "Flash", null, 777, "performance", true, 0),
                    new MenuUpdated.Item(UUID.randomUUID(), "Hidden", null, 999, "custom", false, 1))));
            awaitCount(witness, "menu_updated", 1);

            try (var fresh = joinedOverlay(key, null)) {
                JsonNode frame = fresh.allFrames().stream().filter(f -> f.path("event").asText().equals("snapshot"))
                        .findFirst().orElseThrow();
                assertEquals(7, frame.path("position").asLong(), "the snapshot is as of the creator's position");
                JsonNode snapshot = frame.path("data");
                assertEquals(session.toString(), snapshot.path("sessionId").asText(), "the active session");
                assertEquals(2500, snapshot.path("session").path("totalTipsCents").asLong());
                assertEquals(4, snapshot.path("session").path("tipCount").asLong());
                assertEquals(17, snapshot.path("session").path("currentViewers").asLong());
                assertFalse(snapshot.path("session").has("notes"), "overlays never see notes");
                Map<String, JsonNode> goals = goalsById(snapshot);
                assertEquals(Set.of(goalA.toString(), goalB.toString()), goals.keySet(), "removed goals are gone");
                assertEquals(700, goals.get(goalA.toString()).path("currentCents").asLong(), "the last progress");
                assertFalse(goals.get(goalA.toString()).path("completed").asBoolean());
                assertTrue(goals.get(goalB.toString()).path("completed").asBoolean(), "completed goals are flagged");
                assertEquals(1, snapshot.path("menu").path("items").size(), "overlays: active items only");
            }

            SessionServiceStub.OWNERS.put(session.toString(), creator);
            try (var dashboardSocket = dashboard(creator)) {
                dashboardSocket.send("join_session", Map.of("sessionId", session.toString()));
                JsonNode snapshot = dashboardSocket.await("snapshot");
                assertEquals("private notes", snapshot.path("session").path("notes").asText(), "the creator sees notes");
                assertEquals(2, snapshot.path("goals").size());
                assertEquals(2, snapshot.path("menu").path("items").size(), "the creator sees the whole menu");
            }
        }
    }

    private static Map<String, JsonNode> goalsById(JsonNode snapshot) {
        List<JsonNode> goals = new ArrayList<>();
        snapshot.path("goals").forEach(goals::add);
        return goals.stream().collect(Collectors.toMap(goal -> goal.path("goalId").asText(), goal -> goal));
    }

    @Test
    void aReplayFromBeyondTheBufferIsASnapshotMarkedTruncated() {
        String creator = "creator-" + UUID.randomUUID();
        UUID session = UUID.randomUUID();
        String key = keyFor(creator);
        try (var witness = joinedOverlay(key, null)) {
            publish(EventTypes.SESSION_UPDATED, creator, session.toString(), new SessionUpdated(session, creator,
                    "active", "other", "Live", null, Map.of(), 900, 3, 5, 5, Instant.now(), null));
            tips(creator, session, 3, 300);
            awaitCount(witness, "tip_received", 3);
        }
        // The buffer's bound (count or age) has dropped positions 1..3.
        redis.stream(String.class).xtrim("gateway:journal:" + creator, new XTrimArgs().maxlen(1));

        try (var back = joinedOverlay(key, 1L)) {
            JsonNode marker = back.await("replay_truncated");
            assertEquals(1, marker.path("since").asLong());
            assertEquals(4, marker.path("position").asLong());
            JsonNode snapshot = back.await("snapshot");
            assertEquals(900, snapshot.path("session").path("totalTipsCents").asLong());
            settle();
            assertTrue(back.frames("tip_received").isEmpty(), "no partial replay");
            List<String> order = back.allFrames().stream().map(f -> f.path("event").asText()).toList();
            assertEquals(List.of("joined_overlay", "replay_truncated", "snapshot"), order);
        }
        // A client ahead of the journal (Redis lost it and positions started again) is told the same.
        try (var ahead = joinedOverlay(key, 99L)) {
            assertEquals(99, ahead.await("replay_truncated").path("since").asLong());
            ahead.await("snapshot");
        }
        try (var current = joinedOverlay(key, 4L)) {
            settle();
            assertTrue(current.frames("replay_truncated").isEmpty(), "nothing missed is nothing truncated");
            assertTrue(current.frames("snapshot").isEmpty());
        }
    }

    @Test
    void aDashboardReplaysOnlyItsOwnCreatorsFrames() {
        String alice = "creator-" + UUID.randomUUID();
        String bob = "creator-" + UUID.randomUUID();
        UUID aliceSession = UUID.randomUUID();
        UUID bobSession = UUID.randomUUID();
        SessionServiceStub.OWNERS.put(aliceSession.toString(), alice);
        SessionServiceStub.OWNERS.put(bobSession.toString(), bob);
        try (var aliceWitness = joinedOverlay(keyFor(alice), null);
             var bobWitness = joinedOverlay(keyFor(bob), null)) {
            tips(bob, bobSession, 3, 900);
            tips(alice, aliceSession, 2, 100);
            // bob names alice's session: it lands in bob's journal, under bob.
            publish(EventTypes.TIP_RECEIVED, bob, aliceSession.toString(), tip(bob, aliceSession, 666));
            tips(alice, aliceSession, 1, 102);
            awaitCount(aliceWitness, "tip_received", 3);
            awaitCount(bobWitness, "tip_received", 4);

            try (var aliceDashboard = dashboard(alice)) {
                aliceDashboard.send("join_session", Map.of("sessionId", aliceSession.toString(), "since", 0));
                aliceDashboard.await("joined_session");
                awaitCount(aliceDashboard, "tip_received", 3);
                settle();
                List<Long> amounts = aliceDashboard.frames("tip_received").stream()
                        .map(data -> data.path("tip").path("amountCents").asLong()).toList();
                assertEquals(List.of(100L, 101L, 102L), amounts, "alice's tips only, in order, once");
                assertEquals(range(1, 3), allPositions(aliceDashboard), "alice's positions, not bob's");
            }
        }
    }
}
