package io.streamingcompanion.session.rest;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.session.rest.SessionApi.SessionResponse;
import io.streamingcompanion.session.service.PlatformSessionService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * For platform connectors (tip-service), which act for a creator named in the body, holding the service token
 * instead of her bearer token (see {@link InternalRouteGuard}). Not routed by the ingress.
 */
@Path("/internal/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Internal")
public class InternalSessionResource {

    public record EnsureActiveRequest(
            @NotBlank(message = "is required") @Size(max = 255, message = "must be at most 255 characters") String creatorId,
            @NotBlank(message = "is required") String platform,
            @Size(max = 200, message = "must be at most 200 characters") String title) {
    }

    public record EndActiveRequest(
            @NotBlank(message = "is required") @Size(max = 255, message = "must be at most 255 characters") String creatorId,
            @NotBlank(message = "is required") String platform) {
    }

    public record ViewersRequest(
            @NotBlank(message = "is required") @Size(max = 255, message = "must be at most 255 characters") String creatorId,
            @NotNull(message = "is required") @Min(value = 0, message = "must be 0 or more")
            @Max(value = 10_000_000, message = "must be at most 10000000") Integer viewerCount) {
    }

    private final PlatformSessionService service;

    public InternalSessionResource(PlatformSessionService service) {
        this.service = service;
    }

    @POST
    @Path("/ensure-active")
    @Operation(summary = "The creator's active session, started as a session of the platform when she has none")
    public Uni<SessionResponse> ensureActive(@Valid @NotNull(message = "body is required") EnsureActiveRequest request) {
        return service.ensureActive(request.creatorId(), request.platform(), request.title());
    }

    @POST
    @Path("/end-active")
    @Operation(summary = "End the creator's active session if it is of the platform: 200 with it, 204 when there is none")
    public Uni<Response> endActive(@Valid @NotNull(message = "body is required") EndActiveRequest request) {
        return service.endActive(request.creatorId(), request.platform()).map(InternalSessionResource::okOrNoContent);
    }

    @POST
    @Path("/viewers")
    @Operation(summary = "The viewer count of the creator's live session: 200 with it, 204 when she is not live")
    public Uni<Response> viewers(@Valid @NotNull(message = "body is required") ViewersRequest request) {
        return service.reportViewers(request.creatorId(), request.viewerCount()).map(InternalSessionResource::okOrNoContent);
    }

    private static Response okOrNoContent(SessionResponse session) {
        return session == null ? Response.noContent().build() : Response.ok(session).build();
    }
}
