package io.streamingcompanion.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.overlay.OverlayKeyChanged;
import io.streamingcompanion.contracts.overlay.OverlayKeys;
import io.streamingcompanion.gateway.config.GatewayConfig;
import io.streamingcompanion.testsupport.DomainEventConsumer;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.streamingcompanion.testsupport.WebSocketTestClient;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The anonymous overlay socket cannot be used to try keys cheaply: failed joins are limited per socket and
 * per client address, unknown keys are remembered briefly, and a socket that never joins is closed.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
@WithTestResource(SessionServiceStub.class)
class OverlayJoinLimitsTest {

    @TestHTTPResource("/streaming/overlay")
    URI overlay;

    @Inject
    GatewayConfig config;

    private int perSocket;
    private int perAddress;

    @BeforeEach
    void limits() {
        perSocket = config.overlay().maxFailedJoinsPerSocket();
        perAddress = config.overlay().maxFailedLookupsPerAddress();
    }

    private URI overlayUri() {
        return URI.create(overlay.toString().replaceFirst("^http", "ws"));
    }

    /** A socket as the local origin (a trusted proxy on 127.0.0.1) forwards it for this client address. */
    private WebSocketTestClient from(String clientAddress) {
        return WebSocketTestClient.withHeaders(overlayUri(), Map.of("X-Forwarded-For", clientAddress));
    }

    private static String someAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.51." + random.nextInt(100, 255) + "." + random.nextInt(1, 255);
    }

    private static long lookupsOf(String key) {
        return SessionServiceStub.requests("/internal/overlay-keys/" + OverlayKeys.hash(key)).size();
    }

    private static String learntKey() {
        String creator = "creator-" + UUID.randomUUID();
        String key = "ovl_" + UUID.randomUUID();
        DomainEventConsumer.publish(EventTypes.OVERLAY_KEY_CHANGED.topic(), EventJson.envelope(EventTypes.OVERLAY_KEY_CHANGED,
                creator, creator, new OverlayKeyChanged(creator, OverlayKeys.hash(key), null, Instant.now()), Clock.systemUTC()));
        return key;
    }

    @Test
    void aSocketThatNeverJoinsIsClosed() {
        try (var idle = WebSocketTestClient.anonymous(overlayUri())) {
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(idle::isClosed);
            assertEquals("join_timeout", idle.await("error").path("code").asText());
            assertEquals(1008, idle.closeCode());
        }
    }

    @Test
    void aSocketIsClosedAfterTooManyFailedJoins() {
        try (var guessing = from(someAddress())) {
            for (int i = 0; i <= perSocket; i++) {
                guessing.send("join_overlay", Map.of("overlayKey", "ovl_guess-" + UUID.randomUUID()));
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(guessing::isClosed);
            assertEquals(perSocket, guessing.frames("error").stream()
                    .filter(error -> error.path("code").asText().equals("invalid_overlay_key")).count());
            assertTrue(guessing.frames("error").stream()
                    .anyMatch(error -> error.path("code").asText().equals("too_many_join_attempts")));
            assertEquals(1008, guessing.closeCode());
        }
    }

    @Test
    void anUnknownKeyIsLookedUpOnceWhileItIsRemembered() {
        String unknown = "ovl_unknown-" + UUID.randomUUID();
        try (var first = from(someAddress()); var second = from(someAddress())) {
            first.send("join_overlay", Map.of("overlayKey", unknown));
            assertEquals("invalid_overlay_key", first.await("error").path("code").asText());
            second.send("join_overlay", Map.of("overlayKey", unknown));
            assertEquals("invalid_overlay_key", second.await("error").path("code").asText());
            assertEquals(1, lookupsOf(unknown), "the second attempt was answered from memory");
        }
    }

    @Test
    void anAddressThatFailsTooOftenIsRefusedWithoutALookupWhileOthersStillJoin() {
        String address = someAddress();
        int failed = 0;
        while (failed < perAddress) {
            try (var guessing = from(address)) {
                for (int i = 0; i < perSocket - 1 && failed < perAddress; i++, failed++) {
                    guessing.send("join_overlay", Map.of("overlayKey", "ovl_guess-" + UUID.randomUUID()));
                    int answers = i + 1;
                    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> guessing.frames("error").size() >= answers);
                }
            }
        }
        String fresh = "ovl_guess-" + UUID.randomUUID();
        try (var refused = from(address)) {
            refused.send("join_overlay", Map.of("overlayKey", fresh));
            assertEquals("too_many_join_attempts", refused.await("error").path("code").asText());
            assertEquals(0, lookupsOf(fresh), "a refused attempt costs no lookup");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(refused::isClosed);
            assertEquals(1008, refused.closeCode());
        }
        String key = learntKey();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            try (var other = from(someAddress())) {
                other.send("join_overlay", Map.of("overlayKey", key));
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !other.allFrames().isEmpty());
                return !other.frames("joined_overlay").isEmpty();
            }
        });
    }

    @Test
    void theKeyCanTravelInJoinOverlayWithoutAnyQueryString() {
        String key = learntKey();
        WebSocketTestClient joined = OverlayClients.joined(() -> {
            WebSocketTestClient client = WebSocketTestClient.anonymous(overlayUri());
            client.send("join_overlay", Map.of("overlayKey", key, "since", 0));
            return client;
        });
        try (joined) {
            // Joined sockets are not closed for want of a join.
            Awaitility.await().pollDelay(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(7)).until(() -> true);
            assertFalse(joined.isClosed());
        }
    }
}
