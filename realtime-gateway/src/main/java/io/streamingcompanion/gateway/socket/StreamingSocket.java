package io.streamingcompanion.gateway.socket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.gateway.config.GatewayConfig;
import io.streamingcompanion.gateway.journal.CatchUp;
import io.streamingcompanion.gateway.journal.ConnectionFeeds;
import io.streamingcompanion.gateway.room.RoomRegistry;
import io.streamingcompanion.gateway.room.Rooms;
import io.streamingcompanion.gateway.service.CommandForwarder;
import io.streamingcompanion.gateway.service.SessionAccessService;
import io.streamingcompanion.gateway.socket.Frames.ClientFrame;
import io.streamingcompanion.gateway.socket.Frames.ServerFrame;
import io.vertx.core.buffer.Buffer;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The creator's authenticated socket. The HTTP upgrade carries the bearer token, either as an
 * {@code Authorization} header or, from a browser, as the sub-protocol
 * {@code quarkus-http-upgrade#Authorization#Bearer%20<token>} next to {@code bearer-token-carrier}.
 * Commands that change state are forwarded to the owning service with the creator's own token.
 */
@WebSocket(path = "/streaming")
@Authenticated
public class StreamingSocket {

    private final RoomRegistry rooms;
    private final SessionAccessService access;
    private final CommandForwarder commands;
    private final Heartbeats heartbeats;
    private final SecurityIdentity identity;
    private final GatewayConfig config;
    private final ObjectMapper json;
    private final ConnectionFeeds feeds;
    private final CatchUp catchUp;

    public StreamingSocket(RoomRegistry rooms, SessionAccessService access, CommandForwarder commands,
                           Heartbeats heartbeats, SecurityIdentity identity, GatewayConfig config, ObjectMapper json,
                           ConnectionFeeds feeds, CatchUp catchUp) {
        this.rooms = rooms;
        this.feeds = feeds;
        this.catchUp = catchUp;
        this.access = access;
        this.commands = commands;
        this.heartbeats = heartbeats;
        this.identity = identity;
        this.config = config;
        this.json = json;
    }

    @OnOpen
    void opened(WebSocketConnection connection) {
        heartbeats.heard(connection);
        rooms.join(Rooms.creator(creatorId()), connection);
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
        if (frame.event() == null) {
            return send(connection, Frames.error("invalid_message", "Frame has no event", null));
        }
        String sessionId = sessionIdOf(frame.data());
        return switch (frame.event()) {
            case "join_session" -> join(connection, sessionId, sinceOf(frame.data()));
            case "leave_session" -> leave(connection, sessionId);
            case "add_tip" -> sessionId == null ? invalidSession(connection)
                    : reply(connection, commands.addTip(bearer(), sessionId, frame.data()));
            case "update_viewers" -> sessionId == null ? invalidSession(connection)
                    : reply(connection, commands.updateViewers(bearer(), sessionId, frame.data()));
            case "chatbot_message" -> send(connection,
                    Frames.error("unsupported_event", "chatbot_message is not available yet", sessionId));
            default -> send(connection, Frames.error("unknown_event", "Unknown event " + frame.event(), null));
        };
    }

    @OnPongMessage
    void pong(Buffer data, WebSocketConnection connection) {
        heartbeats.heard(connection);
    }

    @OnClose
    void closed(WebSocketConnection connection) {
        rooms.leaveAll(connection);
        heartbeats.forget(connection);
        feeds.forget(connection);
    }

    private Uni<Void> join(WebSocketConnection connection, String sessionId, Long since) {
        if (sessionId == null) {
            return invalidSession(connection);
        }
        String room = Rooms.session(creatorId(), sessionId);
        if (rooms.isMember(room, connection)) {
            return send(connection, new ServerFrame("joined_session", Map.of("sessionId", sessionId)));
        }
        if (rooms.roomsOf(connection) > config.maxRoomsPerConnection()) {
            return send(connection, Frames.error("too_many_sessions",
                    "A socket may follow at most " + config.maxRoomsPerConnection() + " sessions", sessionId));
        }
        return access.check(creatorId(), sessionId, rawToken()).chain(result -> switch (result) {
            case GRANTED -> {
                String creatorId = creatorId();
                long sentBefore = feeds.hold(connection);
                Set<String> followedBefore = rooms.roomNamesOf(connection);
                rooms.join(room, connection);
                CatchUp.Reader reader = new CatchUp.Reader(creatorId, false, sessionId,
                        entry -> entry.creatorWide() || rooms.isMember(Rooms.session(creatorId, entry.sessionId()), connection),
                        entry -> entry.creatorWide() || followedBefore.contains(Rooms.session(creatorId, entry.sessionId())),
                        sentBefore);
                yield send(connection, new ServerFrame("joined_session", Map.of("sessionId", sessionId)))
                        .onFailure().recoverWithNull()
                        .chain(() -> catchUp.run(connection, reader, since));
            }
            // Same answer for "someone else's" and "does not exist": nothing leaks about other creators.
            case NOT_FOUND -> send(connection, Frames.error("session_not_found", "Session not found", sessionId));
            case UNAVAILABLE -> send(connection, Frames.error("temporarily_unavailable",
                    "Session could not be checked; try again", sessionId));
        });
    }

    private Uni<Void> leave(WebSocketConnection connection, String sessionId) {
        if (sessionId == null) {
            return invalidSession(connection);
        }
        rooms.leave(Rooms.session(creatorId(), sessionId), connection);
        return send(connection, new ServerFrame("left_session", Map.of("sessionId", sessionId)));
    }

    private Uni<Void> invalidSession(WebSocketConnection connection) {
        return send(connection, Frames.error("invalid_session_id", "data.sessionId must be a session id", null));
    }

    private Uni<Void> reply(WebSocketConnection connection, Uni<ServerFrame> outcome) {
        return outcome.chain(frame -> send(connection, frame));
    }

    private String creatorId() {
        return identity.getPrincipal().getName();
    }

    private String rawToken() {
        return identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getRawToken() : null;
    }

    private String bearer() {
        return "Bearer " + rawToken();
    }

    private Uni<Void> send(WebSocketConnection connection, ServerFrame frame) {
        return Frames.send(connection, json, frame);
    }

    /** The last position the client saw, if it names one: it then gets what came after instead of a snapshot. */
    public static Long sinceOf(JsonNode data) {
        JsonNode since = data == null ? null : data.get("since");
        return since != null && since.canConvertToLong() && since.isIntegralNumber() ? since.asLong() : null;
    }

    /** A session id is a UUID; anything else cannot name a session and is refused before any lookup. */
    static String sessionIdOf(JsonNode data) {
        if (data == null || !data.path("sessionId").isTextual()) {
            return null;
        }
        try {
            return UUID.fromString(data.path("sessionId").asText()).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
