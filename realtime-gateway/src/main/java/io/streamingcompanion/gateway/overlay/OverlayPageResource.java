package io.streamingcompanion.gateway.overlay;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The page creators paste into an OBS browser source: {@code /overlay?key=<overlay key>}. It opens the
 * read-only overlay socket with the same key and draws tip alerts, the goal bar and animations on a
 * transparent background. Served without authentication; the key is what admits it.
 */
@Path("/overlay")
@Tag(name = "OBS overlay")
public class OverlayPageResource {

    private final String page = load();

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The OBS browser-source page")
    public Response page() {
        return Response.ok(page)
                // The key is in the URL: keep it out of Referer headers and caches.
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'self'; script-src 'unsafe-inline'; "
                        + "style-src 'unsafe-inline'; connect-src 'self' ws: wss:; media-src data:")
                .build();
    }

    private static String load() {
        try (InputStream in = OverlayPageResource.class.getResourceAsStream("/overlay/overlay.html")) {
            if (in == null) {
                throw new IllegalStateException("overlay/overlay.html is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
