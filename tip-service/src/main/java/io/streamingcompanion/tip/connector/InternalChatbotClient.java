package io.streamingcompanion.tip.connector;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.security.ServiceToken;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** chatbot-tts-service: a platform chat line for the creator's personas (200 with a reply, 204 without). */
@RegisterRestClient(configKey = "chatbot-service")
@Path("/internal/chatbot/messages")
@ClientHeaderParam(name = ServiceToken.HEADER, value = "${" + ServiceToken.PROPERTY + "}")
public interface InternalChatbotClient {

    record ChatLine(String creatorId, UUID sessionId, String senderName, String message) {
    }

    @POST
    Uni<Response> message(ChatLine line);
}
