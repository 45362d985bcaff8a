package io.streamingcompanion.localsuite;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** The origin's own errors, in the RFC 9457 shape every service of the suite answers with. */
final class ProblemDetails {

    /** The type tip-service also answers with when a dependency is away: retry, with the same Idempotency-Key. */
    static final String DEPENDENCY_UNAVAILABLE = "urn:streaming:problem:dependency-unavailable";
    /** Seconds a client should wait before retrying a request the origin could not hand to its service. */
    static final int RETRY_AFTER_SECONDS = 1;

    private ProblemDetails() {
    }

    static void send(HttpServerResponse response, int status, String title, String detail) {
        send(response, status, "about:blank", title, detail);
    }

    /**
     * 503 {@code dependency-unavailable} with {@code Retry-After}: what an ingress answers when no ready backend
     * serves the path (the service is restarting or down). Retryable; a write is retried with the same
     * {@code Idempotency-Key}, since a connection lost mid-request may have been processed.
     */
    static void serviceUnavailable(HttpServerResponse response, String detail) {
        response.putHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        send(response, 503, DEPENDENCY_UNAVAILABLE, "Service Unavailable", detail);
    }

    private static void send(HttpServerResponse response, int status, String type, String title, String detail) {
        response.setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                .end(new JsonObject().put("type", type).put("title", title).put("status", status)
                        .put("detail", detail).encode());
    }
}
