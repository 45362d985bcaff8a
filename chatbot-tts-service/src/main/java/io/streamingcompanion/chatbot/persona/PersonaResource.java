package io.streamingcompanion.chatbot.persona;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.chatbot.persona.PersonaApi.PersonaRequest;
import io.streamingcompanion.chatbot.persona.PersonaApi.PersonaResponse;
import io.streamingcompanion.chatbot.persona.PersonaApi.PersonaToggle;
import io.streamingcompanion.chatbot.persona.PersonaApi.TemplateVariable;
import io.streamingcompanion.chatbot.reply.ResponseTemplates;
import io.streamingcompanion.commons.security.CreatorIdentity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/chatbot/personas")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Chatbot personas")
@SecurityRequirement(name = "bearer")
public class PersonaResource {

    private final PersonaService service;
    private final CreatorIdentity creator;
    private final SecurityIdentity identity;

    public PersonaResource(PersonaService service, CreatorIdentity creator, SecurityIdentity identity) {
        this.service = service;
        this.creator = creator;
        this.identity = identity;
    }

    /** The creator's display name from the token ({@code preferred_username}), for {@code {creator}} in replies. */
    private String displayName() {
        return CreatorNames.of(identity);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a persona with its triggers and response templates")
    public Uni<Response> create(@Valid @NotNull(message = "body is required") PersonaRequest request) {
        return service.create(creator.creatorId(), displayName(), request)
                .map(persona -> Response.created(URI.create("/api/chatbot/personas/" + persona.id())).entity(persona).build());
    }

    @GET
    @Operation(summary = "The creator's personas, highest priority first")
    public Uni<List<PersonaResponse>> list() {
        return service.list(creator.creatorId());
    }

    @GET
    @Path("/variables")
    @Operation(summary = "The variables response templates may use")
    public List<TemplateVariable> variables() {
        return ResponseTemplates.VARIABLES.entrySet().stream().map(entry -> new TemplateVariable(entry.getKey(), entry.getValue()))
                .sorted(Comparator.comparing(TemplateVariable::name)).toList();
    }

    @GET
    @Path("/{id}")
    public Uni<PersonaResponse> get(@PathParam("id") UUID id) {
        return service.get(creator.creatorId(), id);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a persona (triggers and templates included)")
    public Uni<PersonaResponse> replace(@PathParam("id") UUID id, @Valid @NotNull(message = "body is required") PersonaRequest request) {
        return service.replace(creator.creatorId(), displayName(), id, request);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Enable or disable a persona")
    public Uni<PersonaResponse> toggle(@PathParam("id") UUID id, @Valid @NotNull(message = "body is required") PersonaToggle request) {
        return service.setEnabled(creator.creatorId(), id, request.enabled());
    }

    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return service.delete(creator.creatorId(), id).replaceWith(Response.noContent().build());
    }
}
