package io.streamingcompanion.tip.rest;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.query.QueryValues;
import io.streamingcompanion.commons.security.CreatorIdentity;
import io.streamingcompanion.tip.domain.TipSource;
import io.streamingcompanion.tip.rest.TipApi.RecordTipRequest;
import io.streamingcompanion.tip.rest.TipApi.TipPage;
import io.streamingcompanion.tip.service.TipService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/tips")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tips")
public class TipResource {

    private final TipService service;
    private final CreatorIdentity creator;

    public TipResource(TipService service, CreatorIdentity creator) {
        this.service = service;
        this.creator = creator;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a tip. 201 when recorded; 200 with the original when an Idempotency-Key or "
            + "(source, externalId) repeats an earlier tip")
    public Uni<Response> record(@HeaderParam("Idempotency-Key") String idempotencyKey,
                                @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                @Valid @NotNull(message = "body is required") RecordTipRequest request) {
        return service.record(creator.creatorId(), authorization, idempotencyKey, request, TipSource.MANUAL)
                .map(recorded -> recorded.replayed()
                        ? Response.ok(recorded.tip()).header("Idempotent-Replayed", "true").build()
                        : Response.status(Response.Status.CREATED).entity(recorded.tip()).build());
    }

    @GET
    @Operation(summary = "Tips, newest first, optionally of one session")
    public Uni<TipPage> list(@QueryParam("sessionId") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String sessionId,
                             @QueryParam("page") @Parameter(schema = @Schema(type = SchemaType.INTEGER, defaultValue = "0")) String page,
                             @QueryParam("size") @Parameter(schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50")) String size) {
        return service.list(creator.creatorId(), QueryValues.optionalUuid("sessionId", sessionId), page, size);
    }
}
