package io.streamingcompanion.tip.connector;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.security.ServiceToken;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * goal-menu-service: an animation for a follow, fan-club join or media purchase in the creator's room. 202 fired,
 * 200 when the idempotency key already fired it, 204 when no session was named and she is not live, 503 when
 * the named session is not known there yet (worth a retry).
 */
@RegisterRestClient(configKey = "goal-menu-service")
@Path("/internal/animations/platform")
@ClientHeaderParam(name = ServiceToken.HEADER, value = "${" + ServiceToken.PROPERTY + "}")
public interface InternalAnimationClient {

    /** {@code sessionId} null: the creator's live session, whichever goal-menu-service knows. */
    record PlatformAnimation(String creatorId, UUID sessionId, String idempotencyKey, String platform, String event,
                             String username, String type) {
    }

    @POST
    Uni<Response> fire(PlatformAnimation animation);
}
