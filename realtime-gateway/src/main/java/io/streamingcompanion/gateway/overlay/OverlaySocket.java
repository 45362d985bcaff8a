package io.streamingcompanion.gateway.overlay;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.HandshakeRequest;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.contracts.overlay.OverlayKeys;
import io.streamingcompanion.gateway.config.GatewayConfig;
import io.streamingcompanion.gateway.journal.CatchUp;
import io.streamingcompanion.gateway.journal.ConnectionFeeds;
import io.streamingcompanion.gateway.room.RoomRegistry;
import io.streamingcompanion.gateway.room.Rooms;
import io.streamingcompanion.gateway.socket.Commands;
import io.streamingcompanion.gateway.socket.Commands.JoinOverlayCommand;
import io.streamingcompanion.gateway.socket.FrameRateLimiter;
import io.streamingcompanion.gateway.socket.Frames;
import io.streamingcompanion.gateway.socket.Frames.ClientFrame;
import io.streamingcompanion.gateway.socket.Frames.ServerFrame;
import io.streamingcompanion.gateway.socket.Heartbeats;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The anonymous, read-only socket of OBS browser sources. It is let in by the creator's overlay key, sent in
 * {@code join_overlay} (the overlay page takes it from its URL fragment, which no proxy sees) or, for setups
 * made before that, in the socket URL's {@code ?key=}. It follows whichever session of that creator is
 * live and refuses every write. Since anyone may open it, it is also where keys would be guessed: see
 * {@link OverlayJoinGuard}, and a socket that is not let in within {@code gateway.overlay.join-timeout} is closed.
 */
@WebSocket(path = "/streaming/overlay")
public class OverlaySocket {

    private static final TypedKey<Boolean> ADMITTED_ONCE = TypedKey.forBoolean("gateway.overlay.admitted-once");
    private static final TypedKey<Long> JOIN_TIMER = TypedKey.forLong("gateway.overlay.join-timer");
    private static final int MAX_KEY_LENGTH = 200;

    private final OverlayKeyDirectory keys;
    private final OverlayConnections overlays;
    private final OverlayJoinGuard guard;
    private final RoomRegistry rooms;
    private final Heartbeats heartbeats;
    private final ObjectMapper json;
    private final ConnectionFeeds feeds;
    private final CatchUp catchUp;
    private final FrameRateLimiter limiter;
    private final GatewayConfig config;
    private final Vertx vertx;

    public OverlaySocket(OverlayKeyDirectory keys, OverlayConnections overlays, OverlayJoinGuard guard, RoomRegistry rooms,
                         Heartbeats heartbeats, ObjectMapper json, ConnectionFeeds feeds, CatchUp catchUp,
                         FrameRateLimiter limiter, GatewayConfig config, Vertx vertx) {
        this.keys = keys;
        this.overlays = overlays;
        this.guard = guard;
        this.rooms = rooms;
        this.heartbeats = heartbeats;
        this.json = json;
        this.feeds = feeds;
        this.catchUp = catchUp;
        this.limiter = limiter;
        this.config = config;
        this.vertx = vertx;
    }

    @OnOpen
    Uni<Void> opened(WebSocketConnection connection, HandshakeRequest handshake) {
        feeds.opened(connection);
        heartbeats.heard(connection);
        guard.opened(connection, handshake);
        long timer = vertx.setTimer(config.overlay().joinTimeout().toMillis(), ignored -> closeIfNeverAdmitted(connection));
        connection.userData().put(JOIN_TIMER, timer);
        String key;
        Long since;
        try {
            key = queryParam(handshake.query(), "key");
            since = since(queryParam(handshake.query(), "since"));
        } catch (IllegalArgumentException malformed) {
            return send(connection, Frames.error("invalid_overlay_key", "The socket URL's query is malformed", null));
        }
        return key == null ? Uni.createFrom().voidItem() : join(connection, key, since);
    }

    @OnTextMessage
    Uni<Void> received(String text, WebSocketConnection connection) {
        heartbeats.heard(connection);
        Uni<Void> refusal = limiter.refusal(connection);
        if (refusal != null) {
            return refusal;
        }
        try {
            ClientFrame frame = Frames.parse(json, text);
            return switch (frame.event()) {
                case "join_overlay" -> {
                    JoinOverlayCommand join = Commands.read(json, frame.data(), JoinOverlayCommand.class);
                    yield join.overlayKey() == null
                            ? send(connection, Frames.error("invalid_overlay_key", "data.overlayKey is required", null))
                            : join(connection, join.overlayKey(), join.since());
                }
                case "leave_overlay" -> {
                    rooms.leaveAll(connection);
                    overlays.gone(connection);
                    yield send(connection, new ServerFrame("left_overlay", Map.of()));
                }
                default -> send(connection, Frames.error("read_only", "The overlay socket is read-only", null));
            };
        } catch (Frames.InvalidMessageException e) {
            return send(connection, Frames.error("invalid_message", e.getMessage(), null));
        } catch (Commands.InvalidCommandException e) {
            return send(connection, Frames.error("invalid_request", e.getMessage(), null));
        }
    }

    @OnBinaryMessage
    Uni<Void> receivedBinary(Buffer data, WebSocketConnection connection) {
        heartbeats.heard(connection);
        return limiter.answerBinary(connection);
    }

    @OnError
    Uni<Void> failed(Throwable failure, WebSocketConnection connection) {
        return Frames.unhandled(failure, connection, json);
    }

    @OnPongMessage
    void pong(Buffer data, WebSocketConnection connection) {
        heartbeats.heard(connection);
    }

    @OnClose
    void closed(WebSocketConnection connection) {
        Long timer = connection.userData().get(JOIN_TIMER);
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
        rooms.leaveAll(connection);
        overlays.gone(connection);
        heartbeats.forget(connection);
        feeds.forget(connection);
    }

    private Uni<Void> join(WebSocketConnection connection, String key, Long since) {
        if (guard.socketExhausted(connection)) {
            return tooManyAttempts(connection);
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH || key.indexOf('\u0000') >= 0) {
            guard.failed(connection, false);
            return send(connection, Frames.error("invalid_overlay_key", "Unknown overlay key", null));
        }
        String keyHash = OverlayKeys.hash(key);
        boolean lookedUp = !keys.remembers(keyHash);
        if (lookedUp && guard.addressExhausted(connection)) {
            return tooManyAttempts(connection);
        }
        return keys.ownerOf(keyHash).chain(lookup -> {
            if (lookup.unavailable()) {
                return send(connection, Frames.error("temporarily_unavailable",
                        "The overlay key could not be checked; try again", null));
            }
            if (!lookup.admits()) {
                guard.failed(connection, lookedUp);
                return send(connection, Frames.error("invalid_overlay_key", "Unknown overlay key", null));
            }
            String creatorId = lookup.creatorId();
            // Joining again for the same creator: what this socket already got is not sent twice.
            boolean sameCreator = rooms.isMember(Rooms.overlay(creatorId), connection);
            long sentBefore = feeds.hold(connection);
            rooms.leaveAll(connection);
            overlays.gone(connection);
            rooms.join(Rooms.overlay(creatorId), connection);
            overlays.admitted(keyHash, connection);
            connection.userData().put(ADMITTED_ONCE, true);
            CatchUp.Reader reader = new CatchUp.Reader(creatorId, true, null, entry -> true, entry -> sameCreator,
                    sentBefore);
            return send(connection, new ServerFrame("joined_overlay", Map.of()))
                    .chain(() -> catchUp.run(connection, reader, since));
        });
    }

    /** Answered and closed as a policy violation, so a guessing client has to reconnect (and is counted again). */
    private Uni<Void> tooManyAttempts(WebSocketConnection connection) {
        return send(connection, Frames.error("too_many_join_attempts", "Too many attempts with unknown overlay keys", null))
                .chain(() -> Frames.closeQuietly(connection, FrameRateLimiter.POLICY_VIOLATION, "too many join attempts"));
    }

    /**
     * A socket that never presented a valid key holds a connection and a heartbeat for nothing. One that
     * was let in and then left (leave_overlay) stays open, as documented.
     */
    private void closeIfNeverAdmitted(WebSocketConnection connection) {
        if (!connection.isOpen() || Boolean.TRUE.equals(connection.userData().get(ADMITTED_ONCE))) {
            return;
        }
        send(connection, Frames.error("join_timeout", "No overlay key was presented in time", null))
                .chain(() -> Frames.closeQuietly(connection, FrameRateLimiter.POLICY_VIOLATION, "no join"))
                .subscribe().with(ignored -> { }, failure -> { });
    }

    private Uni<Void> send(WebSocketConnection connection, ServerFrame frame) {
        return Frames.sendQuietly(connection, json, frame);
    }

    /** A malformed {@code since} in a URL means a snapshot instead of a replay, which is always safe. */
    private static Long since(String value) {
        try {
            return value == null ? null : Long.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** @throws IllegalArgumentException for a malformed percent-escape, which the caller answers */
    private static String queryParam(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
