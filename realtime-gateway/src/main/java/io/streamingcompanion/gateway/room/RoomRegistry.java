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

    /**
     * Adds inside the map's atomic update: the last member leaving drops the room's set in its own atomic
     * update, and a set fetched before that and added to after would be orphaned with the new member in it
     * (a page reload: the old socket leaves while the new one joins, and the new one would get no frames).
     */
    public void join(String room, WebSocketConnection connection) {
        members.compute(room, (key, connections) -> withAdded(connections, connection));
        roomsOfConnection.compute(connection.id(), (key, rooms) -> withAdded(rooms, room));
    }

    private static <T> Set<T> withAdded(Set<T> set, T element) {
        Set<T> result = set != null ? set : ConcurrentHashMap.newKeySet();
        result.add(element);
        return result;
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
