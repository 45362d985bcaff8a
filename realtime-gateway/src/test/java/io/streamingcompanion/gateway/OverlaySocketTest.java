package io.streamingcompanion.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.OpenConnections;
import io.streamingcompanion.gateway.journal.ConnectionFeeds;
import jakarta.inject.Inject;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventType;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.menu.MenuUpdated;
import io.streamingcompanion.contracts.overlay.OverlayKeyChanged;
import io.streamingcompanion.contracts.overlay.OverlayKeys;
import io.streamingcompanion.contracts.session.SessionUpdated;
import io.streamingcompanion.contracts.tip.TipReceived;
import io.streamingcompanion.testsupport.DomainEventConsumer;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.streamingcompanion.testsupport.TestTokens;
import io.streamingcompanion.testsupport.WebSocketTestClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
@WithTestResource(SessionServiceStub.class)
class OverlaySocketTest {

    @TestHTTPResource("/streaming/overlay")
    URI overlay;

    @TestHTTPResource("/streaming")
    URI streaming;

    private URI overlayUri(String key) {
        return URI.create(overlay.toString().replaceFirst("^http", "ws") + "?key=" + key);
    }

    private static <P> void publish(EventType<P> type, String creatorId, String key, P payload) {
        DomainEventConsumer.publish(type.topic(), EventJson.envelope(type, creatorId, key, payload, Clock.systemUTC()));
    }

    /** A creator with an overlay key the gateway has learnt from its event. */
    private static String keyFor(String creatorId, String previousKey) {
        String key = "ovl_" + UUID.randomUUID();
        publish(EventTypes.OVERLAY_KEY_CHANGED, creatorId, creatorId, new OverlayKeyChanged(creatorId,
                OverlayKeys.hash(key), previousKey == null ? null : OverlayKeys.hash(previousKey), Instant.now()));
        return key;
    }

    private WebSocketTestClient joinedOverlay(String key) {
        return OverlayClients.joined(() -> WebSocketTestClient.anonymous(overlayUri(key)));
    }

    private static TipReceived tip(String creatorId, UUID sessionId, long cents) {
        return new TipReceived(UUID.randomUUID(), sessionId, creatorId, cents, "fan", "wow", "manual", null, false,
                Instant.now(), new TipReceived.SessionTotals(cents, 1), null);
    }

    @Inject
    OpenConnections openConnections;

    @Inject
    ConnectionFeeds feeds;

    /**
     * Fan-out frames skip websockets-next's send path (pre-encoded bytes on the socket's channel, reached through
     * its internals); a Quarkus or Vert.x upgrade that moves those would quietly put every frame back on the slow
     * path, so this says so. The frame itself must still read as the protocol's text frame.
     */
    @Test
    void fanOutFramesAreWrittenAsPreEncodedBytes() {
        String creator = "creator-" + UUID.randomUUID();
        UUID session = UUID.randomUUID();
        try (var first = joinedOverlay(keyFor(creator, null))) {
            String key = keyFor(creator, null);
            try (var second = joinedOverlay(key)) {
                publish(EventTypes.TIP_RECEIVED, creator, session.toString(), tip(creator, session, 1234));
                assertEquals(1234, first.await("tip_received").path("tip").path("amountCents").asLong());
                assertEquals(1234, second.await("tip_received").path("tip").path("amountCents").asLong());
                assertFalse(openConnections.listAll().isEmpty());
                openConnections.listAll().forEach(connection -> assertTrue(feeds.writesEncoded(connection),
                        "socket " + connection.id() + " gets its fan-out frames through sendText"));
            }
        }
    }

    @Inject
    MeterRegistry metrics;

    private double sharedWrites() {
        Counter counter = metrics.find("gateway.fanout.shared.writes").counter();
        return counter == null ? 0 : counter.count();
    }

    /**
     * A state frame waits for the creator's next frame and goes out in the same write, in the journal's order;
     * one that nothing follows still goes out on its own.
     */
    @Test
    void aStateFrameSharesTheWriteOfTheFrameAfterIt() {
        String creator = "creator-" + UUID.randomUUID();
        UUID session = UUID.randomUUID();
        try (var overlaySocket = joinedOverlay(keyFor(creator, null))) {
            double before = sharedWrites();
            // Published back to back, each pair is journaled milliseconds apart, well within the hold; three pairs,
            // so that one slow moment of the machine between the two of a pair cannot decide the outcome.
            for (int pair = 1; pair <= 3; pair++) {
                publish(EventTypes.SESSION_UPDATED, creator, session.toString(), new SessionUpdated(session, creator,
                        "active", "other", "Live", null, Map.of(), 100L * pair, pair, 1, 1, Instant.now(), null));
                publish(EventTypes.TIP_RECEIVED, creator, session.toString(), tip(creator, session, 100));
            }
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> overlaySocket.frames("tip_received").size() == 3
                    && overlaySocket.frames("session_updated").size() == 3);
            // Tips and sessions are topics of their own, so the journal may order a pair either way; whatever it
            // chose, the frames arrive in its order.
            List<Long> positions = overlaySocket.allFrames().stream()
                    .filter(frame -> frame.path("event").asText().matches("session_updated|tip_received"))
                    .map(frame -> frame.path("position").asLong()).toList();
            assertEquals(6, positions.size());
            for (int index = 1; index < positions.size(); index++) {
                assertTrue(positions.get(index) > positions.get(index - 1), "positions rise in arrival order: " + positions);
            }
            assertTrue(sharedWrites() > before, "no state frame shared the write of a frame after it");

            publish(EventTypes.SESSION_UPDATED, creator, session.toString(), new SessionUpdated(session, creator,
                    "active", "other", "Live", null, Map.of(), 400, 4, 1, 1, Instant.now(), null));
            assertEquals(400, overlaySocket.await("session_updated", data -> data.path("tipCount").asLong() == 4)
                    .path("totalTipsCents").asLong());
        }
    }

    @Test
    void anOverlayShowsItsCreatorsAlertsAndNoOneElses() {
        String alice = "creator-" + UUID.randomUUID();
        String bob = "creator-" + UUID.randomUUID();
        UUID aliceSession = UUID.randomUUID();
        UUID bobSession = UUID.randomUUID();
        try (var aliceOverlay = joinedOverlay(keyFor(alice, null));
             var bobOverlay = joinedOverlay(keyFor(bob, null))) {
            publish(EventTypes.TIP_RECEIVED, alice, aliceSession.toString(), tip(alice, aliceSession, 500));
            JsonNode alert = aliceOverlay.await("tip_received");
            assertEquals(aliceSession.toString(), alert.path("sessionId").asText());
            assertEquals(500, alert.path("tip").path("amountCents").asLong());
            assertEquals("wow", alert.path("tip").path("message").asText());
            assertEquals(500, alert.path("sessionTotals").path("totalTipsCents").asLong());

            publish(EventTypes.SESSION_UPDATED, alice, aliceSession.toString(), new SessionUpdated(aliceSession, alice,
                    "active", "other", "Live", "private notes", Map.of("secret", "x"), 500, 1, 3, 3, Instant.now(), null));
            JsonNode update = aliceOverlay.await("session_updated");
            assertEquals(500, update.path("totalTipsCents").asLong());
            assertFalse(update.has("notes"), "overlays never see the creator's notes");
            assertFalse(update.has("metadata"), "overlays never see the creator's metadata");

            publish(EventTypes.MENU_UPDATED, alice, alice, new MenuUpdated(alice, List.of(
                    new MenuUpdated.Item(UUID.randomUUID(), "Flash", null, 777, "performance", true, 0),
                    new MenuUpdated.Item(UUID.randomUUID(), "Hidden", null, 999, "custom", false, 1))));
            JsonNode menu = aliceOverlay.await("menu_updated");
            assertEquals(1, menu.path("items").size());
            assertEquals("Flash", menu.path("items").get(0).path("title").asText());

            publish(EventTypes.TIP_RECEIVED, bob, bobSession.toString(), tip(bob, bobSession, 100));
            bobOverlay.await("tip_received");
            Awaitility.await().pollDelay(Duration.ofMillis(300)).until(() -> true);
            assertEquals(1, aliceOverlay.frames("tip_received").size(), "alice's overlay saw only alice's tip");
            assertEquals(1, bobOverlay.frames("tip_received").size(), "bob's overlay saw only bob's tip");
        }
    }

    @Test
    void everyWriteOnTheOverlayIsRefused() {
        try (var overlaySocket = joinedOverlay(keyFor("creator-" + UUID.randomUUID(), null))) {
            String session = UUID.randomUUID().toString();
            for (String write : List.of("add_tip", "update_viewers", "chatbot_message", "join_session")) {
                overlaySocket.send(write, Map.of("sessionId", session, "amountCents", 100, "viewerCount", 5));
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> overlaySocket.frames("error").size() == 4);
            assertTrue(overlaySocket.frames("error").stream().allMatch(error -> error.path("code").asText().equals("read_only")));
        }
    }

    @Test
    void anUnknownKeyIsRefused() {
        try (var overlaySocket = WebSocketTestClient.anonymous(overlayUri("ovl_not-a-key"))) {
            assertEquals("invalid_overlay_key", overlaySocket.await("error").path("code").asText());
            overlaySocket.send("join_overlay", Map.of("overlayKey", "also-wrong"));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> overlaySocket.frames("error").size() == 2);
            assertTrue(overlaySocket.frames("joined_overlay").isEmpty());
        }
    }

    @Test
    void aRotatedKeyStopsWorkingAtOnceForOpenOverlaysToo() {
        String creator = "creator-" + UUID.randomUUID();
        String oldKey = keyFor(creator, null);
        try (var open = joinedOverlay(oldKey)) {
            String newKey = keyFor(creator, oldKey);
            assertEquals("overlay_key_revoked", open.await("error").path("code").asText());
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(open::isClosed);
            try (var fresh = joinedOverlay(newKey)) {
                UUID session = UUID.randomUUID();
                publish(EventTypes.TIP_RECEIVED, creator, session.toString(), tip(creator, session, 300));
                fresh.await("tip_received");
            }
            try (var stale = WebSocketTestClient.anonymous(overlayUri(oldKey))) {
                assertEquals("invalid_overlay_key", stale.await("error").path("code").asText());
            }
        }
    }

    @Test
    void theCreatorsOwnSocketGetsTheFullMenuWithoutJoiningASession() {
        String creator = "creator-" + UUID.randomUUID();
        try (var dashboard = WebSocketTestClient.withBearer(URI.create(streaming.toString().replaceFirst("^http", "ws")),
                TestTokens.creator(creator))) {
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                publish(EventTypes.MENU_UPDATED, creator, creator, new MenuUpdated(creator, List.of(
                        new MenuUpdated.Item(UUID.randomUUID(), "Hidden", null, 999, "custom", false, 1))));
                dashboard.await("menu_updated");
            });
            assertEquals("Hidden", dashboard.frames("menu_updated").get(0).path("items").get(0).path("title").asText());
        }
    }
}
