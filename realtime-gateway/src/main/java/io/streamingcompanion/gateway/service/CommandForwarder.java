package io.streamingcompanion.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.gateway.client.SessionServiceClient;
import io.streamingcompanion.gateway.client.TipServiceClient;
import io.streamingcompanion.gateway.socket.Frames;
import io.streamingcompanion.gateway.socket.Frames.ServerFrame;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Socket commands that change state, sent to the service that owns the state through its public API and
 * with the creator's token, so a socket can do exactly what the REST API allows and nothing more. The
 * reply is an acknowledgement or an {@code error} frame; the resulting events reach the rooms via Kafka.
 */
@ApplicationScoped
public class CommandForwarder {

    private final TipServiceClient tips;
    private final SessionServiceClient sessions;

    public CommandForwarder(@RestClient TipServiceClient tips, @RestClient SessionServiceClient sessions) {
        this.tips = tips;
        this.sessions = sessions;
    }

    public Uni<ServerFrame> addTip(String authorization, String sessionId, JsonNode data) {
        Map<String, Object> tip = new LinkedHashMap<>();
        tip.put("sessionId", sessionId);
        tip.put("amountCents", data.path("amountCents").isIntegralNumber() ? data.path("amountCents").asLong() : null);
        tip.put("tipperName", textOrNull(data, "tipperName"));
        tip.put("message", textOrNull(data, "message"));
        tip.put("source", "websocket");
        if (data.path("test").isBoolean()) {
            tip.put("test", data.path("test").asBoolean());
        }
        // A client that retries a tip after a dropped connection sends the same idempotencyKey.
        String idempotencyKey = textOrNull(data, "idempotencyKey");
        return tips.record(authorization, idempotencyKey, tip)
                .map(response -> outcome(response, "tip_recorded", sessionId))
                .onFailure().recoverWithItem(failure -> unavailable(failure, sessionId));
    }

    public Uni<ServerFrame> updateViewers(String authorization, String sessionId, JsonNode data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("viewerCount", data.path("viewerCount").isIntegralNumber() ? data.path("viewerCount").asInt() : null);
        return sessions.reportViewers(sessionId, authorization, body)
                .map(response -> outcome(response, "viewers_updated", sessionId))
                .onFailure().recoverWithItem(failure -> unavailable(failure, sessionId));
    }

    private static ServerFrame outcome(Response response, String ackEvent, String sessionId) {
        int status = response.getStatus();
        JsonNode body = response.hasEntity() ? response.readEntity(JsonNode.class) : null;
        if (status < 300) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("sessionId", sessionId);
            if (body != null && body.has("id") && "tip_recorded".equals(ackEvent)) {
                data.put("tipId", body.path("id").asText());
            }
            return new ServerFrame(ackEvent, data);
        }
        String detail = body == null ? "Refused" : body.path("detail").asText("Refused");
        String code = switch (status) {
            case 400 -> "invalid_request";
            case 404 -> "session_not_found";
            case 409 -> "conflict";
            default -> status >= 500 ? "temporarily_unavailable" : "refused";
        };
        return Frames.error(code, detail, sessionId);
    }

    private static ServerFrame unavailable(Throwable failure, String sessionId) {
        Log.warnf("A socket command could not be forwarded: %s", failure.getMessage());
        return Frames.error("temporarily_unavailable", "The command could not be completed; try again", sessionId);
    }

    private static String textOrNull(JsonNode data, String field) {
        return data.path(field).isTextual() ? data.path(field).asText() : null;
    }
}
