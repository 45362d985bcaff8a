package io.streamingcompanion.tip.connector;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.security.ServiceToken;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** session-service's routes for connectors, which act for a creator with the service token, not her own. */
@RegisterRestClient(configKey = "session-service")
@Path("/internal/sessions")
@ClientHeaderParam(name = ServiceToken.HEADER, value = "${" + ServiceToken.PROPERTY + "}")
public interface InternalSessionClient {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SessionView(UUID id, String creatorId, String platform, String status) {
    }

    record EnsureActive(String creatorId, String platform, String title) {
    }

    record EndActive(String creatorId, String platform) {
    }

    record Viewers(String creatorId, int viewerCount) {
    }

    @POST
    @Path("/ensure-active")
    Uni<SessionView> ensureActive(EnsureActive request);

    /** 200 with the ended session, 204 when none of that platform was active. */
    @POST
    @Path("/end-active")
    Uni<Response> endActive(EndActive request);

    @POST
    @Path("/viewers")
    Uni<Response> viewers(Viewers request);
}
