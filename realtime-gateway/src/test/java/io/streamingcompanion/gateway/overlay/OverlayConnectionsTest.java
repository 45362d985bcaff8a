package io.streamingcompanion.gateway.overlay;

import static io.streamingcompanion.gateway.FakeConnections.connection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.websockets.next.WebSocketConnection;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A key rotation must find every overlay socket its old key let in, even one admitted as another one left. */
class OverlayConnectionsTest {

    @Test
    void aRotationClosesASocketAdmittedWhileTheKeysLastSocketLeft() throws Exception {
        OverlayConnections connections = new OverlayConnections();
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20_000; round++) {
                String keyHash = "key-" + round;
                WebSocketConnection leaving = connection("old-" + round);
                WebSocketConnection arriving = connection("new-" + round);
                connections.admitted(keyHash, leaving);
                Future<?> gone = threads.submit(() -> {
                    start.await();
                    connections.gone(leaving);
                    return null;
                });
                Future<?> admitted = threads.submit(() -> {
                    start.await();
                    connections.admitted(keyHash, arriving);
                    return null;
                });
                gone.get(10, TimeUnit.SECONDS);
                admitted.get(10, TimeUnit.SECONDS);
                assertEquals(Set.of(arriving), Set.copyOf(connections.revoke(keyHash)), "round " + round);
                assertFalse(connections.isAdmitted(arriving));
            }
        } finally {
            threads.shutdownNow();
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
