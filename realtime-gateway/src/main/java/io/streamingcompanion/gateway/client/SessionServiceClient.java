package io.streamingcompanion.gateway.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** session-service, asked with the creator's own token: it answers 404 for anyone else's session. */
@RegisterRestClient(configKey = "session-service")
@Path("/api/sessions")
public interface SessionServiceClient {

    @GET
    @Path("/{id}")
    Uni<Response> get(@PathParam("id") String sessionId, @HeaderParam("Authorization") String authorization);
}
