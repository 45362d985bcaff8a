package io.streamingcompanion.session.rest;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.security.CreatorIdentity;
import io.streamingcompanion.session.rest.SessionApi.AddNoteRequest;
import io.streamingcompanion.session.rest.SessionApi.NoteResponse;
import io.streamingcompanion.session.rest.SessionApi.SessionPage;
import io.streamingcompanion.session.rest.SessionApi.SessionResponse;
import io.streamingcompanion.session.rest.SessionApi.StartSessionRequest;
import io.streamingcompanion.session.rest.SessionApi.UpdateSessionRequest;
import io.streamingcompanion.session.rest.SessionApi.ViewerCountRequest;
import io.streamingcompanion.session.service.SessionActivityService;
import io.streamingcompanion.session.service.SessionService;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sessions")
@SecurityRequirement(name = "bearer")
public class SessionResource {

    private final SessionService service;
    private final SessionActivityService activity;
    private final CreatorIdentity creator;

    public SessionResource(SessionService service, SessionActivityService activity, CreatorIdentity creator) {
        this.service = service;
        this.activity = activity;
        this.creator = creator;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a session (409 if one is already active)")
    public Uni<Response> start(@Valid @NotNull(message = "body is required") StartSessionRequest request) {
        return service.start(creator.creatorId(), request)
                .map(session -> Response.created(URI.create("/api/sessions/" + session.id())).entity(session).build());
    }

    @GET
    @Path("/active")
    @Operation(summary = "The active session, or 204 when the creator is not live")
    public Uni<Response> active() {
        return service.active(creator.creatorId())
                .map(session -> session == null ? Response.noContent().build() : Response.ok(session).build());
    }

    @GET
    @Operation(summary = "Sessions, newest first")
    public Uni<SessionPage> list(@QueryParam("page") @Parameter(schema = @Schema(type = SchemaType.INTEGER, defaultValue = "0")) String page,
                                 @QueryParam("size") @Parameter(schema = @Schema(type = SchemaType.INTEGER, defaultValue = "20")) String size,
                                 @QueryParam("status") String status) {
        return service.list(creator.creatorId(), page, size, status);
    }

    @GET
    @Path("/{id}")
    public Uni<SessionResponse> get(@PathParam("id") UUID id) {
        return service.get(creator.creatorId(), id);
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}")
    @Operation(summary = "Change title, notes or metadata; absent fields stay as they are")
    public Uni<SessionResponse> update(@PathParam("id") UUID id,
                                       @Valid @NotNull(message = "body is required") UpdateSessionRequest request) {
        return service.update(creator.creatorId(), id, request);
    }

    @POST
    @Path("/{id}/end")
    @Operation(summary = "End an active session (409 if it has already ended)")
    public Uni<SessionResponse> end(@PathParam("id") UUID id) {
        return service.end(creator.creatorId(), id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}/viewers")
    @Operation(summary = "Report the current viewer count of a live session; the peak is kept")
    public Uni<SessionResponse> viewers(@PathParam("id") UUID id,
                                        @Valid @NotNull(message = "body is required") ViewerCountRequest request) {
        return activity.reportViewers(creator.creatorId(), id, request.viewerCount());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}/notes")
    @Operation(summary = "Add a timestamped note to a session")
    public Uni<Response> addNote(@PathParam("id") UUID id,
                                 @Valid @NotNull(message = "body is required") AddNoteRequest request) {
        return service.addNote(creator.creatorId(), id, request)
                .map(note -> Response.status(Response.Status.CREATED).entity(note).build());
    }

    @GET
    @Path("/{id}/notes")
    public Uni<List<NoteResponse>> notes(@PathParam("id") UUID id) {
        return service.notes(creator.creatorId(), id);
    }

    @DELETE
    @Path("/{id}/notes/{noteId}")
    public Uni<Response> deleteNote(@PathParam("id") UUID id, @PathParam("noteId") UUID noteId) {
        return service.deleteNote(creator.creatorId(), id, noteId).replaceWith(Response.noContent().build());
    }
}
