package io.streamingcompanion.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.overlay.OverlayKeyChanged;
import io.streamingcompanion.contracts.overlay.OverlayKeys;
import io.streamingcompanion.contracts.tip.TipReceived;
import io.streamingcompanion.infra.RedisServer;
import io.streamingcompanion.testsupport.DomainEventConsumer;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.streamingcompanion.testsupport.SharedInfrastructure;
import io.streamingcompanion.testsupport.WebSocketTestClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Redis restarts (empty, as one without persistence comes back): the gateway subscribes to the journal's
 * channel again by itself, and open sockets keep getting frames, whose positions start again.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
@WithTestResource(SessionServiceStub.class)
class RedisOutageTest {

    @TestHTTPResource("/streaming/overlay")
    URI overlay;

    private static void tip(String creatorId, UUID sessionId, long cents) {
        DomainEventConsumer.publish(EventTypes.TIP_RECEIVED.topic(), EventJson.envelope(EventTypes.TIP_RECEIVED,
                creatorId, sessionId.toString(), new TipReceived(UUID.randomUUID(), sessionId, creatorId, cents, "fan",
                        null, "manual", null, false, Instant.now(), new TipReceived.SessionTotals(cents, 1), null),
                Clock.systemUTC()));
    }

    @Test
    void openSocketsKeepReceivingAfterRedisRestarts() {
        RedisServer redis = SharedInfrastructure.embeddedRedis().orElse(null);
        Assumptions.assumeTrue(redis != null, "needs the embedded Redis to stop it");
        String creator = "creator-" + UUID.randomUUID();
        UUID session = UUID.randomUUID();
        String key = "ovl_" + UUID.randomUUID();
        DomainEventConsumer.publish(EventTypes.OVERLAY_KEY_CHANGED.topic(), EventJson.envelope(
                EventTypes.OVERLAY_KEY_CHANGED, creator, creator,
                new OverlayKeyChanged(creator, OverlayKeys.hash(key), null, Instant.now()), Clock.systemUTC()));
        URI uri = URI.create(overlay.toString().replaceFirst("^http", "ws") + "?key=" + key);
        try (var overlaySocket = Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            WebSocketTestClient client = WebSocketTestClient.anonymous(uri);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !client.allFrames().isEmpty());
            if (!client.frames("snapshot").isEmpty() || !client.frames("joined_overlay").isEmpty()) {
                return client;
            }
            client.close();
            return null;
        }, client -> client != null)) {
            tip(creator, session, 100);
            overlaySocket.await("tip_received", data -> data.path("tip").path("amountCents").asLong() == 100);

            redis.stop();
            Awaitility.await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
            redis.restart();

            tip(creator, session, 200);
            overlaySocket.await("tip_received", data -> data.path("tip").path("amountCents").asLong() == 200);
            assertEquals(1, overlaySocket.positions("tip_received").get(1),
                    "Redis came back empty: the creator's positions started again");
            // ...and the open socket was told before the first new frame, so that a client skipping positions
            // it already has (the overlay page, the dashboard) takes the new ones as new.
            List<String> events = overlaySocket.allFrames().stream().map(frame -> frame.path("event").asText())
                    .filter(event -> !event.equals("joined_overlay")).toList();
            assertEquals(List.of("tip_received", "replay_truncated", "snapshot", "tip_received"),
                    events.subList(events.indexOf("tip_received"), events.size()));
            JsonNode truncated = overlaySocket.frames("replay_truncated").get(0);
            assertEquals(overlaySocket.positions("tip_received").get(0), truncated.path("since").asLong());
            assertEquals(0, truncated.path("position").asLong());
            List<Long> snapshots = overlaySocket.positions("snapshot");
            assertEquals(0, snapshots.get(snapshots.size() - 1), "the new journal's state before its first entry");
        }
    }
}
