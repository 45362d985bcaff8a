package io.streamingcompanion.gateway.overlay;

import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Which overlay sockets of this replica were let in by which key hash, so a rotation can shut them. */
@ApplicationScoped
public class OverlayConnections {

    private final Map<String, Set<WebSocketConnection>> byKeyHash = new ConcurrentHashMap<>();
    private final Map<String, String> keyHashOfConnection = new ConcurrentHashMap<>();

    public void admitted(String keyHash, WebSocketConnection connection) {
        // Inside the atomic update, as in RoomRegistry: a set fetched before the last socket's removal dropped it
        // would keep this socket where a key rotation can no longer find it.
        byKeyHash.compute(keyHash, (key, connections) -> {
            Set<WebSocketConnection> admittedByKey = connections != null ? connections : ConcurrentHashMap.newKeySet();
            admittedByKey.add(connection);
            return admittedByKey;
        });
        keyHashOfConnection.put(connection.id(), keyHash);
    }

    public void gone(WebSocketConnection connection) {
        String keyHash = keyHashOfConnection.remove(connection.id());
        if (keyHash != null) {
            byKeyHash.computeIfPresent(keyHash, (key, connections) -> {
                connections.remove(connection);
                return connections.isEmpty() ? null : connections;
            });
        }
    }

    /** Removes and returns the sockets a now-invalid key let in. */
    public Set<WebSocketConnection> revoke(String keyHash) {
        Set<WebSocketConnection> connections = byKeyHash.remove(keyHash);
        if (connections == null) {
            return Set.of();
        }
        connections.forEach(connection -> keyHashOfConnection.remove(connection.id()));
        return connections;
    }

    public boolean isAdmitted(WebSocketConnection connection) {
        return keyHashOfConnection.containsKey(connection.id());
    }
}
