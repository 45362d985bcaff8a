package io.streamingcompanion.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A WebSocket client speaking the suite's {@code {"event","data"}} frames, recording everything it
 * receives so tests can wait for a frame or prove that one never came.
 */
public final class WebSocketTestClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private volatile int closeCode = -1;
    private volatile String closeReason;
    private final java.util.concurrent.atomic.AtomicInteger pings = new java.util.concurrent.atomic.AtomicInteger();

    private WebSocketTestClient(URI uri, Map<String, String> headers, List<String> subprotocols) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        if (!subprotocols.isEmpty()) {
            builder.subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
        }
        this.socket = builder.buildAsync(uri, new Listener()).orTimeout(15, TimeUnit.SECONDS).join();
    }

    /** Connects with the token in an Authorization header, as a server-side client would. */
    public static WebSocketTestClient withBearer(URI uri, String token) {
        return new WebSocketTestClient(uri, Map.of("Authorization", "Bearer " + token), List.of());
    }

    /** Connects with the token in a sub-protocol, as a browser (which cannot set headers) would. */
    public static WebSocketTestClient withSubprotocols(URI uri, List<String> subprotocols) {
        return new WebSocketTestClient(uri, Map.of(), subprotocols);
    }

    public static WebSocketTestClient anonymous(URI uri) {
        return new WebSocketTestClient(uri, Map.of(), List.of());
    }

    /** Connects without a token but with these headers, e.g. the X-Forwarded-For a proxy would add. */
    public static WebSocketTestClient withHeaders(URI uri, Map<String, String> headers) {
        return new WebSocketTestClient(uri, headers, List.of());
    }

    public void send(String event, Map<String, ?> data) {
        ObjectNode frame = JSON.createObjectNode();
        frame.put("event", event);
        frame.set("data", JSON.valueToTree(data));
        socket.sendText(frame.toString(), true).orTimeout(5, TimeUnit.SECONDS).join();
    }

    public void sendRaw(String text) {
        socket.sendText(text, true).orTimeout(5, TimeUnit.SECONDS).join();
    }

    /** Sends one text message split into frames of these parts (a fragmented message). */
    public void sendFragmented(List<String> parts) {
        for (int i = 0; i < parts.size(); i++) {
            socket.sendText(parts.get(i), i == parts.size() - 1).orTimeout(5, TimeUnit.SECONDS).join();
        }
    }

    public void sendBinary(byte[] data) {
        socket.sendBinary(java.nio.ByteBuffer.wrap(data), true).orTimeout(5, TimeUnit.SECONDS).join();
    }

    /** Waits for the first frame of that event whose data matches, and returns its data. */
    public JsonNode await(String event, Predicate<JsonNode> dataMatches) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> find(event, dataMatches), found -> found != null);
    }

    public JsonNode await(String event) {
        return await(event, data -> true);
    }

    public List<JsonNode> frames(String event) {
        List<JsonNode> frames = new ArrayList<>();
        for (JsonNode frame : received) {
            if (event.equals(frame.path("event").asText())) {
                frames.add(frame.path("data"));
            }
        }
        return frames;
    }

    /** Positions of the frames of that event, in arrival order (-1 for a frame without one). */
    public List<Long> positions(String event) {
        List<Long> positions = new ArrayList<>();
        for (JsonNode frame : received) {
            if (event.equals(frame.path("event").asText())) {
                positions.add(frame.path("position").asLong(-1));
            }
        }
        return positions;
    }

    public List<JsonNode> allFrames() {
        return List.copyOf(received);
    }

    public boolean isClosed() {
        return closed;
    }

    /** The status code of the server's close frame; -1 while open or when the connection just dropped. */
    public int closeCode() {
        return closeCode;
    }

    public String closeReason() {
        return closeReason;
    }

    /** Pings the server sent (the JDK client answers each with a pong by itself). */
    public int pingsReceived() {
        return pings.get();
    }

    private JsonNode find(String event, Predicate<JsonNode> dataMatches) {
        return frames(event).stream().filter(dataMatches).findFirst().orElse(null);
    }

    @Override
    public void close() {
        if (!closed) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    received.add(JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException("Server sent a frame that is not JSON: " + partial, e);
                } finally {
                    partial.setLength(0);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, java.nio.ByteBuffer message) {
            pings.incrementAndGet();
            return WebSocket.Listener.super.onPing(webSocket, message);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode = statusCode;
            closeReason = reason;
            closed = true;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed = true;
        }
    }
}
