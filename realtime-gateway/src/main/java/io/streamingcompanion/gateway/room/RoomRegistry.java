package io.streamingcompanion.gateway.room;

import io.quarkus.logging.Log;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which open sockets of this replica follow which session. Kept in memory because a socket lives on
 * exactly one replica, and every replica receives every event, so each delivers to its own sockets.
 */
@ApplicationScoped
public class RoomRegistry {

    private final Map<String, Set<WebSocketConnection>> members = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> roomsOfConnection = new ConcurrentHashMap<>();

    public void join(String room, WebSocketConnection connection) {
        members.computeIfAbsent(room, key -> ConcurrentHashMap.newKeySet()).add(connection);
        roomsOfConnection.computeIfAbsent(connection.id(), key -> ConcurrentHashMap.newKeySet()).add(room);
    }

    public boolean leave(String room, WebSocketConnection connection) {
        Set<String> rooms = roomsOfConnection.get(connection.id());
        if (rooms != null) {
            rooms.remove(room);
        }
        return removeMember(room, connection);
    }

    public void leaveAll(WebSocketConnection connection) {
        Set<String> rooms = roomsOfConnection.remove(connection.id());
        if (rooms != null) {
            rooms.forEach(room -> removeMember(room, connection));
        }
    }

    public boolean isMember(String room, WebSocketConnection connection) {
        Set<WebSocketConnection> connections = members.get(room);
        return connections != null && connections.contains(connection);
    }

    /** Sends one already-serialised frame to every open socket in the room; returns how many. */
    public int broadcast(String room, String frame) {
        Set<WebSocketConnection> connections = members.get(room);
        if (connections == null) {
            return 0;
        }
        int sent = 0;
        for (WebSocketConnection connection : connections) {
            if (connection.isOpen()) {
                connection.sendText(frame).subscribe().with(ignored -> { },
                        failure -> Log.debugf("Dropped a frame to closing socket %s: %s", connection.id(), failure.getMessage()));
                sent++;
            }
        }
        return sent;
    }

    public long roomsOf(WebSocketConnection connection) {
        Set<String> rooms = roomsOfConnection.get(connection.id());
        return rooms == null ? 0 : rooms.size();
    }

    public int connectionCount() {
        return roomsOfConnection.size();
    }

    private boolean removeMember(String room, WebSocketConnection connection) {
        boolean[] removed = {false};
        members.computeIfPresent(room, (key, connections) -> {
            removed[0] = connections.remove(connection);
            return connections.isEmpty() ? null : connections;
        });
        return removed[0];
    }
}
