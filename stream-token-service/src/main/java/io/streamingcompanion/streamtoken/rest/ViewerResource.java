package io.streamingcompanion.streamtoken.rest;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.streamtoken.rest.StreamApi.PublicStreamResponse;
import io.streamingcompanion.streamtoken.rest.StreamApi.ViewerTokenRequest;
import io.streamingcompanion.streamtoken.rest.StreamApi.ViewerTokenResponse;
import io.streamingcompanion.streamtoken.service.ViewerService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Anonymous-friendly viewer endpoints: public stream info and subscribe-only tokens. */
@Path("/api/viewer")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Viewer")
public class ViewerResource {

    private final ViewerService viewers;
    private final Callers callers;

    public ViewerResource(ViewerService viewers, Callers callers) {
        this.viewers = viewers;
        this.callers = callers;
    }

    @GET
    @Path("/stream/{username}")
    @Operation(summary = "Public info of a stream, by the creator's username or id (never its ingress or key)")
    public Uni<PublicStreamResponse> stream(@PathParam("username") String username) {
        return viewers.stream(username);
    }

    @POST
    @Path("/token")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A subscribe-only token; signed-in viewers join as themselves, others as unique guests."
            + " Chat (data publish) only where the channel's chat settings allow it")
    public Uni<ViewerTokenResponse> token(@Valid @NotNull(message = "body is required") ViewerTokenRequest request) {
        return viewers.token(request, callers.viewerOrNull());
    }
}
