package io.streamingcompanion.gateway.socket;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import java.util.LinkedHashMap;
import java.util.Map;

/** The wire shape of every WebSocket message: {@code {"event": "<name>", "data": {...}}}. */
public final class Frames {

    private Frames() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ClientFrame(String event, JsonNode data) {
    }

    public record ServerFrame(String event, Object data) {
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
