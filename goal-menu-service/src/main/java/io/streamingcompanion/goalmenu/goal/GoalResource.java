package io.streamingcompanion.goalmenu.goal;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.security.CreatorIdentity;
import io.streamingcompanion.goalmenu.goal.GoalApi.CreateGoalRequest;
import io.streamingcompanion.goalmenu.goal.GoalApi.GoalResponse;
import io.streamingcompanion.goalmenu.goal.GoalApi.UpdateGoalRequest;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/goals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Goals")
@SecurityRequirement(name = "bearer")
public class GoalResource {

    private final GoalService service;
    private final CreatorIdentity creator;

    public GoalResource(GoalService service, CreatorIdentity creator) {
        this.service = service;
        this.creator = creator;
    }

    @Consumes(MediaType.APPLICATION_JSON)
    @POST
    @Operation(summary = "Create a tip goal for a session (appended after the last goal unless a position is given)")
    public Uni<Response> create(@Valid @NotNull(message = "body is required") CreateGoalRequest request) {
        return service.create(creator.creatorId(), request)
                .map(goal -> Response.created(URI.create("/api/goals/" + goal.id())).entity(goal).build());
    }

    @GET
    @Operation(summary = "A session's goals in the order tips fill them (position, then creation)")
    public Uni<List<GoalResponse>> list(@QueryParam("sessionId") String sessionId) {
        return service.list(creator.creatorId(), sessionId);
    }

    @GET
    @Path("/{id}")
    public Uni<GoalResponse> get(@PathParam("id") UUID id) {
        return service.get(creator.creatorId(), id);
    }

    @Consumes(MediaType.APPLICATION_JSON)
    @PATCH
    @Path("/{id}")
    @Operation(summary = "Change title, target or position; absent fields stay as they are. "
            + "409 when the goal is completed (target fixed) or the target is below the progress")
    public Uni<GoalResponse> update(@PathParam("id") UUID id,
                                    @Valid @NotNull(message = "body is required") UpdateGoalRequest request) {
        return service.update(creator.creatorId(), id, request);
    }

    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return service.delete(creator.creatorId(), id).replaceWith(Response.noContent().build());
    }
}
