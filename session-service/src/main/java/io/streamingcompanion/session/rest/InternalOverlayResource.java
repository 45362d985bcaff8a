package io.streamingcompanion.session.rest;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.session.service.OverlayKeyService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * For gateways that have not seen a key's event (new replica, Redis emptied). Not routed by the ingress;
 * it needs the key's hash, so it reveals nothing to anyone who does not already hold the key.
 */
@Path("/internal/overlay-keys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Internal")
public class InternalOverlayResource {

    private final OverlayKeyService service;

    public InternalOverlayResource(OverlayKeyService service) {
        this.service = service;
    }

    @GET
    @Path("/{keyHash}")
    @Operation(summary = "Whose overlay key this is, and the creator's live session")
    public Uni<OverlayKeyService.Resolved> resolve(@PathParam("keyHash") String keyHash) {
        return service.resolve(keyHash);
    }
}
