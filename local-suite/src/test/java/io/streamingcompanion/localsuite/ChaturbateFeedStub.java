package io.streamingcompanion.localsuite;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A Chaturbate Events API of one broadcaster for the whole suite: the documented longpoll JSON
 * ({@code {"events": [{"id", "method", "object"}], "nextUrl"}}, {@code timeout} in seconds), in pages of
 * {@link #PAGE_SIZE} events whose last event comes again at the start of the next page, as a feed that
 * repeats itself would send it.
 */
final class ChaturbateFeedStub implements AutoCloseable {

    static final int PAGE_SIZE = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String username = "cb_" + UUID.randomUUID().toString().substring(0, 8);
    private final String token = UUID.randomUUID().toString().replace("-", "");
    private final List<ObjectNode> events = new CopyOnWriteArrayList<>();
    /** Notified on every new event: a long poll waits on it rather than checking in a loop. */
    private final Object arrived = new Object();

    ChaturbateFeedStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/events/", this::page);
        server.start();
    }

    /** What tip-service needs to poll this feed (a plain-http host it would refuse in production). */
    Map<String, String> connectorEnvironment() {
        return Map.of("TIP_SERVICE_CONNECTOR_CHATURBATE_HOSTS", hostPort(),
                "TIP_SERVICE_CONNECTOR_ALLOW_INSECURE_HTTP", "true",
                "TIP_SERVICE_CONNECTOR_LONG_POLL_SECONDS", "1");
    }

    String eventsUrl() {
        return "http://" + hostPort() + "/events/" + username + "/" + token + "/";
    }

    void broadcast(String method) {
        add(method, JSON.createObjectNode().putObject("broadcaster").put("username", username));
    }

    void tip(String tipper, long tokens) {
        ObjectNode object = JSON.createObjectNode();
        object.putObject("tip").put("tokens", tokens).put("isAnon", false).put("message", "tip of " + tokens);
        object.putObject("user").put("username", tipper);
        add("tip", object);
    }

    private void add(String method, ObjectNode object) {
        ObjectNode event = JSON.createObjectNode();
        event.put("id", UUID.randomUUID().toString());
        event.put("method", method);
        event.set("object", object);
        events.add(event);
        synchronized (arrived) {
            arrived.notifyAll();
        }
    }

    private String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void page(HttpExchange exchange) throws IOException {
        String[] path = exchange.getRequestURI().getPath().split("/");
        if (path.length < 4 || !path[2].equals(username) || !path[3].equals(token)) {
            respond(exchange, 404, "{\"status\":\"not found\"}");
            return;
        }
        String query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
        int from = 0;
        int timeoutSeconds = 10;
        for (String pair : query.split("&")) {
            if (pair.startsWith("i=")) {
                from = Integer.parseInt(pair.substring(2));
            } else if (pair.startsWith("timeout=")) {
                timeoutSeconds = Integer.parseInt(pair.substring(8));
            }
        }
        long deadline = System.currentTimeMillis() + timeoutSeconds * 1000L;
        synchronized (arrived) {
            for (long left = deadline - System.currentTimeMillis(); events.size() <= from && left > 0;
                 left = deadline - System.currentTimeMillis()) {
                try {
                    arrived.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        int to = Math.min(events.size(), from + PAGE_SIZE);
        ArrayNode page = JSON.createArrayNode();
        events.subList(from, to).forEach(page::add);
        // The next page starts with this page's last event again: the connector must not count it twice.
        int next = to - from > 1 ? to - 1 : to;
        ObjectNode body = JSON.createObjectNode();
        body.set("events", page);
        body.put("nextUrl", "http://" + hostPort() + "/events/" + username + "/" + token + "/?i=" + next + "&timeout=1");
        respond(exchange, 200, JSON.writeValueAsString(body));
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
