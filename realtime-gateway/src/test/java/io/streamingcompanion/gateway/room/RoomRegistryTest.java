package io.streamingcompanion.gateway.room;

import static io.streamingcompanion.gateway.FakeConnections.connection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.websockets.next.WebSocketConnection;
import io.streamingcompanion.gateway.Interleavings;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A page reload is the everyday case here: the old socket, still in the session's room, closes while the new
 * one joins. The new socket must stay a member whatever the interleaving, or it gets no frames at all.
 */
class RoomRegistryTest {

    @Test
    void aSocketJoiningWhileTheRoomsLastMemberLeavesStaysAMember() throws Exception {
        RoomRegistry registry = new RoomRegistry();
        try (Interleavings interleavings = new Interleavings()) {
            interleavings.run(20_000, round -> {
                String room = Rooms.session("creator", "session-" + round);
                WebSocketConnection closing = connection("old-" + round);
                WebSocketConnection joining = connection("new-" + round);
                registry.join(room, closing);
                return new Interleavings.Race(() -> registry.leaveAll(closing), () -> registry.join(room, joining), () -> {
                    assertEquals(Set.of(joining), Set.copyOf(registry.members(room)), "members of " + room + " in round " + round);
                    registry.leaveAll(joining);
                });
            });
        }
        assertEquals(0, registry.connectionCount());
    }

    @Test
    void leavingOneRoomKeepsTheOthers() {
        RoomRegistry registry = new RoomRegistry();
        WebSocketConnection socket = connection("socket");
        registry.join("a", socket);
        registry.join("b", socket);
        assertTrue(registry.leave("a", socket));
        assertFalse(registry.leave("a", socket));
        assertFalse(registry.isMember("a", socket));
        assertTrue(registry.isMember("b", socket));
        assertEquals(Set.of("b"), registry.roomNamesOf(socket));
        registry.leaveAll(socket);
        assertEquals(Set.of(), registry.members("b"));
        assertEquals(0, registry.connectionCount());
    }
}
