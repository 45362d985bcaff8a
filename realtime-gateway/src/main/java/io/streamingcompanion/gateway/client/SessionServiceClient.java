package io.streamingcompanion.gateway.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.security.ServiceToken;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** session-service, asked with the creator's own token: it answers 404 for anyone else's session. */
@RegisterRestClient(configKey = "session-service")
public interface SessionServiceClient {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record OverlayOwner(String creatorId, UUID activeSessionId) {
    }

    @GET
    @Path("/api/sessions/{id}")
    Uni<Response> get(@PathParam("id") String sessionId, @HeaderParam("Authorization") String authorization);

    @POST
    @Path("/api/sessions/{id}/viewers")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> reportViewers(@PathParam("id") String sessionId, @HeaderParam("Authorization") String authorization,
                                Map<String, Object> body);

    @GET
    @Path("/internal/overlay-keys/{hash}")
    @ClientHeaderParam(name = ServiceToken.HEADER, value = "${" + ServiceToken.PROPERTY + "}")
    Uni<OverlayOwner> overlayOwner(@PathParam("hash") String keyHash);
}
