package io.streamingcompanion.localsuite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamingcompanion.infra.FreePorts;
import io.streamingcompanion.testsupport.WebSocketTestClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The suite as README command #1 runs it (every service its own process, one origin), on free ports:
 * a creator's REST calls through the origin reach a WebSocket that joined through the origin.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalSuiteIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalSuite suite;
    private static ChaturbateFeedStub chaturbate;
    private static String oidcIssuer;

    @BeforeAll
    static void startSuite() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        chaturbate = new ChaturbateFeedStub();
        // The dashboard check plays this OIDC issuer itself (e2e/fake-oidc-issuer.mjs) on a port free now.
        oidcIssuer = "http://127.0.0.1:" + FreePorts.pick() + "/realms/e2e";
        Map<String, String> environment = new HashMap<>(chaturbate.connectorEnvironment());
        environment.put("GATEWAY_DASHBOARD_OIDC_ISSUER", oidcIssuer);
        suite = LocalSuite.start(LocalSuite.Options.ephemeral(root, Files.createTempDirectory("local-suite-it"))
                .withEnvironment(environment));
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
        if (chaturbate != null) {
            chaturbate.close();
        }
    }

    @Test
    @Order(1)
    void everyServiceIsReady() throws Exception {
        assertEquals(7, suite.servicePorts().size());
        for (var service : suite.servicePorts().entrySet()) {
            HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + service.getValue() + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ready.statusCode(), service.getKey() + ": " + ready.body());
            assertEquals("UP", JSON.readTree(ready.body()).path("status").asText(), service.getKey());
        }
    }

    @Test
    @Order(1)
    void theConsumersRunWithShallowInliningAndTheGatewayWithTheJdksDefaults() {
        for (SuiteService service : SuiteService.ALL) {
            List<String> arguments = List.of(ProcessHandle.of(suite.pid(service.name())).orElseThrow()
                    .info().arguments().orElseThrow());
            assertEquals(service.shallowInlining(), arguments.containsAll(SuiteService.SHALLOW_INLINING),
                    service.name() + ": " + arguments);
        }
        assertFalse(SuiteService.ALL.stream().filter(service -> service.name().equals("realtime-gateway"))
                .findFirst().orElseThrow().shallowInlining());
    }

    @Test
    @Order(2)
    void aSessionStartedThroughTheOriginReachesTheCreatorsSocketOnly() throws Exception {
        String alice = devToken("alice-" + System.nanoTime());
        String bob = devToken("bob-" + System.nanoTime());
        URI socket = URI.create("ws://localhost:" + suite.routerPort() + "/streaming");
        String carrier = "quarkus-http-upgrade#Authorization#"
                + URLEncoder.encode("Bearer " + alice, StandardCharsets.UTF_8).replace("+", "%20");

        HttpResponse<String> started = call("POST", "/api/sessions", alice, "{\"platform\":\"chaturbate\",\"title\":\"Live\"}");
        assertEquals(201, started.statusCode(), started.body());
        assertTrue(started.headers().firstValue("Location").orElseThrow()
                .startsWith("http://localhost:" + suite.routerPort() + "/api/sessions/"), "Location names the origin");
        String sessionId = JSON.readTree(started.body()).path("id").asText();

        try (var aliceSocket = WebSocketTestClient.withSubprotocols(socket, List.of("bearer-token-carrier", carrier));
             var bobSocket = WebSocketTestClient.withBearer(socket, bob)) {
            aliceSocket.send("join_session", Map.of("sessionId", sessionId));
            aliceSocket.await("joined_session");
            bobSocket.send("join_session", Map.of("sessionId", sessionId));
            assertEquals("session_not_found", bobSocket.await("error").path("code").asText());

            HttpResponse<String> renamed = call("PATCH", "/api/sessions/" + sessionId, alice, "{\"title\":\"Live and loud\"}");
            assertEquals(200, renamed.statusCode(), renamed.body());
            JsonNode update = aliceSocket.await("session_updated", data -> data.path("title").asText().equals("Live and loud"));
            assertEquals(sessionId, update.path("sessionId").asText());
            assertEquals("active", update.path("status").asText());

            assertEquals(200, call("POST", "/api/sessions/" + sessionId + "/end", alice, null).statusCode());
            assertEquals("ended", aliceSocket.await("session_updated",
                    data -> data.path("status").asText().equals("ended")).path("status").asText());

            Awaitility.await().pollDelay(Duration.ofMillis(500)).until(() -> true);
            assertTrue(bobSocket.frames("session_updated").isEmpty(), "bob must see nothing of alice's session");
            assertEquals(404, call("GET", "/api/sessions/" + sessionId, bob, null).statusCode());
        }
    }

    @Test
    @Order(3)
    void aTipReachesTheCreatorsObsOverlayAndTheSessionTotals() throws Exception {
        String creator = "carol-" + System.nanoTime();
        String token = devToken(creator);
        HttpResponse<String> key = call("GET", "/api/overlay/key", token, null);
        assertEquals(200, key.statusCode(), key.body());
        String overlayPath = JSON.readTree(key.body()).path("socketPath").asText();
        HttpResponse<String> started = call("POST", "/api/sessions", token, "{\"platform\":\"stripchat\"}");
        String sessionId = JSON.readTree(started.body()).path("id").asText();
        URI socket = URI.create("ws://localhost:" + suite.routerPort() + "/streaming");
        long handedOverBefore = gatewaySocketHandoffs("adopted");

        try (var overlay = WebSocketTestClient.anonymous(URI.create("ws://localhost:" + suite.routerPort() + overlayPath));
             var dashboard = WebSocketTestClient.withBearer(socket, token)) {
            overlay.await("joined_overlay");
            dashboard.send("join_session", Map.of("sessionId", sessionId));
            dashboard.await("joined_session");
            // Both sockets joined through the origin, which handed them to the gateway instead of relaying them.
            assertEquals(handedOverBefore + 2, gatewaySocketHandoffs("adopted"));
            assertEquals(0, gatewaySocketHandoffs("refused"));

            HttpResponse<String> tip = call("POST", "/api/tips", token,
                    "{\"sessionId\":\"" + sessionId + "\",\"amountCents\":1250,\"tipperName\":\"dave\",\"message\":\"hi\"}");
            assertEquals(201, tip.statusCode(), tip.body());
            JsonNode alert = overlay.await("tip_received");
            assertEquals(1250, alert.path("tip").path("amountCents").asLong());
            assertEquals("dave", alert.path("tip").path("tipperName").asText());

            // The same tip path from the creator's socket.
            dashboard.send("add_tip", Map.of("sessionId", sessionId, "amountCents", 750, "tipperName", "erin"));
            dashboard.await("tip_recorded");
            overlay.await("tip_received", data -> data.path("tip").path("amountCents").asLong() == 750);
            JsonNode totals = dashboard.await("session_updated", data -> data.path("tipCount").asInt() == 2);
            assertEquals(2000, totals.path("totalTipsCents").asLong());
            HttpResponse<String> session = call("GET", "/api/sessions/" + sessionId, token, null);
            assertEquals(2000, JSON.readTree(session.body()).path("totalTipsCents").asLong());
        }
    }

    @Test
    @Order(4)
    void twoHundredConcurrentTipsAddUpExactlyInEveryService() throws Exception {
        String creator = "frank-" + System.nanoTime();
        String token = devToken(creator);
        String sessionId = JSON.readTree(call("POST", "/api/sessions", token, "{\"platform\":\"other\"}").body())
                .path("id").asText();
        assertEquals(201, call("POST", "/api/goals", token, "{\"sessionId\":\"" + sessionId
                + "\",\"title\":\"First\",\"targetCents\":10000}").statusCode());
        assertEquals(201, call("POST", "/api/goals", token, "{\"sessionId\":\"" + sessionId
                + "\",\"title\":\"Second\",\"targetCents\":1000000}").statusCode());
        var pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        long expected = 0;
        try {
            var calls = new java.util.ArrayList<java.util.concurrent.Callable<Integer>>();
            for (int i = 1; i <= 200; i++) {
                long amount = 100 + i;
                expected += amount;
                calls.add(() -> call("POST", "/api/tips", token, "{\"sessionId\":\"" + sessionId
                        + "\",\"amountCents\":" + amount + "}").statusCode());
            }
            for (var status : pool.invokeAll(calls)) {
                assertEquals(201, status.get());
            }
        } finally {
            pool.shutdownNow();
        }
        long total = expected;
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode session = JSON.readTree(call("GET", "/api/sessions/" + sessionId, token, null).body());
            assertEquals(200, session.path("tipCount").asInt());
            assertEquals(total, session.path("totalTipsCents").asLong());
            JsonNode goals = JSON.readTree(call("GET", "/api/goals?sessionId=" + sessionId, token, null).body());
            JsonNode list = goals.isArray() ? goals : goals.path("items");
            assertEquals(10000, list.get(0).path("currentCents").asLong());
            assertEquals(total - 10000, list.get(1).path("currentCents").asLong());
        });
        assertEquals(200, JSON.readTree(call("GET", "/api/tips?sessionId=" + sessionId, token, null).body())
                .path("total").asInt());
    }

    @Test
    @Order(5)
    void goingLiveFromTheBrowserStartsAndEndsALivekitSession() throws Exception {
        String creator = "gina-" + System.nanoTime();
        String token = devToken(creator);
        assertEquals(200, call("POST", "/api/stream/start-browser", token, null).statusCode());
        String sessionId = activeSessionId(token);
        assertEquals("livekit", JSON.readTree(call("GET", "/api/sessions/" + sessionId, token, null).body())
                .path("platform").asText());
        assertEquals(200, call("POST", "/api/stream/stop-browser", token, null).statusCode());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                call("GET", "/api/sessions/active", token, null).statusCode() == 204);
    }

    /**
     * A Chaturbate broadcast, end to end through every real service: going live opens a {@code chaturbate}
     * session, each tip of the feed (pages that repeat an event) counts once in tip-service, the session's
     * totals and its goal, and going offline ends the session.
     */
    @Test
    @Order(6)
    void aChaturbateFeedBringsItsTipsOnceIntoTheSessionAndItsGoal() throws Exception {
        String token = devToken("cam-" + System.nanoTime());
        HttpResponse<String> connected = call("PUT", "/api/connectors/chaturbate", token,
                JSON.writeValueAsString(Map.of("eventsUrl", chaturbate.eventsUrl())));
        assertEquals(200, connected.statusCode(), connected.body());
        assertFalse(connected.body().contains(chaturbate.eventsUrl()), "the feed URL is shown again: " + connected.body());

        chaturbate.broadcast("broadcastStart");
        String sessionId = activeSessionId(token);
        assertEquals("chaturbate", JSON.readTree(call("GET", "/api/sessions/" + sessionId, token, null).body())
                .path("platform").asText());
        HttpResponse<String> goal = call("POST", "/api/goals", token,
                "{\"sessionId\":\"" + sessionId + "\",\"title\":\"Outfit change\",\"targetCents\":1000000}");
        assertEquals(201, goal.statusCode(), goal.body());
        String goalId = JSON.readTree(goal.body()).path("id").asText();

        int tips = 11;
        long tokens = 0;
        for (int i = 1; i <= tips; i++) {
            chaturbate.tip("fan" + i, i * 5L);
            tokens += i * 5L;
        }
        long expectedCents = tokens * 100;
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode session = JSON.readTree(call("GET", "/api/sessions/" + sessionId, token, null).body());
            return session.path("tipCount").asInt() >= tips;
        });
        JsonNode session = JSON.readTree(call("GET", "/api/sessions/" + sessionId, token, null).body());
        assertEquals(tips, session.path("tipCount").asInt(), session.toString());
        assertEquals(expectedCents, session.path("totalTipsCents").asLong(), session.toString());
        JsonNode recorded = JSON.readTree(call("GET", "/api/tips?sessionId=" + sessionId + "&size=100", token, null).body());
        JsonNode items = recorded.has("items") ? recorded.path("items") : recorded;
        assertEquals(tips, items.size(), recorded.toString());
        items.forEach(tip -> assertEquals("platform_api", tip.path("source").asText()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode candidate : JSON.readTree(call("GET", "/api/goals?sessionId=" + sessionId, token, null).body())) {
                if (candidate.path("id").asText().equals(goalId)) {
                    return candidate.path("currentCents").asLong() == expectedCents;
                }
            }
            return false;
        });

        chaturbate.broadcast("broadcastStop");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                call("GET", "/api/sessions/active", token, null).statusCode() == 204);
        assertEquals(204, call("DELETE", "/api/connectors/chaturbate", token, null).statusCode());
        // Still exactly once after the feed's repeated events had every chance to be counted again.
        assertEquals(expectedCents, JSON.readTree(call("GET", "/api/sessions/" + sessionId, token, null).body())
                .path("totalTipsCents").asLong());
    }

    @Test
    @Order(7)
    void unknownPathsAndBadTokenRequestsAreRefusedAtTheOrigin() throws Exception {
        assertEquals(404, call("GET", "/api/nowhere", null, null).statusCode());
        assertEquals(401, call("GET", "/api/sessions", null, null).statusCode());
        assertEquals(400, HTTP.send(HttpRequest.newBuilder(URI.create(suite.baseUrl() + "/dev/token")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    /**
     * The creator dashboard in a real headless Chromium against this very suite (one suite start for both):
     * see {@link DashboardBrowserCheck}. Screenshots of every page land in local-suite/target/screenshots.
     */
    @Test
    @Order(8)
    void theCreatorDashboardWorksInARealBrowser() throws Exception {
        DashboardBrowserCheck.run(Path.of("..").toAbsolutePath().normalize(), suite.baseUrl(), oidcIssuer,
                Path.of("target", "screenshots").toAbsolutePath());
    }

    @Test
    @Order(9)
    void closingStopsEveryProcessAndFreesThePorts() {
        int router = suite.routerPort();
        var ports = suite.servicePorts();
        suite.close();
        assertFalse(suite.anyServiceAlive(), "every service process has exited");
        assertTrue(FreePorts.isFree(router), "router port released");
        ports.forEach((name, port) -> assertTrue(FreePorts.isFree(port), name + " port released"));
        suite = null;
    }

    /** The id of the creator's active session, once there is one (events take a moment to open it). */
    private static String activeSessionId(String token) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> active = call("GET", "/api/sessions/active", token, null);
            return active.statusCode() == 200 ? JSON.readTree(active.body()).path("id").asText() : null;
        }, id -> id != null);
    }

    /** The gateway's count of client sockets the origin handed over, by outcome (its Prometheus endpoint). */
    private static long gatewaySocketHandoffs(String outcome) throws Exception {
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + suite.servicePorts().get("realtime-gateway") + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode());
        return metrics.body().lines()
                .filter(line -> line.startsWith("gateway_socket_handoffs_total{") && line.contains("outcome=\"" + outcome + "\""))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static String devToken(String sub) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(suite.baseUrl() + "/dev/token?sub=" + sub + "&name=" + sub)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).path("token").asText();
    }

    private static HttpResponse<String> call(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(suite.baseUrl() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
