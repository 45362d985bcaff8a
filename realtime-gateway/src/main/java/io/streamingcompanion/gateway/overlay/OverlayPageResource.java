package io.streamingcompanion.gateway.overlay;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The page creators paste into an OBS browser source: {@code /overlay#key=<overlay key>} (older URLs say
 * {@code ?key=}, which still works). Its script reads the key and sends it in {@code join_overlay} on the
 * read-only overlay socket, and draws tip alerts, the goal bar and animations on a transparent background.
 * Served without authentication; the key is what admits it.
 */
@Path("/overlay")
@Tag(name = "OBS overlay")
public class OverlayPageResource {

    /**
     * Script and style only from files of this origin (none inline, so injected markup could not run), the
     * socket only to this origin (CSP 3 'self' covers ws:/wss: of the same host, as Chromium, and so OBS'
     * CEF, implement it), audio from data: URLs, framing only by this origin's own pages (a dashboard preview).
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; media-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

    private final String page = load("overlay.html");
    private final String script = load("overlay.js");
    private final String style = load("overlay.css");

    @GET
    @Produces("text/html;charset=utf-8")
    @Operation(summary = "The OBS browser-source page")
    public Response page() {
        return Response.ok(page)
                // Old URLs carry the key in the query: keep it out of Referer headers and caches.
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "SAMEORIGIN")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .build();
    }

    @GET
    @Path("overlay.js")
    @Produces("text/javascript;charset=utf-8")
    @Operation(summary = "The OBS page's script")
    public Response script() {
        return asset(script);
    }

    @GET
    @Path("overlay.css")
    @Produces("text/css;charset=utf-8")
    @Operation(summary = "The OBS page's style")
    public Response style() {
        return asset(style);
    }

    /** Revalidated on every load, so a deploy reaches OBS sources at their next reload. */
    private static Response asset(String content) {
        return Response.ok(content)
                .header("Cache-Control", "no-cache")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }

    private static String load(String name) {
        try (InputStream in = OverlayPageResource.class.getResourceAsStream("/overlay/" + name)) {
            if (in == null) {
                throw new IllegalStateException("overlay/" + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
