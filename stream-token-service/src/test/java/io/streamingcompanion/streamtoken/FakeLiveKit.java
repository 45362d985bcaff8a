package io.streamingcompanion.streamtoken;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * A stand-in for LiveKit's server API on a free local port, checking each call as LiveKit would: Twirp route
 * {@code POST /twirp/livekit.<Service>/<Method>}, JSON content type, {@code Authorization: Bearer <JWT>} signed
 * HS256 with the API secret by the API key (verified here with jose4j, independently of the LiveKit SDK), and the
 * admin grant the call needs ({@code ingressAdmin}; {@code roomAdmin} for the request's room). It keeps ingresses
 * and room participants in memory and records every call for the tests to inspect.
 */
public final class FakeLiveKit {

    public static final String API_KEY = "test-api-key";
    /** Random per test JVM, so nothing can pass by knowing a fixed secret. */
    public static final String API_SECRET = randomHex(24);

    private static final Pattern ROUTE = Pattern.compile("^/twirp/livekit\\.(\\w+)/(\\w+)$");
    private static FakeLiveKit shared;

    private final ObjectMapper json = new ObjectMapper();
    private final Vertx vertx = Vertx.vertx();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, ObjectNode> ingresses = new ConcurrentHashMap<>();
    private final Map<String, List<ObjectNode>> participants = new ConcurrentHashMap<>();
    private final JwtConsumer verifier = new JwtConsumerBuilder()
            .setRequireExpirationTime()
            .setExpectedIssuer(API_KEY)
            .setSkipDefaultAudienceValidation()
            .setVerificationKey(new SecretKeySpec(API_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
            .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
            .build();
    private volatile HttpServer server;
    private volatile int port;
    private volatile Failure failure;

    /** One recorded call: what came in, the verified token's {@code video} grant, and what was wrong, if anything. */
    public record Call(String service, String method, String contentType, String authorization, JsonNode body,
                       Map<String, Object> video, String rejected) {
    }

    private record Failure(int status, String code, String message) {
    }

    public static synchronized FakeLiveKit shared() {
        if (shared == null) {
            shared = new FakeLiveKit();
            shared.start();
        }
        return shared;
    }

    public int port() {
        return port;
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        HttpServer created = vertx.createHttpServer().requestHandler(this::handle);
        try {
            server = created.listen(port).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Fake LiveKit could not listen", e);
        }
        port = server.actualPort();
    }

    /** Closes the port: calls now fail to connect, as with no LiveKit running. {@link #start()} reopens it. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        server = null;
    }

    /** Makes the following calls fail with this Twirp error until {@link #succeed()}. */
    public void failWith(int status, String code, String message) {
        failure = new Failure(status, code, message);
    }

    public void succeed() {
        failure = null;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String method) {
        return calls.stream().filter(call -> call.method().equals(method)).toList();
    }

    public List<Call> callsFor(String room) {
        return calls.stream().filter(call -> room.equals(call.body().path("roomName").asText(null))
                || room.equals(call.body().path("room").asText(null))).toList();
    }

    /** The DeleteIngress calls for that ingress id. */
    public List<Call> deletesOf(String ingressId) {
        return calls("DeleteIngress").stream()
                .filter(call -> ingressId.equals(call.body().path("ingressId").asText(null))).toList();
    }

    public boolean ingressExists(String ingressId) {
        return ingresses.containsKey(ingressId);
    }

    public List<String> ingressIdsOfRoom(String room) {
        return ingresses.values().stream().filter(info -> room.equals(info.path("roomName").asText()))
                .map(info -> info.path("ingressId").asText()).toList();
    }

    /** Puts a participant (as LiveKit's ParticipantInfo JSON) into a room, for ListParticipants. */
    public void addParticipant(String room, String identity, String kind, String role, boolean canPublishData) {
        ObjectNode participant = json.createObjectNode();
        participant.put("sid", "PA_" + randomHex(6));
        participant.put("identity", identity);
        participant.put("state", "ACTIVE");
        if (kind != null) {
            participant.put("kind", kind);
        }
        if (role != null) {
            participant.putObject("attributes").put("role", role);
        }
        ObjectNode permission = participant.putObject("permission");
        permission.put("canSubscribe", true);
        permission.put("canPublish", "INGRESS".equals(kind) || "creator".equals(role));
        permission.put("canPublishData", canPublishData);
        participants.computeIfAbsent(room, ignored -> new CopyOnWriteArrayList<>()).add(participant);
    }

    public JsonNode participant(String room, String identity) {
        return participants.getOrDefault(room, List.of()).stream()
                .filter(participant -> identity.equals(participant.path("identity").asText())).findFirst().orElse(null);
    }

    private void handle(HttpServerRequest request) {
        request.body().onComplete(read -> {
            String text = read.succeeded() ? read.result().toString(StandardCharsets.UTF_8) : "";
            Matcher route = ROUTE.matcher(request.path());
            String service = route.matches() ? route.group(1) : null;
            String method = route.matches() ? route.group(2) : request.path();
            String contentType = request.getHeader("Content-Type");
            String authorization = request.getHeader("Authorization");
            JsonNode body;
            try {
                body = json.readTree(text.isEmpty() ? "{}" : text);
            } catch (Exception e) {
                body = json.createObjectNode();
            }
            Map<String, Object> video = null;
            Reply reply;
            try {
                if (!"POST".equals(request.method().name()) || service == null) {
                    throw new Rejection(404, "bad_route", "no handler for " + request.method() + " " + request.path());
                }
                if (contentType == null || !contentType.startsWith("application/json")) {
                    throw new Rejection(400, "malformed", "Content-Type must be application/json, was " + contentType);
                }
                if (!body.isObject() || text.isBlank()) {
                    throw new Rejection(400, "malformed", "body must be a JSON object");
                }
                video = verify(authorization);
                checkGrant(service, video, body);
                Failure failing = failure;
                if (failing != null) {
                    throw new Rejection(failing.status(), failing.code(), failing.message());
                }
                reply = new Reply(200, dispatch(service, method, body));
            } catch (Rejection rejection) {
                ObjectNode error = json.createObjectNode().put("code", rejection.code).put("msg", rejection.getMessage());
                reply = new Reply(rejection.status, error);
            }
            calls.add(new Call(service, method, contentType, authorization, body, video,
                    reply.status == 200 ? null : reply.body.path("code").asText() + ": " + reply.body.path("msg").asText()));
            request.response().setStatusCode(reply.status).putHeader("Content-Type", "application/json")
                    .end(reply.body.toString());
        });
    }

    private Map<String, Object> verify(String authorization) throws Rejection {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            throw new Rejection(401, "unauthenticated", "missing Bearer authorization");
        }
        try {
            JwtClaims claims = verifier.processToClaims(authorization.substring("Bearer ".length()));
            Object video = claims.getClaimValue("video");
            if (!(video instanceof Map<?, ?> grant)) {
                throw new Rejection(401, "unauthenticated", "token has no video grant");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) grant;
            return typed;
        } catch (Rejection rejection) {
            throw rejection;
        } catch (Exception e) {
            throw new Rejection(401, "unauthenticated", "invalid token: " + e.getMessage());
        }
    }

    private static void checkGrant(String service, Map<String, Object> video, JsonNode body) throws Rejection {
        switch (service) {
            case "IngressService" -> {
                if (!Boolean.TRUE.equals(video.get("ingressAdmin"))) {
                    throw new Rejection(403, "permission_denied", "ingressAdmin grant required");
                }
            }
            case "RoomService" -> {
                if (!Boolean.TRUE.equals(video.get("roomAdmin"))) {
                    throw new Rejection(403, "permission_denied", "roomAdmin grant required");
                }
                if (!body.path("room").asText("").equals(video.get("room"))) {
                    throw new Rejection(403, "permission_denied", "grant is for room " + video.get("room"));
                }
            }
            default -> throw new Rejection(404, "bad_route", "unknown service " + service);
        }
    }

    private ObjectNode dispatch(String service, String method, JsonNode body) throws Rejection {
        return switch (service + "/" + method) {
            case "IngressService/CreateIngress" -> createIngress(body);
            case "IngressService/ListIngress" -> {
                ObjectNode reply = json.createObjectNode();
                ArrayNode items = reply.putArray("items");
                String room = body.path("roomName").asText("");
                ingresses.values().stream().filter(info -> room.isEmpty() || room.equals(info.path("roomName").asText()))
                        .forEach(items::add);
                yield reply;
            }
            case "IngressService/DeleteIngress" -> {
                ObjectNode removed = ingresses.remove(body.path("ingressId").asText(""));
                if (removed == null) {
                    throw new Rejection(404, "not_found", "ingress does not exist");
                }
                yield removed;
            }
            case "RoomService/ListParticipants" -> {
                List<ObjectNode> inRoom = participants.get(body.path("room").asText());
                if (inRoom == null) {
                    throw new Rejection(404, "not_found", "requested room does not exist");
                }
                ObjectNode reply = json.createObjectNode();
                reply.putArray("participants").addAll(new ArrayList<>(inRoom));
                yield reply;
            }
            case "RoomService/UpdateParticipant" -> {
                ObjectNode participant = (ObjectNode) participant(body.path("room").asText(), body.path("identity").asText());
                if (participant == null) {
                    throw new Rejection(404, "not_found", "participant does not exist");
                }
                if (body.has("permission")) {
                    participant.set("permission", body.get("permission").deepCopy());
                }
                yield participant;
            }
            default -> throw new Rejection(404, "bad_route", "no handler for " + method);
        };
    }

    private ObjectNode createIngress(JsonNode body) throws Rejection {
        String inputType = body.path("inputType").asText("RTMP_INPUT");
        String room = body.path("roomName").asText("");
        if (room.isEmpty() || body.path("participantIdentity").asText("").isEmpty()) {
            throw new Rejection(400, "invalid_argument", "roomName and participantIdentity are required");
        }
        ObjectNode info = json.createObjectNode();
        String id = "IN_" + randomHex(6);
        String key = randomHex(12);
        info.put("ingressId", id);
        info.put("name", body.path("name").asText(""));
        info.put("streamKey", key);
        switch (inputType) {
            case "RTMP_INPUT" -> info.put("url", "rtmp://ingress.fake-livekit.test/x");
            case "WHIP_INPUT" -> info.put("url", "https://ingress.fake-livekit.test/w");
            default -> throw new Rejection(400, "invalid_argument", "unsupported inputType " + inputType);
        }
        info.put("inputType", inputType);
        info.put("roomName", room);
        info.put("participantIdentity", body.path("participantIdentity").asText());
        info.put("participantName", body.path("participantName").asText(""));
        info.put("reusable", true);
        info.putObject("state").put("status", "ENDPOINT_INACTIVE");
        ingresses.put(id, info);
        return info;
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private record Reply(int status, ObjectNode body) {
    }

    private static final class Rejection extends Exception {
        private final int status;
        private final String code;

        Rejection(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }
}
