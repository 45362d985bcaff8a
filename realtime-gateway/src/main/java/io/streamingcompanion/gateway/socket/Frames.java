package io.streamingcompanion.gateway.socket;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClosedException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The wire shape of every WebSocket message: {@code {"event": "<name>", "data": {...}}}. */
public final class Frames {

    private Frames() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ClientFrame(String event, JsonNode data) {
    }

    /** A text frame that is no {@code {"event": "<name>", "data": ...}} object: answered with {@code invalid_message}. */
    public static final class InvalidMessageException extends RuntimeException {

        InvalidMessageException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Reads a client frame or throws {@link InvalidMessageException}: not JSON, JSON {@code null} (which
     * Jackson maps to no object at all), no event name, or NUL in it.
     */
    public static ClientFrame parse(ObjectMapper json, String text) {
        ClientFrame frame;
        try {
            frame = text == null ? null : json.readValue(text, ClientFrame.class);
        } catch (JsonProcessingException e) {
            throw new InvalidMessageException("Frames must be JSON {\"event\", \"data\"}");
        }
        if (frame == null || frame.event() == null) {
            throw new InvalidMessageException("Frame has no event");
        }
        return frame;
    }

    /** An event name fit to repeat in an error message: it came from the client and may be anything. */
    public static String quoted(String event) {
        return event.length() > 64 ? event.substring(0, 64) + "…" : event;
    }

    /**
     * {@code position} is the frame's place in its creator's journal (contiguous per creator), so that a
     * client that reconnects can ask for what came after the last one it saw; acks and errors have none.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ServerFrame(String event, Object data, Long position) {

        public ServerFrame(String event, Object data) {
            this(event, data, null);
        }
    }

    /** Current state at {@code position} of the frame: what a freshly joined overlay draws at once. */
    public record Snapshot(String sessionId, RawValue session, List<RawValue> goals, RawValue menu) {
    }

    /**
     * A tip's message read out ({@code chat_participant_audio}): played by the overlay one clip after another, in
     * step with the tip's alert. {@code text} is what is said (after the creator's filters).
     */
    public record ChatParticipantAudio(String sessionId, String tipId, String audioBase64, String format, long durationMs,
                                       String voice, String text, boolean test) {
    }

    /** The creator skipped the clip now playing ({@code tts_skipped}). */
    public record TtsSkippedFrame(String sessionId) {
    }

    /** The replay asked for is no longer (or not) in the buffer; a snapshot follows instead. */
    public record ReplayTruncated(long since, long position) {
    }

    /** Writes one frame to one socket; a frame that cannot be written fails the returned Uni. */
    public static Uni<Void> send(WebSocketConnection connection, ObjectMapper json, ServerFrame frame) {
        try {
            return connection.sendText(json.writeValueAsString(frame));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }

    /**
     * Writes one frame and never fails: a socket that went away meanwhile cannot be answered, and that is
     * no error of the gateway's (an unhandled failure would be logged as one and close the socket).
     */
    public static Uni<Void> sendQuietly(WebSocketConnection connection, ObjectMapper json, ServerFrame frame) {
        return send(connection, json, frame).onFailure().recoverWithUni(failure -> {
            Log.debugf("Frame %s not sent to socket %s: %s", frame.event(), connection.id(), failure.getMessage());
            return Uni.createFrom().voidItem();
        });
    }

    /** Close code for a message above {@code quarkus.websockets-next.server.max-message-size}. */
    public static final int MESSAGE_TOO_BIG = 1009;

    /**
     * Failures the transport hands to an endpoint's error handler that are the client's doing, not a bug:
     * answered with a close code that says why, and not logged as errors. Null for any other failure.
     * <ul>
     * <li>Vert.x drops a message that grows past {@code max-message-size} frame by frame and reports an
     * IllegalStateException, leaving the socket open: closed with 1009, as the rest of it is still arriving.</li>
     * <li>Netty refuses a single frame above {@code max-frame-size} (or a malformed one) and closes the
     * connection itself, with the status it reports.</li>
     * <li>A connection that closed meanwhile cannot be answered.</li>
     * </ul>
     */
    public static Uni<Void> transportFailure(Throwable failure, WebSocketConnection connection) {
        if (failure instanceof IllegalStateException && failure.getMessage() != null
                && failure.getMessage().contains("overflow max message size")) {
            Log.debugf("Closing socket %s: message above the size limit", connection.id());
            return closeQuietly(connection, MESSAGE_TOO_BIG, "message too big");
        }
        if (failure instanceof CorruptedWebSocketFrameException corrupted) {
            Log.debugf("Socket %s sent a frame Netty refused: %s", connection.id(), corrupted.getMessage());
            return closeQuietly(connection, corrupted.closeStatus().code(), "frame refused");
        }
        if (failure instanceof HttpClosedException) {
            return Uni.createFrom().voidItem();
        }
        return null;
    }

    /**
     * Last line of defence of both sockets: a bug in a handler must not cost the client its socket. Transport
     * events are closed as above; anything else is logged in full (the hostile-input sweep fails on it) and
     * answered, so the client is not left waiting.
     */
    public static Uni<Void> unhandled(Throwable failure, WebSocketConnection connection, ObjectMapper json) {
        Uni<Void> transport = transportFailure(failure, connection);
        if (transport != null) {
            return transport;
        }
        Log.errorf(failure, "Unhandled failure on socket %s (%s)", connection.id(), connection.endpointId());
        return send(connection, json, error("internal_error", "The frame could not be handled", null));
    }

    /** Closes with a code that tells the client why (1008 policy violation), never failing. */
    public static Uni<Void> closeQuietly(WebSocketConnection connection, int code, String reason) {
        if (!connection.isOpen()) {
            return Uni.createFrom().voidItem();
        }
        return connection.close(new CloseReason(code, reason)).onFailure().recoverWithNull();
    }

    /** Error codes a client can branch on; the message is for humans. */
    public static ServerFrame error(String code, String message, String sessionId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("message", message);
        data.put("code", code);
        if (sessionId != null) {
            data.put("sessionId", sessionId);
        }
        return new ServerFrame("error", data);
    }
}
