package io.streamingcompanion.localsuite.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamingcompanion.localsuite.LocalSuite;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The product target "tip recorded → tip_received on an overlay socket, p99 under 50 ms with 1,000 sockets
 * open", measured end to end on the real suite: every service its own process, real PostgreSQL, Kafka and
 * Redis, all traffic through the local origin, on loopback only. Run with {@code ./run-benchmark.sh}.
 *
 * <p>Latency of one delivery = the moment an overlay socket receives the tip's frame minus the moment the
 * {@code POST /api/tips} was sent. Every socket's delivery of every tip counts.
 */
public final class TipLatencyBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        System.setProperty("streaming.service-jit", "-XX:+TieredCompilation");
        Map<String, String> options = parse(args);
        int sockets = Integer.parseInt(options.getOrDefault("sockets", "1000"));
        // "origin" measures through the local edge router as a browser would; "gateway" connects the
        // overlays to the gateway directly, as they would behind a production ingress.
        boolean viaOrigin = options.getOrDefault("sockets-via", "gateway").equals("origin");
        int tips = Integer.parseInt(options.getOrDefault("tips", "200"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "30"));
        long pauseMillis = Long.parseLong(options.getOrDefault("pause-ms", "20"));
        Path root = Path.of(System.getProperty("streaming.home", ".")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("tip-latency-bench");

        System.out.printf("Starting the suite (work dir %s)...%n", work);
        try (LocalSuite suite = LocalSuite.start(LocalSuite.Options.ephemeral(root, work))) {
            Result result = run(suite, sockets, tips, warmup, pauseMillis, viaOrigin);
            String report = result.report(sockets, tips);
            System.out.println(report);
            Path out = root.resolve("local-suite/target/benchmark-tip-latency.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
            System.out.println("Written to " + out);
        }
    }

    record Result(long[] deliveryMicros, long[] postMicros, int missing, int joined) {

        String report(int sockets, int tips) {
            StringBuilder text = new StringBuilder();
            text.append(String.format("Tip → overlay latency, %d of %d overlay sockets joined, %d tips (%d deliveries, %d missing)%n",
                    joined, sockets, tips, deliveryMicros.length, missing));
            text.append(line("tip recorded → tip_received", deliveryMicros));
            text.append(line("POST /api/tips response", postMicros));
            text.append(String.format("Target: p99 of tip_received under 50 ms — %s%n",
                    percentile(deliveryMicros, 99) < 50_000 && missing == 0 && joined == sockets ? "MET" : "NOT MET"));
            return text.toString();
        }

        private static String line(String what, long[] micros) {
            return String.format("  %-30s p50 %7.1f ms   p95 %7.1f ms   p99 %7.1f ms   max %7.1f ms%n", what,
                    percentile(micros, 50) / 1000.0, percentile(micros, 95) / 1000.0, percentile(micros, 99) / 1000.0,
                    micros.length == 0 ? 0 : Arrays.stream(micros).max().getAsLong() / 1000.0);
        }

        static long percentile(long[] values, int percentile) {
            if (values.length == 0) {
                return Long.MAX_VALUE;
            }
            long[] sorted = values.clone();
            Arrays.sort(sorted);
            int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
        }
    }

    static Result run(LocalSuite suite, int sockets, int tips, int warmup, long pauseMillis, boolean viaOrigin) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String creator = "bench-" + System.nanoTime();
        String token = suite.tokenFor(creator);
        String overlayPath = JSON.readTree(send(http, suite, "GET", "/api/overlay/key", token, null).body())
                .path("socketPath").asText();
        String sessionId = JSON.readTree(send(http, suite, "POST", "/api/sessions", token, "{\"platform\":\"other\"}").body())
                .path("id").asText();

        Vertx vertx = Vertx.vertx();
        try {
            WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
                    .setMaxConnections(sockets + 10).setConnectTimeout(10_000));
            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            List<Long> deliveries = java.util.Collections.synchronizedList(new ArrayList<>());
            AtomicInteger joined = new AtomicInteger();
            List<Future<WebSocket>> connecting = new ArrayList<>();
            for (int i = 0; i < sockets; i++) {
                int port = viaOrigin ? suite.routerPort() : suite.servicePorts().get("realtime-gateway");
                connecting.add(client.connect(port, "127.0.0.1", overlayPath).onSuccess(socket ->
                        socket.textMessageHandler(text -> {
                            long now = System.nanoTime();
                            try {
                                JsonNode frame = JSON.readTree(text);
                                String event = frame.path("event").asText();
                                if (event.equals("joined_overlay")) {
                                    joined.incrementAndGet();
                                } else if (event.equals("tip_received")) {
                                    String message = frame.path("data").path("tip").path("message").asText();
                                    Long sent = sentAt.get(message);
                                    if (sent != null) {
                                        deliveries.add((now - sent) / 1000);
                                    }
                                }
                            } catch (Exception e) {
                                // a frame we do not measure
                            }
                        })));
                if (i % 100 == 99) {
                    Future.join(new ArrayList<>(connecting)).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
                }
            }
            Future.join(new ArrayList<>(connecting)).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (joined.get() < sockets && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
            System.out.printf("%d of %d overlay sockets joined%n", joined.get(), sockets);

            for (int i = 0; i < warmup; i++) {
                postTip(http, suite, token, sessionId, "warmup-" + i, new ConcurrentHashMap<>());
                TimeUnit.MILLISECONDS.sleep(pauseMillis);
            }
            TimeUnit.SECONDS.sleep(2);
            deliveries.clear();
            long[] posts = new long[tips];
            for (int i = 0; i < tips; i++) {
                posts[i] = postTip(http, suite, token, sessionId, "tip-" + i, sentAt);
                TimeUnit.MILLISECONDS.sleep(pauseMillis);
            }
            TimeUnit.SECONDS.sleep(5);
            long[] measured;
            synchronized (deliveries) {
                measured = deliveries.stream().mapToLong(Long::longValue).toArray();
            }
            int missing = tips * joined.get() - measured.length;
            return new Result(measured, posts, missing, joined.get());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static long postTip(HttpClient http, LocalSuite suite, String token, String sessionId, String message,
                                Map<String, Long> sentAt) throws Exception {
        String body = "{\"sessionId\":\"" + sessionId + "\",\"amountCents\":100,\"tipperName\":\"bench\",\"message\":\"" + message + "\"}";
        long started = System.nanoTime();
        sentAt.put(message, started);
        HttpResponse<String> response = send(http, suite, "POST", "/api/tips", token, body);
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Tip refused: " + response.statusCode() + " " + response.body());
        }
        return (System.nanoTime() - started) / 1000;
    }

    private static HttpResponse<String> send(HttpClient http, LocalSuite suite, String method, String path, String token,
                                             String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(suite.baseUrl() + path))
                .header("Authorization", "Bearer " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        return options;
    }
}
