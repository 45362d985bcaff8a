package io.streamingcompanion.gateway.room;

import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which open sockets of this replica follow which session. Kept in memory because a socket lives on
 * exactly one replica, and every replica receives every journal entry ({@code LiveFeed}), so each delivers
 * to its own sockets.
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

    /** The open sockets in the room now (a live view: it may change while it is read). */
    public Set<WebSocketConnection> members(String room) {
        Set<WebSocketConnection> connections = members.get(room);
        return connections == null ? Set.of() : java.util.Collections.unmodifiableSet(connections);
    }

    public Set<String> roomNamesOf(WebSocketConnection connection) {
        Set<String> rooms = roomsOfConnection.get(connection.id());
        return rooms == null ? Set.of() : Set.copyOf(rooms);
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
