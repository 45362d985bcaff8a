package io.streamingcompanion.gateway;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.overlay.OverlayKeyChanged;
import io.streamingcompanion.contracts.overlay.OverlayKeys;
import io.streamingcompanion.testsupport.DomainEventConsumer;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.streamingcompanion.testsupport.TestTokens;
import io.streamingcompanion.testsupport.WebSocketTestClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The socket side of the hostile-input sweep (the REST side is {@link HostileInputTest}): every client event
 * on both namespaces with hostile {@code data}, whole frames that are not commands, binary and oversized
 * frames, hostile socket URLs. Every frame must be answered (an {@code error} or an ack) on a socket that
 * stays open, unless the gateway closes it on purpose with a close code that says why (1008 for abuse, 1009
 * for an oversized message); and the gateway must log no unhandled exception meanwhile.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
@WithTestResource(SessionServiceStub.class)
class SocketHostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Event names as raw JSON strings (escapes stay escapes on the wire, so an unpaired surrogate can be sent). */
    private static final List<String> EVENTS = List.of("\"join_session\"", "\"leave_session\"", "\"add_tip\"",
            "\"update_viewers\"", "\"chatbot_message\"", "\"join_overlay\"", "\"leave_overlay\"", "\"dance\"", "\"\"",
            "\"ADD_TIP\"", "\"" + "x".repeat(1_000) + "\"", "\"\\u202ejoin_session\"", "\"\\ud800\"", "\"join_session\\u0000\"");

    /** Raw JSON values put into {@code data} and into each field of a command, one at a time. */
    private static final List<String> VALUES = List.of(
            "null", "true", "\"125\"", "\"abc\"", "1.5", "-1", "0", "18446744073709551617", "4294967396",
            "-9223372036854775809", "1e400", "9223372036854775807", "\"a\\u0000b\"", "\"\\ud800\"", "\"\\udc00x\"",
            "\"\\u202eevil\"", "{\"k\":\"a\\u0000b\"}", "{\"a\\u0000\":1}", "\"\\ud83d\\ude00 \\u00e9\"", "{}", "[]",
            "[1,2]", "{\"a\":{\"b\":[null]}}", "[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]",
            "\"" + "x".repeat(20_000) + "\"", "\"\"", "\"   \"", "\"00000000-0000-0000-0000-000000000000\"");

    private static final Map<String, List<String>> FIELDS = Map.of(
            "join_session", List.of("sessionId", "since"),
            "leave_session", List.of("sessionId"),
            "add_tip", List.of("sessionId", "amountCents", "tipperName", "message", "test", "idempotencyKey"),
            "update_viewers", List.of("sessionId", "viewerCount"),
            "join_overlay", List.of("overlayKey", "since"));

    /** Whole frames that are no {"event","data"} object. */
    private static final List<String> FRAMES = List.of("", " ", "null", "{", "}", "[]", "42", "\"text\"",
            "{\"event\":", "{\"event\":\"join_session\",}", "\u0000", "{\"event\":null}", "{\"event\":7,\"data\":{}}",
            "{\"event\":[\"add_tip\"]}", "{\"data\":{}}", "{\"event\":\"add_tip\",\"data\":{},\"event\":\"x\"}",
            "[" + "[".repeat(3_000) + "]".repeat(3_000) + "]",
            "{\"event\":\"add_tip\",\"data\":" + "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000) + "}",
            "{\"event\":\"add_tip\",\"data\":{\"message\":\"" + "y".repeat(60_000) + "\"}}");

    private static final Set<String> ACKS = Set.of("joined_session", "left_session", "tip_recorded", "viewers_updated",
            "joined_overlay", "left_overlay");

    /** Error codes after which the gateway closes the socket on purpose (with 1008). */
    private static final Set<String> CLOSING = Set.of("rate_limited", "too_many_join_attempts", "join_timeout");

    @TestHTTPResource("/streaming")
    URI streaming;

    @TestHTTPResource("/streaming/overlay")
    URI overlay;

    private UnhandledFailureWatcher log;

    @BeforeEach
    void watchLog() {
        log = UnhandledFailureWatcher.start();
    }

    @AfterEach
    void stopWatching() {
        log.close();
    }

    @Test
    void theDashboardSocketAnswersEveryHostileFrame() {
        String owner = "hostile-" + UUID.randomUUID();
        String session = UUID.randomUUID().toString();
        SessionServiceStub.OWNERS.put(session, owner);
        URI uri = URI.create(streaming.toString().replaceFirst("^http", "ws"));
        Sweep sweep = new Sweep(() -> WebSocketTestClient.withBearer(uri, TestTokens.creator(owner)));
        Map<String, Object> template = template(session, "ovl_not-a-key");
        sweep.run(template, () -> sweep.send(frame("leave_session", Map.of("sessionId", session))));
        assertClean(sweep);
    }

    @Test
    void theOverlaySocketAnswersEveryHostileFrame() {
        String creator = "hostile-" + UUID.randomUUID();
        String key = "ovl_" + UUID.randomUUID();
        DomainEventConsumer.publish(EventTypes.OVERLAY_KEY_CHANGED.topic(), EventJson.envelope(EventTypes.OVERLAY_KEY_CHANGED,
                creator, creator, new OverlayKeyChanged(creator, OverlayKeys.hash(key), null, Instant.now()), Clock.systemUTC()));
        URI uri = URI.create(overlay.toString().replaceFirst("^http", "ws"));
        // An address of its own (forwarded by the trusted local proxy), so that its guesses use no one else's budget.
        String address = "203.0.113." + (1 + new java.util.Random().nextInt(250));
        Supplier<WebSocketTestClient> joined = () -> {
            WebSocketTestClient client = WebSocketTestClient.withHeaders(uri, Map.of("X-Forwarded-For", address));
            client.send("join_overlay", Map.of("overlayKey", key));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !client.allFrames().isEmpty());
            return client;
        };
        // The key must be known before the sweep starts.
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            try (WebSocketTestClient probe = joined.get()) {
                return !probe.frames("joined_overlay").isEmpty();
            }
        });
        Sweep sweep = new Sweep(joined);
        sweep.run(template(UUID.randomUUID().toString(), key), () -> { });

        for (String query : List.of("?key=%00", "?key=%E2%80%AE", "?key=" + "k".repeat(3_000), "?since=abc&key=" + key,
                "?key=" + key + "&since=99999999999999999999", "?key=" + key + "&since=-5", "?key=&key=x")) {
            try (var socket = WebSocketTestClient.anonymous(URI.create(uri + query))) {
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !socket.allFrames().isEmpty() || socket.isClosed());
                if (socket.allFrames().isEmpty() || socket.isClosed()) {
                    sweep.failures.add("socket URL " + abbreviate(query) + ": no answer or closed (" + socket.closeCode() + ")");
                }
            }
        }
        assertClean(sweep);
    }

    private void assertClean(Sweep sweep) {
        assertTrue(sweep.sent > 500, "the sweep sent " + sweep.sent + " frames");
        List<String> problems = new ArrayList<>(sweep.failures);
        problems.addAll(log.problems());
        assertTrue(problems.isEmpty(), problems.size() + " problems in " + sweep.sent + " frames:\n"
                + String.join("\n", problems.subList(0, Math.min(40, problems.size()))));
    }

    private static Map<String, Object> template(String sessionId, String overlayKey) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sessionId", sessionId);
        data.put("since", 0);
        data.put("amountCents", 500);
        data.put("tipperName", "fan");
        data.put("message", "hi");
        data.put("test", true);
        data.put("idempotencyKey", "k-" + UUID.randomUUID());
        data.put("viewerCount", 5);
        data.put("overlayKey", overlayKey);
        return data;
    }

    private static String frame(String event, Object data) {
        ObjectNode frame = JSON.createObjectNode();
        frame.put("event", event);
        frame.set("data", JSON.valueToTree(data));
        return frame.toString();
    }

    private static String rawFrame(String eventJson, Object data) {
        return "{\"event\":" + eventJson + ",\"data\":" + JSON.valueToTree(data) + "}";
    }

    private static String nameOf(String eventJson) {
        try {
            return JSON.readTree(eventJson).asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A frame whose data (or one field of it) is the raw JSON value, spliced in as text so it stays hostile. */
    private static String frameWithRaw(String eventJson, Map<String, Object> template, String field, String rawValue) {
        if (field == null) {
            return "{\"event\":" + eventJson + ",\"data\":" + rawValue + "}";
        }
        Map<String, Object> data = new LinkedHashMap<>(template);
        data.put(field, "\u0001PLACEHOLDER\u0001");
        String json = JSON.valueToTree(data).toString();
        return "{\"event\":" + eventJson + ",\"data\":" + json.replace("\"\\u0001PLACEHOLDER\\u0001\"", rawValue) + "}";
    }

    private static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…(" + text.length() + " chars)" : text;
    }

    /** Sends frames one at a time and checks each is answered; reconnects after a deliberate close. */
    private static final class Sweep {
        private final Supplier<WebSocketTestClient> connect;
        private WebSocketTestClient socket;
        final List<String> failures = new ArrayList<>();
        int sent;

        Sweep(Supplier<WebSocketTestClient> connect) {
            this.connect = connect;
            this.socket = connect.get();
        }

        void run(Map<String, Object> template, Runnable beforeEachJoin) {
            for (String event : EVENTS) {
                boolean join = nameOf(event).equals("join_session");
                for (String value : VALUES) {
                    if (join) {
                        beforeEachJoin.run();
                    }
                    send(frameWithRaw(event, template, null, value));
                }
                send(rawFrame(event, template));
                for (String field : FIELDS.getOrDefault(nameOf(event), List.of())) {
                    for (String value : VALUES) {
                        if (join) {
                            beforeEachJoin.run();
                        }
                        send(frameWithRaw(event, template, field, value));
                    }
                }
            }
            for (String frame : FRAMES) {
                send(frame);
            }
            sendBinary(new byte[0]);
            sendBinary("{\"event\":\"leave_session\",\"data\":{}}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sendBinary(new byte[] {(byte) 0xff, 0, (byte) 0xfe});
            oversized();
        }

        void send(String frame) {
            sendAndCheck(frame, () -> socket.sendRaw(frame));
        }

        void sendBinary(byte[] data) {
            sendAndCheck("<binary " + data.length + " bytes>", () -> socket.sendBinary(data));
        }

        private void sendAndCheck(String description, Runnable send) {
            for (int attempt = 0; attempt < 40; attempt++) {
                sent++;
                int before = socket.allFrames().size();
                try {
                    send.run();
                } catch (RuntimeException e) {
                    failures.add(abbreviate(description) + ": could not be sent (" + e + "), close code " + socket.closeCode());
                    socket = connect.get();
                    return;
                }
                WebSocketTestClient current = socket;
                JsonNode answer;
                try {
                    answer = Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                            .until(() -> answerAfter(current, before), found -> found != null || current.isClosed());
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    failures.add(abbreviate(description) + ": no answer");
                    return;
                }
                if (answer == null) {
                    failures.add(abbreviate(description) + ": closed without an answer (" + current.closeCode() + ")");
                    socket = connect.get();
                    return;
                }
                String code = answer.path("data").path("code").asText();
                if (CLOSING.contains(code) && !code.equals("rate_limited")) {
                    expectDeliberateClose(current, description);
                    return;
                }
                if (!code.equals("rate_limited")) {
                    if (current.isClosed()) {
                        failures.add(abbreviate(description) + ": answered " + answer + " but closed (" + current.closeCode() + ")");
                        socket = connect.get();
                    }
                    return;
                }
                // Limited: the sweep is faster than a client should be. Slow down and send the frame again.
                if (current.isClosed()) {
                    expectDeliberateClose(current, description);
                }
                Awaitility.await().pollDelay(Duration.ofMillis(300)).until(() -> true);
            }
            failures.add(abbreviate(description) + ": rate-limited every time");
        }

        private void expectDeliberateClose(WebSocketTestClient current, String description) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(current::isClosed);
            if (current.closeCode() != 1008) {
                failures.add(abbreviate(description) + ": closed with " + current.closeCode() + " instead of 1008");
            }
            socket = connect.get();
        }

        /** A message above the limit: closed with 1009, no exception. */
        private void oversized() {
            sent++;
            WebSocketTestClient current = socket;
            try {
                current.sendRaw("{\"event\":\"add_tip\",\"data\":{\"message\":\"" + "z".repeat(200_000) + "\"}}");
            } catch (RuntimeException closedWhileSending) {
                // The server may close before the client has written all of it.
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(current::isClosed);
            if (current.closeCode() != 1009) {
                failures.add("oversized message: closed with " + current.closeCode() + " instead of 1009");
            }
            socket = connect.get();
            socket.close();
        }

        private static JsonNode answerAfter(WebSocketTestClient client, int before) {
            List<JsonNode> frames = client.allFrames();
            for (int i = before; i < frames.size(); i++) {
                String event = frames.get(i).path("event").asText();
                if (event.equals("error") || ACKS.contains(event)) {
                    return frames.get(i);
                }
            }
            return null;
        }
    }
}
