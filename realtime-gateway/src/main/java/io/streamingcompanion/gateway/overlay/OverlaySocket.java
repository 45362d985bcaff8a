package io.streamingcompanion.gateway.overlay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.HandshakeRequest;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.contracts.overlay.OverlayKeys;
import io.streamingcompanion.gateway.journal.CatchUp;
import io.streamingcompanion.gateway.journal.ConnectionFeeds;
import io.streamingcompanion.gateway.room.RoomRegistry;
import io.streamingcompanion.gateway.room.Rooms;
import io.streamingcompanion.gateway.socket.Frames.ClientFrame;
import io.streamingcompanion.gateway.socket.Frames.ServerFrame;
import io.streamingcompanion.gateway.socket.Frames;
import io.streamingcompanion.gateway.socket.Heartbeats;
import io.streamingcompanion.gateway.socket.StreamingSocket;
import io.vertx.core.buffer.Buffer;
import java.util.Map;

/**
 * The anonymous, read-only socket of OBS browser sources. It is let in by the creator's overlay key
 * (in the URL, {@code ?key=}, or in {@code join_overlay}), follows whichever session of that creator is
 * live, and refuses every write.
 */
@WebSocket(path = "/streaming/overlay")
public class OverlaySocket {

    private final OverlayKeyDirectory keys;
    private final OverlayConnections overlays;
    private final RoomRegistry rooms;
    private final Heartbeats heartbeats;
    private final ObjectMapper json;
    private final ConnectionFeeds feeds;
    private final CatchUp catchUp;

    public OverlaySocket(OverlayKeyDirectory keys, OverlayConnections overlays, RoomRegistry rooms, Heartbeats heartbeats,
                         ObjectMapper json, ConnectionFeeds feeds, CatchUp catchUp) {
        this.keys = keys;
        this.feeds = feeds;
        this.catchUp = catchUp;
        this.overlays = overlays;
        this.rooms = rooms;
        this.heartbeats = heartbeats;
        this.json = json;
    }

    @OnOpen
    Uni<Void> opened(WebSocketConnection connection, HandshakeRequest handshake) {
        heartbeats.heard(connection);
        String key = queryParam(handshake.query(), "key");
        return key == null ? Uni.createFrom().voidItem() : join(connection, key, since(queryParam(handshake.query(), "since")));
    }

    @OnTextMessage
    Uni<Void> received(String text, WebSocketConnection connection) {
        heartbeats.heard(connection);
        ClientFrame frame;
        try {
            frame = json.readValue(text, ClientFrame.class);
        } catch (JsonProcessingException e) {
            return send(connection, Frames.error("invalid_message", "Frames must be JSON {\"event\", \"data\"}", null));
        }
        String event = frame.event() == null ? "" : frame.event();
        return switch (event) {
            case "join_overlay" -> {
                String key = frame.data() == null ? null : frame.data().path("overlayKey").asText(null);
                yield key == null
                        ? send(connection, Frames.error("invalid_overlay_key", "data.overlayKey is required", null))
                        : join(connection, key, StreamingSocket.sinceOf(frame.data()));
            }
            case "leave_overlay" -> {
                rooms.leaveAll(connection);
                overlays.gone(connection);
                yield send(connection, new ServerFrame("left_overlay", Map.of()));
            }
            default -> send(connection, Frames.error("read_only", "The overlay socket is read-only", null));
        };
    }

    @OnPongMessage
    void pong(Buffer data, WebSocketConnection connection) {
        heartbeats.heard(connection);
    }

    @OnClose
    void closed(WebSocketConnection connection) {
        rooms.leaveAll(connection);
        overlays.gone(connection);
        heartbeats.forget(connection);
        feeds.forget(connection);
    }

    private Uni<Void> join(WebSocketConnection connection, String key, Long since) {
        if (key.isBlank() || key.length() > 200) {
            return send(connection, Frames.error("invalid_overlay_key", "Unknown overlay key", null));
        }
        String keyHash = OverlayKeys.hash(key);
        return keys.ownerOf(keyHash).chain(creatorId -> {
            if (creatorId == null) {
                return send(connection, Frames.error("invalid_overlay_key", "Unknown overlay key", null));
            }
            // Joining again for the same creator: what this socket already got is not sent twice.
            boolean sameCreator = rooms.isMember(Rooms.overlay(creatorId), connection);
            long sentBefore = feeds.hold(connection);
            rooms.leaveAll(connection);
            overlays.gone(connection);
            rooms.join(Rooms.overlay(creatorId), connection);
            overlays.admitted(keyHash, connection);
            CatchUp.Reader reader = new CatchUp.Reader(creatorId, true, null, entry -> true, entry -> sameCreator,
                    sentBefore);
            return send(connection, new ServerFrame("joined_overlay", Map.of()))
                    .onFailure().recoverWithNull()
                    .chain(() -> catchUp.run(connection, reader, since));
        });
    }

    private Uni<Void> send(WebSocketConnection connection, ServerFrame frame) {
        return Frames.send(connection, json, frame);
    }

    private static Long since(String value) {
        try {
            return value == null ? null : Long.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String queryParam(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(equals + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
