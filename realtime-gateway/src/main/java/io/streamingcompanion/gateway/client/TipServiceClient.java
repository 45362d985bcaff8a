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

/** tip-service: a socket's {@code add_tip} is recorded exactly like a REST tip, with the creator's token. */
@RegisterRestClient(configKey = "tip-service")
public interface TipServiceClient {

    @POST
    @Path("/api/tips")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> record(@HeaderParam("Authorization") String authorization,
                         @HeaderParam("Idempotency-Key") String idempotencyKey,
                         Map<String, Object> tip);
}
