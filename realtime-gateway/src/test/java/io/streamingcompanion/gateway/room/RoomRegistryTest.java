package io.streamingcompanion.gateway.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static io.streamingcompanion.gateway.FakeConnections.connection;

import io.quarkus.websockets.next.WebSocketConnection;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A page reload is the everyday case here: the old socket, still in the session's room, closes while the new
 * one joins. The new socket must stay a member whatever the interleaving, or it gets no frames at all.
 */
class RoomRegistryTest {

    private static final int ROUNDS = 20_000;
    private static ExecutorService threads;

    @BeforeAll
    static void startThreads() {
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aSocketJoiningWhileTheRoomsLastMemberLeavesStaysAMember() throws Exception {
        RoomRegistry registry = new RoomRegistry();
        CyclicBarrier start = new CyclicBarrier(2);
        for (int round = 0; round < ROUNDS; round++) {
            String room = Rooms.session("creator", "session-" + round);
            WebSocketConnection closing = connection("old-" + round);
            WebSocketConnection joining = connection("new-" + round);
            registry.join(room, closing);
            Future<?> leave = threads.submit(() -> {
                start.await();
                registry.leaveAll(closing);
                return null;
            });
            Future<?> join = threads.submit(() -> {
                start.await();
                registry.join(room, joining);
                return null;
            });
            leave.get(10, TimeUnit.SECONDS);
            join.get(10, TimeUnit.SECONDS);
            assertEquals(Set.of(joining), Set.copyOf(registry.members(room)), "members of " + room + " in round " + round);
            registry.leaveAll(joining);
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
