package io.streamingcompanion.tip.connector;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.security.CreatorIdentity;
import io.streamingcompanion.tip.connector.ConnectorApi.AnimationSettings;
import io.streamingcompanion.tip.connector.ConnectorApi.ConnectRequest;
import io.streamingcompanion.tip.connector.ConnectorApi.ConnectionView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/connectors/{platform}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Platform connectors")
@SecurityRequirement(name = "bearer")
public class ConnectorResource {

    private final ConnectorService service;
    private final CreatorIdentity creator;

    public ConnectorResource(ConnectorService service, CreatorIdentity creator) {
        this.service = service;
        this.creator = creator;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Connect (or replace) the platform's event feed, e.g. platform chaturbate with the Events API "
            + "URL; checked once against the feed, stored encrypted, never shown again (400 if refused)")
    public Uni<ConnectionView> connect(@PathParam("platform") String platform,
                                       @Valid @NotNull(message = "body is required") ConnectRequest request) {
        return service.connect(creator.creatorId(), platform, request.eventsUrl());
    }

    @GET
    @Operation(summary = "The connection: status (connected, paused, revoked, error), last event, the URL masked")
    public Uni<ConnectionView> get(@PathParam("platform") String platform) {
        return service.get(creator.creatorId(), platform);
    }

    @PUT
    @Path("/animations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Choose what a follow, a fan-club join and a media purchase play on the overlay "
            + "(confetti, hearts, rain, custom or off; an absent field stays as it is); the feed is not reconnected")
    public Uni<ConnectionView> animations(@PathParam("platform") String platform,
                                          @Valid @NotNull(message = "body is required") AnimationSettings settings) {
        return service.setAnimations(creator.creatorId(), platform, settings);
    }

    @POST
    @Path("/pause")
    @Operation(summary = "Stop following the feed until resumed")
    public Uni<ConnectionView> pause(@PathParam("platform") String platform) {
        return service.pause(creator.creatorId(), platform);
    }

    @POST
    @Path("/resume")
    @Operation(summary = "Follow the feed again from where it stopped")
    public Uni<ConnectionView> resume(@PathParam("platform") String platform) {
        return service.resume(creator.creatorId(), platform);
    }

    @DELETE
    @Operation(summary = "Remove the connection and forget its URL")
    public Uni<Response> remove(@PathParam("platform") String platform) {
        return service.remove(creator.creatorId(), platform).replaceWith(Response.noContent().build());
    }
}
