package io.streamingcompanion.localsuite;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** The origin's own errors, in the RFC 9457 shape every service of the suite answers with. */
final class ProblemDetails {

    private ProblemDetails() {
    }

    static void send(HttpServerResponse response, int status, String title, String detail) {
        response.setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                .end(new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
                        .put("detail", detail).encode());
    }
}
