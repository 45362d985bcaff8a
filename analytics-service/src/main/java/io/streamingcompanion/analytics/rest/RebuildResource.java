package io.streamingcompanion.analytics.rest;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.analytics.domain.RebuildStatus;
import io.streamingcompanion.analytics.service.RebuildService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** For operators (the service token, service-commons {@code InternalRoutes}); the ingress does not route /internal. */
@Path("/internal/analytics/rebuild")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations")
public class RebuildResource {

    private final RebuildService rebuilds;

    public RebuildResource(RebuildService rebuilds) {
        this.rebuilds = rebuilds;
    }

    @POST
    @Operation(summary = "Empty the read model and replay its topics from the beginning (202; follow with GET)")
    public Uni<Response> rebuild() {
        return rebuilds.rebuild().map(status -> Response.accepted(status).build());
    }

    @GET
    @Operation(summary = "Progress of the latest rebuild: each partition's position against where it ended when asked")
    public Uni<RebuildStatus> status() {
        return rebuilds.status();
    }
}
