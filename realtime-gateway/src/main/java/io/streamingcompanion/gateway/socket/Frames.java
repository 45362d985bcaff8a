package io.streamingcompanion.gateway.socket;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
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
