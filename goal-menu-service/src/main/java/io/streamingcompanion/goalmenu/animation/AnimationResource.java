package io.streamingcompanion.goalmenu.animation;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.security.CreatorIdentity;
import io.streamingcompanion.goalmenu.animation.AnimationApi.CreateRuleRequest;
import io.streamingcompanion.goalmenu.animation.AnimationApi.RuleResponse;
import io.streamingcompanion.goalmenu.animation.AnimationApi.TriggerRequest;
import io.streamingcompanion.goalmenu.animation.AnimationApi.UpdateRuleRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/animations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Animations")
@SecurityRequirement(name = "bearer")
public class AnimationResource {

    private final AnimationService service;
    private final CreatorIdentity creator;

    public AnimationResource(AnimationService service, CreatorIdentity creator) {
        this.service = service;
        this.creator = creator;
    }

    @Consumes(MediaType.APPLICATION_JSON)
    @POST
    @Path("/trigger")
    @Operation(summary = "Fire an animation on a session's overlays now (202: it is on its way)")
    public Uni<Response> trigger(@Valid @NotNull(message = "body is required") TriggerRequest request) {
        return service.trigger(creator.creatorId(), request)
                .map(triggered -> Response.accepted(triggered).build());
    }

    @Consumes(MediaType.APPLICATION_JSON)
    @POST
    @Path("/rules")
    @Operation(summary = "Add a rule: tips of at least thresholdCents play this animation "
            + "(the highest threshold reached wins; 409 if another active rule has the same threshold)")
    public Uni<Response> createRule(@Valid @NotNull(message = "body is required") CreateRuleRequest request) {
        return service.createRule(creator.creatorId(), request)
                .map(rule -> Response.created(URI.create("/api/animations/rules/" + rule.id())).entity(rule).build());
    }

    @GET
    @Path("/rules")
    @Operation(summary = "The creator's animation rules, lowest threshold first")
    public Uni<List<RuleResponse>> listRules() {
        return service.listRules(creator.creatorId());
    }

    @GET
    @Path("/rules/{id}")
    public Uni<RuleResponse> getRule(@PathParam("id") UUID id) {
        return service.getRule(creator.creatorId(), id);
    }

    @Consumes(MediaType.APPLICATION_JSON)
    @PATCH
    @Path("/rules/{id}")
    @Operation(summary = "Change a rule; absent fields stay as they are")
    public Uni<RuleResponse> updateRule(@PathParam("id") UUID id,
                                        @Valid @NotNull(message = "body is required") UpdateRuleRequest request) {
        return service.updateRule(creator.creatorId(), id, request);
    }

    @DELETE
    @Path("/rules/{id}")
    public Uni<Response> deleteRule(@PathParam("id") UUID id) {
        return service.deleteRule(creator.creatorId(), id).replaceWith(Response.noContent().build());
    }
}
