package io.streamingcompanion.tip.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What tip-service's connector talks to, faked on one local HTTP server: the Chaturbate Events API (the
 * documented longpoll JSON: {@code events} with {@code id}/{@code method}/{@code object}, {@code nextUrl},
 * {@code timeout}; scripted 429/5xx/stalls; a revoked token), and the internal routes of session-service,
 * chatbot-tts-service and goal-menu-service, which record what they receive (and check the service token); the
 * animation route keeps goal-menu-service's idempotency (a key fires once) and can answer 503 like it.
 */
public class FakePlatform implements QuarkusTestResourceLifecycleManager {

    static final ObjectMapper JSON = new ObjectMapper();
    private static HttpServer server;

    /** One creator's feed, addressed by its token. */
    static final class Feed {
        final String username;
        final String token;
        final List<ObjectNode> events = new CopyOnWriteArrayList<>();
        final Deque<Integer> scriptedStatuses = new ConcurrentLinkedDeque<>();
        volatile boolean revoked;
        /** Each page repeats the previous page's last event, as a feed replaying itself would. */
        volatile boolean overlapPages = true;
        volatile int pageSize = 4;
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final AtomicInteger requests = new AtomicInteger();
        final List<String> timeouts = new CopyOnWriteArrayList<>();
        /** event id → how many pages carried it. */
        final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();

        Feed(String username) {
            this.username = username;
            this.token = "tok" + UUID.randomUUID().toString().replace("-", "");
        }

        String url() {
            return base() + "/events/" + username + "/" + token + "/";
        }

        ObjectNode add(String method, ObjectNode object) {
            ObjectNode event = JSON.createObjectNode();
            event.put("id", System.nanoTime() + "-" + events.size());
            event.put("method", method);
            event.set("object", object);
            events.add(event);
            return event;
        }

        String tip(String username, long tokens, boolean anonymous, String message) {
            ObjectNode object = JSON.createObjectNode();
            object.putObject("tip").put("tokens", tokens).put("isAnon", anonymous).put("message", message);
            object.putObject("user").put("username", username);
            return add("tip", object).get("id").asText();
        }

        void user(String method, String username) {
            ObjectNode object = JSON.createObjectNode();
            object.putObject("user").put("username", username);
            add(method, object);
        }

        /** A follow, fanclubJoin or mediaPurchase; returns its event id. */
        String highlight(String method, String username) {
            ObjectNode object = JSON.createObjectNode();
            object.putObject("user").put("username", username);
            if (method.equals("mediaPurchase")) {
                object.putObject("media").put("id", 7).put("name", "photo set").put("type", "photos").put("tokens", 50);
            }
            return add(method, object).get("id").asText();
        }

        void chat(String username, String message) {
            ObjectNode object = JSON.createObjectNode();
            object.putObject("message").put("message", message);
            object.putObject("user").put("username", username);
            add("chatMessage", object);
        }

        void broadcast(String method) {
            add(method, JSON.createObjectNode().putObject("broadcaster").objectNode());
        }
    }

    /** A call the connector made to session-service or chatbot-tts-service. */
    record Call(String path, JsonNode body) {
    }

    static final Map<String, Feed> FEEDS = new ConcurrentHashMap<>();
    static final List<Call> CALLS = new CopyOnWriteArrayList<>();
    /** creator → active session id, as the fake session-service holds it. */
    static final Map<String, UUID> ACTIVE = new ConcurrentHashMap<>();
    /** goal-menu-service's idempotency: key → animations fired (202) for it; a repeated key answers 200. */
    static final Map<String, AtomicInteger> FIRED = new ConcurrentHashMap<>();
    /** The next this many animation requests find the session not announced yet (503), as a lagging goal-menu-service. */
    static final AtomicInteger ANIMATION_NOT_READY = new AtomicInteger();
    /** Stall (no answer for this many ms) the next feed request of any feed once. */
    static volatile long stallNextMillis;

    static String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static Feed feed(String username) {
        Feed feed = new Feed(username);
        FEEDS.put(feed.token, feed);
        return feed;
    }

    static List<Call> calls(String path, String creatorId) {
        List<Call> found = new ArrayList<>();
        for (Call call : CALLS) {
            if (call.path().equals(path) && creatorId.equals(call.body().path("creatorId").asText())) {
                found.add(call);
            }
        }
        return Collections.unmodifiableList(found);
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/events/", FakePlatform::events);
        server.createContext("/internal/", FakePlatform::internal);
        server.start();
        String hostPort = "127.0.0.1:" + server.getAddress().getPort();
        return Map.ofEntries(
                Map.entry("tip-service.connector.chaturbate-hosts", hostPort),
                Map.entry("tip-service.connector.allow-insecure-http", "true"),
                Map.entry("tip-service.connector.long-poll-seconds", "1"),
                Map.entry("tip-service.connector.read-grace", "2s"),
                Map.entry("tip-service.connector.connect-timeout", "1s"),
                Map.entry("tip-service.connector.lease-duration", "7s"),
                Map.entry("tip-service.connector.claim-interval", "300ms"),
                Map.entry("tip-service.connector.backoff-base", "100ms"),
                Map.entry("tip-service.connector.backoff-max", "1s"),
                Map.entry("quarkus.rest-client.session-service.url", base()),
                Map.entry("quarkus.rest-client.chatbot-service.url", base()),
                Map.entry("quarkus.rest-client.goal-menu-service.url", base()));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void events(HttpExchange exchange) throws IOException {
        String[] path = exchange.getRequestURI().getPath().split("/");
        Feed feed = path.length >= 4 ? FEEDS.get(path[3]) : null;
        if (feed == null || !feed.username.equals(path[2])) {
            respond(exchange, 404, "{\"status\":\"not found\"}");
            return;
        }
        feed.requests.incrementAndGet();
        feed.maxInFlight.accumulateAndGet(feed.inFlight.incrementAndGet(), Math::max);
        try {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            feed.timeouts.add(query.getOrDefault("timeout", "none"));
            long stall = stallNextMillis;
            if (stall > 0) {
                stallNextMillis = 0;
                // The client gives this request up (its read timeout) and asks again while it still sleeps here:
                // an abandoned request, not a second poller, so it leaves the count of requests in flight.
                feed.inFlight.decrementAndGet();
                sleep(stall);
                feed.inFlight.incrementAndGet();
                respond(exchange, 200, "{\"events\":[],\"nextUrl\":\"" + feed.url() + "?i=0\"}");
                return;
            }
            if (feed.revoked) {
                respond(exchange, 401, "{\"status\":\"Unauthorized\"}");
                return;
            }
            Integer scripted = feed.scriptedStatuses.poll();
            if (scripted != null) {
                if (scripted == 429) {
                    exchange.getResponseHeaders().add("Retry-After", "1");
                }
                respond(exchange, scripted, "{\"status\":\"scripted\"}");
                return;
            }
            int from = Integer.parseInt(query.getOrDefault("i", "0"));
            int timeout = Integer.parseInt(query.getOrDefault("timeout", "10"));
            long deadline = System.currentTimeMillis() + timeout * 1000L;
            while (feed.events.size() <= from && System.currentTimeMillis() < deadline) {
                sleep(25);
            }
            int to = Math.min(feed.events.size(), from + feed.pageSize);
            ArrayNode events = JSON.createArrayNode();
            for (int i = from; i < to; i++) {
                events.add(feed.events.get(i));
                feed.served.computeIfAbsent(feed.events.get(i).get("id").asText(), id -> new AtomicInteger()).incrementAndGet();
            }
            int next = to > from && feed.overlapPages && to - from > 1 ? to - 1 : to;
            ObjectNode page = JSON.createObjectNode();
            page.set("events", events);
            page.put("nextUrl", feed.url() + "?i=" + next + "&timeout=10");
            respond(exchange, 200, JSON.writeValueAsString(page));
        } finally {
            feed.inFlight.decrementAndGet();
        }
    }

    private static void internal(HttpExchange exchange) throws IOException {
        if (!EmbeddedInfrastructureResource.SERVICE_TOKEN.equals(exchange.getRequestHeaders().getFirst("X-Service-Token"))) {
            respond(exchange, 401, "{}");
            return;
        }
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        String path = exchange.getRequestURI().getPath();
        CALLS.add(new Call(path, body));
        String creator = body.path("creatorId").asText();
        switch (path) {
            case "/internal/sessions/ensure-active" -> {
                UUID id = ACTIVE.computeIfAbsent(creator, ignored -> UUID.randomUUID());
                respond(exchange, 200, "{\"id\":\"" + id + "\",\"creatorId\":\"" + creator + "\",\"platform\":\"chaturbate\",\"status\":\"active\"}");
            }
            case "/internal/sessions/end-active" -> {
                UUID ended = ACTIVE.remove(creator);
                respond(exchange, ended == null ? 204 : 200, ended == null ? null : "{\"id\":\"" + ended + "\",\"status\":\"ended\"}");
            }
            case "/internal/sessions/viewers", "/internal/chatbot/messages" -> respond(exchange, 204, null);
            case "/internal/animations/platform" -> {
                if (ANIMATION_NOT_READY.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                    respond(exchange, 503, "{\"type\":\"urn:streaming:problem:session-not-known-yet\"}");
                    return;
                }
                int fired = FIRED.computeIfAbsent(body.path("idempotencyKey").asText(), key -> new AtomicInteger()).incrementAndGet();
                respond(exchange, fired == 1 ? 202 : 200, "{\"type\":\"" + body.path("type").asText() + "\"}");
            }
            default -> respond(exchange, 404, "{}");
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new ConcurrentHashMap<>();
        if (raw != null) {
            for (String part : raw.split("&")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    values.put(part.substring(0, eq), part.substring(eq + 1));
                }
            }
        }
        return values;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
