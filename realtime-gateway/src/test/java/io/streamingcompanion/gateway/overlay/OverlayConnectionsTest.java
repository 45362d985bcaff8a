package io.streamingcompanion.gateway.overlay;

import static io.streamingcompanion.gateway.FakeConnections.connection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.websockets.next.WebSocketConnection;
import io.streamingcompanion.gateway.Interleavings;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A key rotation must find every overlay socket its old key let in, even one admitted as another one left. */
class OverlayConnectionsTest {

    @Test
    void aRotationClosesASocketAdmittedWhileTheKeysLastSocketLeft() throws Exception {
        OverlayConnections connections = new OverlayConnections();
        try (Interleavings interleavings = new Interleavings()) {
            interleavings.run(20_000, round -> {
                String keyHash = "key-" + round;
                WebSocketConnection leaving = connection("old-" + round);
                WebSocketConnection arriving = connection("new-" + round);
                connections.admitted(keyHash, leaving);
                return new Interleavings.Race(() -> connections.gone(leaving), () -> connections.admitted(keyHash, arriving), () -> {
                    assertEquals(Set.of(arriving), Set.copyOf(connections.revoke(keyHash)), "round " + round);
                    assertFalse(connections.isAdmitted(arriving));
                });
            });
        }
    }

    @Test
    void aSocketThatLeftIsNoLongerAdmitted() {
        OverlayConnections connections = new OverlayConnections();
        WebSocketConnection socket = connection("socket");
        connections.admitted("key", socket);
        assertTrue(connections.isAdmitted(socket));
        connections.gone(socket);
        assertFalse(connections.isAdmitted(socket));
        assertEquals(Set.of(), connections.revoke("key"));
    }
}
