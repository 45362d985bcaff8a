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

/**
 * chatbot-tts-service, with the creator's token: a socket's {@code chatbot_message} goes through the personas,
 * {@code skip_tts} stops the clip playing on the overlays.
 */
@RegisterRestClient(configKey = "chatbot-tts-service")
public interface ChatbotServiceClient {

    @POST
    @Path("/api/chatbot/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> message(@HeaderParam("Authorization") String authorization, Map<String, Object> message);

    @POST
    @Path("/api/tts/skip")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> skipTts(@HeaderParam("Authorization") String authorization, Map<String, Object> skip);
}
