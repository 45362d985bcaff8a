package io.streamingcompanion.goalmenu.internal;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.goalmenu.animation.AnimationMapper;
import io.streamingcompanion.goalmenu.animation.AnimationType;
import io.streamingcompanion.goalmenu.animation.PlatformAnimationService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * For tip-service's platform connectors, which act for the creator named in the body with the service token
 * ({@link InternalRouteGuard}). Not routed by the ingress.
 */
@Path("/internal/animations/platform")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Internal")
public class InternalAnimationResource {

    public static final String EVENTS = "follow|fanclubJoin|mediaPurchase";
    /** No control characters (NUL above all, which PostgreSQL refuses): a clear 400, not a failed insert. */
    private static final String PRINTABLE = "[^\\p{Cntrl}]*";

    public record PlatformAnimationRequest(
            @NotBlank(message = "is required") @Size(max = 255, message = "must be at most 255 characters")
            @Pattern(regexp = PRINTABLE, message = "must not contain control characters") String creatorId,
            UUID sessionId,
            @NotBlank(message = "is required") @Size(max = 255, message = "must be at most 255 characters")
            @Pattern(regexp = PRINTABLE, message = "must not contain control characters") String idempotencyKey,
            @NotNull(message = "is required") @Pattern(regexp = "[a-z0-9_-]{1,20}", message = "must be a platform name") String platform,
            @NotNull(message = "is required") @Pattern(regexp = EVENTS, message = "must be one of " + EVENTS) String event,
            @Size(max = 100, message = "must be at most 100 characters")
            @Pattern(regexp = PRINTABLE, message = "must not contain control characters") String username,
            @NotNull(message = "is required")
            @Pattern(regexp = AnimationType.VALUES, message = "must be one of " + AnimationType.VALUES) String type) {
    }

    private final PlatformAnimationService service;

    public InternalAnimationResource(PlatformAnimationService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Fire an animation for something that happened in the creator's platform room: 202 fired, "
            + "200 with Idempotent-Replayed when this key already fired it, 204 when no session was named and she is not live")
    public Uni<Response> fire(@Valid @NotNull(message = "body is required") PlatformAnimationRequest request) {
        AnimationType type = AnimationType.fromWire(request.type()).orElseThrow();
        return service.fire(new PlatformAnimationService.Request(request.creatorId(), request.sessionId(),
                        request.idempotencyKey(), request.platform(), request.event(),
                        request.username() == null || request.username().isBlank() ? null : request.username().strip(), type))
                .map(fired -> {
                    if (fired == null) {
                        return Response.noContent().build();
                    }
                    return fired.replayed()
                            ? Response.ok(AnimationMapper.toResponse(fired.animation())).header("Idempotent-Replayed", "true").build()
                            : Response.accepted(AnimationMapper.toResponse(fired.animation())).build();
                });
    }
}
