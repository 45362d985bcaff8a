package io.streamingcompanion.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for session-service's {@code GET /api/sessions/{id}} in the gateway's own tests: 200 for the
 * token's own session, 404 otherwise; and for {@code /internal/overlay-keys}, which needs the service token. The real service answers the same way (see SessionResourceTest);
 * the suite's end-to-end test runs the gateway against the real one. {@code POST /api/sessions/{id}/viewers}
 * answers 204 for the token's own session; tip-service's {@code POST /api/tips} is "away" (503). Every
 * request is recorded, so a test can prove what was forwarded and what never was.
 */
public class SessionServiceStub implements QuarkusTestResourceLifecycleManager {

    static final Map<String, String> OWNERS = new ConcurrentHashMap<>();

    /** What reached the stub: method, path (with query) and body. */
    record Request(String method, String path, String body) {
    }

    static final Queue<Request> REQUESTS = new ConcurrentLinkedQueue<>();

    static List<Request> requests(String pathContains) {
        return REQUESTS.stream().filter(request -> request.path().contains(pathContains)).toList();
    }

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            REQUESTS.add(new Request(request.method().name(), request.uri(), body.toString(StandardCharsets.UTF_8)));
            if (request.path().equals("/api/tips")) {
                request.response().setStatusCode(503).putHeader("Content-Type", "application/problem+json")
                        .end(new JsonObject().put("status", 503).encode());
                return;
            }
            if (request.path().equals("/api/chatbot/messages")) {
                // As chatbot-tts-service: 400 without sender or text; a persona answers "!hello", nothing else.
                JsonObject chat = new JsonObject(body.toString(StandardCharsets.UTF_8));
                if (!(chat.getValue("message") instanceof String message) || !(chat.getValue("senderName") instanceof String)) {
                    request.response().setStatusCode(400).putHeader("Content-Type", "application/problem+json")
                            .end(new JsonObject().put("status", 400).put("detail", "senderName and message are required").encode());
                    return;
                }
                boolean answered = message.equals("!hello");
                request.response().setStatusCode(answered ? 200 : 204).putHeader("Content-Type", "application/json")
                        .end(answered ? "{\"responseText\":\"Hi\"}" : "");
                return;
            }
            if (request.path().equals("/api/tts/skip")) {
                // As chatbot-tts-service: 202 for a session of the token's creator, 404 for any other.
                String sessionId = new JsonObject(body.toString(StandardCharsets.UTF_8)).getString("sessionId");
                boolean own = subjectOf(request.getHeader("Authorization")).equals(OWNERS.get(sessionId));
                request.response().setStatusCode(own ? 202 : 404).end();
                return;
            }
            if (request.path().startsWith("/internal/")) {
                // As session-service: only the service token opens internal routes; no key is known here.
                boolean tokenPresent = EmbeddedInfrastructureResource.SERVICE_TOKEN.equals(request.getHeader("X-Service-Token"));
                request.response().setStatusCode(tokenPresent ? 404 : 401)
                        .putHeader("Content-Type", "application/problem+json").end("{}");
                return;
            }
            String sessionId = request.path().replaceFirst("^/api/sessions/", "").replaceFirst("/viewers$", "");
            String owner = OWNERS.get(sessionId);
            String subject = subjectOf(request.getHeader("Authorization"));
            if (owner != null && owner.equals(subject) && request.path().endsWith("/viewers")) {
                request.response().setStatusCode(204).end();
            } else if (owner != null && owner.equals(subject)) {
                request.response().putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("id", sessionId).put("creatorId", owner).encode());
            } else {
                request.response().setStatusCode(404).putHeader("Content-Type", "application/problem+json")
                        .end(new JsonObject().put("status", 404).encode());
            }
        }));
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Stub did not start", e);
        }
        // tip-service too: a test must never reach whatever happens to listen on this machine's 8082.
        return Map.of("quarkus.rest-client.session-service.url", "http://127.0.0.1:" + server.actualPort(),
                "quarkus.rest-client.tip-service.url", "http://127.0.0.1:" + server.actualPort(),
                "quarkus.rest-client.chatbot-tts-service.url", "http://127.0.0.1:" + server.actualPort());
    }

    private static String subjectOf(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String[] parts = authorization.substring(7).split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        return new JsonObject(claims).getString("sub");
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
