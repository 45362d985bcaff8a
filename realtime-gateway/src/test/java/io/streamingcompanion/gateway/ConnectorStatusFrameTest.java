package io.streamingcompanion.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.connector.ConnectorStatusChanged;
import io.streamingcompanion.contracts.overlay.OverlayKeyChanged;
import io.streamingcompanion.contracts.overlay.OverlayKeys;
import io.streamingcompanion.testsupport.DomainEventConsumer;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.streamingcompanion.testsupport.TestTokens;
import io.streamingcompanion.testsupport.WebSocketTestClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** tip-service's connector status reaches every dashboard socket of the creator, never her overlay. */
@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
@WithTestResource(SessionServiceStub.class)
class ConnectorStatusFrameTest {

    @TestHTTPResource("/streaming")
    URI streaming;

    @TestHTTPResource("/streaming/overlay")
    URI overlay;

    @Test
    void aRevokedConnectorIsToldToTheCreatorsSocketsOnly() {
        String creator = "creator-" + UUID.randomUUID();
        String key = "ovl_" + UUID.randomUUID();
        DomainEventConsumer.publish(EventTypes.OVERLAY_KEY_CHANGED.topic(), EventJson.envelope(EventTypes.OVERLAY_KEY_CHANGED,
                creator, creator, new OverlayKeyChanged(creator, OverlayKeys.hash(key), null, Instant.now()), Clock.systemUTC()));
        URI overlayUri = URI.create(overlay.toString().replaceFirst("^http", "ws") + "?key=" + key);
        try (var dashboard = WebSocketTestClient.withBearer(URI.create(streaming.toString().replaceFirst("^http", "ws")),
                TestTokens.creator(creator));
             var overlaySocket = Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
                 WebSocketTestClient client = WebSocketTestClient.anonymous(overlayUri);
                 Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !client.allFrames().isEmpty());
                 if (!client.frames("joined_overlay").isEmpty()) {
                     return client;
                 }
                 client.close();
                 return null;
             }, client -> client != null)) {
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                DomainEventConsumer.publish(EventTypes.CONNECTOR_STATUS_CHANGED.topic(), EventJson.envelope(
                        EventTypes.CONNECTOR_STATUS_CHANGED, creator, creator, new ConnectorStatusChanged(creator, "chaturbate",
                                "revoked", "Chaturbate refused the token (HTTP 401)", Instant.now()), Clock.systemUTC()));
                dashboard.await("connector_status");
            });
            JsonNode status = dashboard.frames("connector_status").get(0);
            assertEquals("chaturbate", status.path("platform").asText());
            assertEquals("revoked", status.path("status").asText());
            Awaitility.await().pollDelay(Duration.ofMillis(500)).until(() -> true);
            assertTrue(overlaySocket.frames("connector_status").isEmpty(), "the overlay never shows the connector's state");
        }
    }
}
