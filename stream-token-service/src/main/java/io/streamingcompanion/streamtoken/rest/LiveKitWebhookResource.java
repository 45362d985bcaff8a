package io.streamingcompanion.streamtoken.rest;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.streamtoken.livekit.LiveKitWebhookVerifier;
import io.streamingcompanion.streamtoken.service.WebhookService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import livekit.LivekitWebhook.WebhookEvent;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * LiveKit's webhook ({@code POST application/webhook+json}, {@code Authorization: <JWT>}). The body is taken as the
 * exact bytes received and verified before it is parsed; an unverifiable request is 401 and changes nothing.
 */
@Path("/api/livekit/webhook")
@Tag(name = "LiveKit webhook")
public class LiveKitWebhookResource {

    private final LiveKitWebhookVerifier verifier;
    private final WebhookService webhooks;

    public LiveKitWebhookResource(LiveKitWebhookVerifier verifier, WebhookService webhooks) {
        this.verifier = verifier;
        this.webhooks = webhooks;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive a signed LiveKit webhook event (applied once per event id)")
    public Uni<Map<String, String>> receive(byte[] body, @HeaderParam("Authorization") String authorization) {
        WebhookEvent event = verifier.verify(body == null ? new byte[0] : body, authorization);
        String deliveryId = event.getId().isEmpty() ? "body-sha256:" + sha256(body) : event.getId();
        return webhooks.apply(event, deliveryId)
                .map(outcome -> Map.of("event", event.getEvent(), "outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)));
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
