package io.streamingcompanion.streamtoken.rest;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.streamtoken.rest.StreamApi.ChannelResponse;
import io.streamingcompanion.streamtoken.rest.StreamApi.ClaimUsernameRequest;
import io.streamingcompanion.streamtoken.rest.StreamApi.CreateIngressRequest;
import io.streamingcompanion.streamtoken.rest.StreamApi.IngressResponse;
import io.streamingcompanion.streamtoken.rest.StreamApi.TokenResponse;
import io.streamingcompanion.streamtoken.rest.StreamApi.UpdateChannelRequest;
import io.streamingcompanion.streamtoken.service.IngressService;
import io.streamingcompanion.streamtoken.service.StreamChannelService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The creator's own channel, LiveKit tokens and OBS ingress. Everything acts on the caller's channel only. */
@Path("/api/stream")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Stream (creator)")
@SecurityRequirement(name = "bearer")
public class StreamResource {

    private final StreamChannelService channels;
    private final IngressService ingress;
    private final Callers callers;

    public StreamResource(StreamChannelService channels, IngressService ingress, Callers callers) {
        this.channels = channels;
        this.ingress = ingress;
        this.callers = callers;
    }

    @GET
    @Operation(summary = "The caller's channel (created on first use), with its ingress and stream key")
    public Uni<ChannelResponse> get() {
        return channels.get(callers.creator());
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change title, description, thumbnail or chat settings; absent fields stay as they are")
    public Uni<ChannelResponse> update(@Valid @NotNull(message = "body is required") UpdateChannelRequest request) {
        return channels.update(callers.creator(), request);
    }

    @PUT
    @Path("/username")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Claim the username viewers find the channel by; 409 when another channel has it")
    public Uni<ChannelResponse> claimUsername(@Valid @NotNull(message = "body is required") ClaimUsernameRequest request) {
        return channels.claimUsername(callers.creator(), request.username());
    }

    @POST
    @Path("/creator-webrtc-token")
    @Operation(summary = "A token to publish camera/microphone from the browser into the caller's room")
    public Uni<TokenResponse> creatorWebRtcToken() {
        return channels.publisherToken(callers.creator());
    }

    @POST
    @Path("/creator-viewer-token")
    @Operation(summary = "A token to watch the caller's own room as Host-<id>, without publishing media")
    public Uni<TokenResponse> creatorViewerToken() {
        return channels.hostViewerToken(callers.creator());
    }

    @POST
    @Path("/start-browser")
    @Operation(summary = "Mark the browser stream live (starts the creator's livekit session through events)")
    public Uni<ChannelResponse> startBrowser() {
        return channels.startBrowser(callers.creator());
    }

    @POST
    @Path("/stop-browser")
    @Operation(summary = "Mark the browser stream offline (ends the creator's livekit session through events)")
    public Uni<ChannelResponse> stopBrowser() {
        return channels.stopBrowser(callers.creator());
    }

    @POST
    @Path("/ingress")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an RTMP (default) or WHIP ingress for OBS; replaces any previous one")
    public Uni<Response> createIngress(@Valid CreateIngressRequest request) {
        return ingress.create(callers.creator(), request == null ? null : request.inputType())
                .map(created -> Response.status(Response.Status.CREATED).entity(created).build());
    }

    @POST
    @Path("/ingress/reset")
    @Operation(summary = "New stream key (and URL) for the current ingress; the old key stops working")
    public Uni<IngressResponse> resetIngress() {
        return ingress.reset(callers.creator());
    }

    @DELETE
    @Path("/ingress")
    @Operation(summary = "Delete the ingress; its key stops working")
    public Uni<Response> deleteIngress() {
        return ingress.delete(callers.creator()).replaceWith(Response.noContent().build());
    }
}
