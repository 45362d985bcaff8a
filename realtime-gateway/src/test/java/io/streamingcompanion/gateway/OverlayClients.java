package io.streamingcompanion.gateway;

import io.streamingcompanion.testsupport.WebSocketTestClient;
import java.time.Duration;
import java.util.function.Supplier;
import org.awaitility.Awaitility;

/**
 * Opens overlay sockets until one is let in: a key published on Kafka reaches the gateway's cache a moment
 * later, and until then the join is refused (and that socket closed).
 */
final class OverlayClients {

    private OverlayClients() {
    }

    static WebSocketTestClient joined(Supplier<WebSocketTestClient> open) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            WebSocketTestClient client = open.get();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !client.allFrames().isEmpty());
            if (!client.frames("joined_overlay").isEmpty()) {
                return client;
            }
            client.close();
            return null;
        }, client -> client != null);
    }
}
