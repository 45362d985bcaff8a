package io.streamingcompanion.gateway.socket;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
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
import io.streamingcompanion.gateway.socket.Commands.AddTipCommand;
import io.streamingcompanion.gateway.socket.Commands.ChatbotMessageCommand;
import io.streamingcompanion.gateway.socket.Commands.SkipTtsCommand;
import io.streamingcompanion.gateway.socket.Commands.JoinSessionCommand;
import io.streamingcompanion.gateway.socket.Commands.LeaveSessionCommand;
import io.streamingcompanion.gateway.socket.Commands.UpdateViewersCommand;
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
    private final FrameRateLimiter limiter;

    public StreamingSocket(RoomRegistry rooms, SessionAccessService access, CommandForwarder commands,
                           Heartbeats heartbeats, SecurityIdentity identity, GatewayConfig config, ObjectMapper json,
                           ConnectionFeeds feeds, CatchUp catchUp, FrameRateLimiter limiter) {
        this.rooms = rooms;
        this.limiter = limiter;
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
        feeds.opened(connection);
        heartbeats.heard(connection);
        rooms.join(Rooms.creator(creatorId()), connection);
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
                case "join_session" -> {
                    JoinSessionCommand join = Commands.read(json, frame.data(), JoinSessionCommand.class);
                    yield join(connection, sessionIdOf(join.sessionId()), join.since());
                }
                case "leave_session" -> leave(connection,
                        sessionIdOf(Commands.read(json, frame.data(), LeaveSessionCommand.class).sessionId()));
                case "add_tip" -> {
                    AddTipCommand tip = Commands.read(json, frame.data(), AddTipCommand.class);
                    String sessionId = sessionIdOf(tip.sessionId());
                    yield sessionId == null ? invalidSession(connection)
                            : reply(connection, commands.addTip(bearer(), sessionId, tip));
                }
                case "update_viewers" -> {
                    UpdateViewersCommand viewers = Commands.read(json, frame.data(), UpdateViewersCommand.class);
                    String sessionId = sessionIdOf(viewers.sessionId());
                    yield sessionId == null ? invalidSession(connection)
                            : reply(connection, commands.updateViewers(bearer(), sessionId, viewers));
                }
                case "chatbot_message" -> {
                    ChatbotMessageCommand chat = Commands.read(json, frame.data(), ChatbotMessageCommand.class);
                    String sessionId = sessionIdOf(chat.sessionId());
                    yield sessionId == null ? invalidSession(connection)
                            : reply(connection, commands.chatbotMessage(bearer(), sessionId, chat));
                }
                case "skip_tts" -> {
                    String sessionId = sessionIdOf(Commands.read(json, frame.data(), SkipTtsCommand.class).sessionId());
                    yield sessionId == null ? invalidSession(connection)
                            : reply(connection, commands.skipTts(bearer(), sessionId));
                }
                default -> send(connection, Frames.error("unknown_event", "Unknown event " + Frames.quoted(frame.event()), null));
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
        if (failure instanceof SecurityException) {
            // The identity no longer holds (e.g. the token expired): nothing more may be done on this socket.
            return Frames.closeQuietly(connection, FrameRateLimiter.POLICY_VIOLATION, "not authorized");
        }
        return Frames.unhandled(failure, connection, json);
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
        return Frames.sendQuietly(connection, json, frame);
    }

    /** A session id is a UUID; anything else cannot name a session and is refused before any lookup. */
    static String sessionIdOf(String sessionId) {
        if (sessionId == null) {
            return null;
        }
        try {
            return UUID.fromString(sessionId).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
