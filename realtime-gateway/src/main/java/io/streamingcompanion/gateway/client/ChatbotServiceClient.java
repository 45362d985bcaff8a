package io.streamingcompanion.gateway.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** chatbot-tts-service: a socket's {@code chatbot_message} goes through the personas with the creator's token. */
@RegisterRestClient(configKey = "chatbot-tts-service")
public interface ChatbotServiceClient {

    @POST
    @Path("/api/chatbot/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> message(@HeaderParam("Authorization") String authorization, Map<String, Object> message);
}
