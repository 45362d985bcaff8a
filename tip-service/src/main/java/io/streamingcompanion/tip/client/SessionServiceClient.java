package io.streamingcompanion.tip.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * session-service, asked with the tipping creator's own token about a session tip-service has not heard
 * of yet (its started event may still be on the way). It answers 404 for anyone else's session.
 */
@RegisterRestClient(configKey = "session-service")
@Path("/api/sessions")
public interface SessionServiceClient {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SessionView(UUID id, String creatorId, String status) {
    }

    @GET
    @Path("/{id}")
    Uni<SessionView> get(@PathParam("id") UUID sessionId, @HeaderParam("Authorization") String authorization);
}
