package io.streamingcompanion.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.gateway.client.ChatbotServiceClient;
import io.streamingcompanion.gateway.client.SessionServiceClient;
import io.streamingcompanion.gateway.client.TipServiceClient;
import io.streamingcompanion.gateway.socket.Commands;
import io.streamingcompanion.gateway.socket.Commands.AddTipCommand;
import io.streamingcompanion.gateway.socket.Commands.ChatbotMessageCommand;
import io.streamingcompanion.gateway.socket.Commands.UpdateViewersCommand;
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
    private final ChatbotServiceClient chatbot;

    public CommandForwarder(@RestClient TipServiceClient tips, @RestClient SessionServiceClient sessions,
                            @RestClient ChatbotServiceClient chatbot) {
        this.tips = tips;
        this.sessions = sessions;
        this.chatbot = chatbot;
    }

    /** {@code command} has been read strictly (see {@link Commands}); the owning service validates the rest. */
    public Uni<ServerFrame> addTip(String authorization, String sessionId, AddTipCommand command) {
        Map<String, Object> tip = new LinkedHashMap<>();
        tip.put("sessionId", sessionId);
        tip.put("amountCents", command.amountCents());
        tip.put("tipperName", command.tipperName());
        tip.put("message", command.message());
        tip.put("source", "websocket");
        if (command.test() != null) {
            tip.put("test", command.test());
        }
        // A client that retries a tip after a dropped connection sends the same idempotencyKey.
        return tips.record(authorization, command.idempotencyKey(), tip)
                .map(response -> outcome(response, "tip_recorded", sessionId))
                .onFailure().recoverWithItem(failure -> unavailable(failure, sessionId));
    }

    public Uni<ServerFrame> updateViewers(String authorization, String sessionId, UpdateViewersCommand command) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("viewerCount", command.viewerCount());
        return sessions.reportViewers(sessionId, authorization, body)
                .map(response -> outcome(response, "viewers_updated", sessionId))
                .onFailure().recoverWithItem(failure -> unavailable(failure, sessionId));
    }

    /**
     * A chat line for the personas. The ack says whether one answered; the answer itself reaches the session's
     * sockets and overlays as {@code chatbot_response}, like every other event, through the journal.
     */
    public Uni<ServerFrame> chatbotMessage(String authorization, String sessionId, ChatbotMessageCommand command) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sessionId", sessionId);
        body.put("senderName", command.senderName());
        body.put("message", command.message());
        return chatbot.message(authorization, body)
                .map(response -> {
                    ServerFrame frame = outcome(response, "chatbot_message_received", sessionId);
                    if ("chatbot_message_received".equals(frame.event()) && frame.data() instanceof Map<?, ?> data) {
                        Map<String, Object> ack = new LinkedHashMap<>();
                        data.forEach((key, value) -> ack.put(String.valueOf(key), value));
                        ack.put("answered", response.getStatus() == 200);
                        return new ServerFrame(frame.event(), ack);
                    }
                    return frame;
                })
                .onFailure().recoverWithItem(failure -> unavailable(failure, sessionId));
    }

    /** Stops the text-to-speech clip playing on the creator's overlays (wherever they are connected). */
    public Uni<ServerFrame> skipTts(String authorization, String sessionId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sessionId", sessionId);
        return chatbot.skipTts(authorization, body)
                .map(response -> outcome(response, "tts_skip_requested", sessionId))
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
}
