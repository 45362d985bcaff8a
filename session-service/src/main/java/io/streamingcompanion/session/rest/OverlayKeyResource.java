package io.streamingcompanion.session.rest;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.security.CreatorIdentity;
import io.streamingcompanion.session.domain.OverlayKey;
import io.streamingcompanion.session.service.OverlayKeyService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/overlay/key")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "OBS overlay")
public class OverlayKeyResource {

    /**
     * The key and how OBS uses it: the browser-source page (key in the URL fragment, which browsers never send,
     * so no proxy or access log sees it; the page sends it in {@code join_overlay}), and the raw socket for tools.
     */
    public record OverlayKeyResponse(String key, String overlayPath, String socketPath, Instant rotatedAt) {

        static OverlayKeyResponse of(OverlayKey key) {
            return new OverlayKeyResponse(key.key, "/overlay#key=" + key.key, "/streaming/overlay?key=" + key.key,
                    key.rotatedAt);
        }
    }

    private final OverlayKeyService service;
    private final CreatorIdentity creator;

    public OverlayKeyResource(OverlayKeyService service, CreatorIdentity creator) {
        this.service = service;
        this.creator = creator;
    }

    @GET
    @Operation(summary = "The creator's overlay key (created on first read); it stays valid across sessions")
    public Uni<OverlayKeyResponse> current() {
        return service.current(creator.creatorId()).map(OverlayKeyResponse::of);
    }

    @POST
    @Path("/rotate")
    @Operation(summary = "Replace the overlay key; the old one stops working at once, open overlays included")
    public Uni<OverlayKeyResponse> rotate() {
        return service.rotate(creator.creatorId()).map(OverlayKeyResponse::of);
    }
}
