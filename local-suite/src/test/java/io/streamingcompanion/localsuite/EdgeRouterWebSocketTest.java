package io.streamingcompanion.localsuite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.UnixOperatingSystemMXBean;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * WebSockets through the origin: as many as the machine allows, each closing its upstream when it closes,
 * carrying what the gateway needs (token sub-protocol, Authorization, forwarded headers), and never taking
 * HTTP requests down with them.
 */
class EdgeRouterWebSocketTest {

    private static final int WANTED_SOCKETS = 3_000;
    /** Each socket through the router costs four descriptors in this JVM: client, router (both sides), upstream. */
    private static final int DESCRIPTORS_PER_SOCKET = 4;
    private static final int CONNECTING_AT_ONCE = 500;
    private static final Duration PROMPTLY = Duration.ofSeconds(3);

    private static RouterFixture fixture;
    private static Vertx clientVertx;
    private static WebSocketClient sockets;
    private static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        fixture = RouterFixture.overDomainSocket();
        clientVertx = Vertx.vertx();
        sockets = clientVertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(Integer.MAX_VALUE).setConnectTimeout(10_000));
        http = clientVertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(4));
    }

    @AfterAll
    static void stop() throws Exception {
        clientVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        fixture.close();
    }

    @Test
    @Timeout(120)
    void thousandsOfSocketsComeAndGoAndHttpKeepsAnswering() throws Exception {
        int count = socketBudget();
        UpstreamStub upstream = fixture.upstream();
        int openedBefore = upstream.socketsOpened();
        int closedBefore = upstream.socketsClosed();
        long descriptorsBefore = openDescriptors();
        long started = System.nanoTime();

        List<WebSocket> open = new ArrayList<>(count);
        for (int first = 0; first < count; first += CONNECTING_AT_ONCE) {
            List<CompletableFuture<WebSocket>> batch = new ArrayList<>();
            for (int i = first; i < Math.min(count, first + CONNECTING_AT_ONCE); i++) {
                batch.add(connectAndEcho("/streaming/overlay?key=k" + i, "hello " + i));
            }
            for (CompletableFuture<WebSocket> socket : batch) {
                open.add(socket.get(20, TimeUnit.SECONDS));
            }
        }
        long opened = System.nanoTime();

        assertEquals(count, open.size());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> upstream.socketsOpened() - openedBefore == count);
        assertHttpAnswersPromptly("with " + count + " sockets open");

        AtomicInteger clientsClosed = new AtomicInteger();
        open.forEach(socket -> {
            socket.closeHandler(v -> clientsClosed.incrementAndGet());
            socket.close((short) 1000, "bye");
        });
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> upstream.socketsClosed() - closedBefore == count);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> clientsClosed.get() == count);
        long closed = System.nanoTime();

        assertHttpAnswersPromptly("after " + count + " sockets came and went");
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> openDescriptors() < descriptorsBefore + 100);
        System.out.printf("%d sockets through the router: all open and echoed in %d ms, all closed upstream %d ms later%n",
                count, TimeUnit.NANOSECONDS.toMillis(opened - started), TimeUnit.NANOSECONDS.toMillis(closed - opened));
    }

    @Test
    void theTokenSubProtocolReachesTheGatewayAndTheOriginAnswersWithTheCarrier() throws Exception {
        String carrier = "quarkus-http-upgrade#Authorization#Bearer%20token-123";
        WebSocket socket = connect(new WebSocketConnectOptions().setURI("/streaming").setAllowOriginHeader(false)
                .setSubProtocols(List.of("bearer-token-carrier", carrier)));

        assertEquals("bearer-token-carrier", socket.subProtocol());
        UpstreamStub.Seen upgrade = lastUpgrade("/streaming");
        assertEquals(List.of("bearer-token-carrier", carrier),
                Stream.of(upgrade.headers().get("Sec-WebSocket-Protocol").split(",")).map(String::trim).toList());
        assertNull(upgrade.headers().get("Origin"), "the router invents no Origin");
        assertEcho(socket, "still talking");
        close(socket);
    }

    @Test
    void authorizationHostAndForwardedHeadersReachTheGateway() throws Exception {
        WebSocket socket = connect(new WebSocketConnectOptions().setURI("/streaming?from=test")
                .addHeader("Authorization", "Bearer token-456").addHeader("Origin", "http://localhost:8080"));

        UpstreamStub.Seen upgrade = lastUpgrade("/streaming?from=test");
        assertEquals("Bearer token-456", upgrade.headers().get("Authorization"));
        assertEquals("127.0.0.1:" + fixture.routerPort(), upgrade.headers().get("Host"));
        assertEquals("127.0.0.1", upgrade.headers().get("X-Forwarded-For"));
        assertEquals("http", upgrade.headers().get("X-Forwarded-Proto"));
        assertEquals("http://localhost:8080", upgrade.headers().get("Origin"));
        close(socket);
    }

    @Test
    void aClientsCloseCodeAndReasonReachTheGateway() throws Exception {
        UpstreamStub upstream = fixture.upstream();
        WebSocket socket = connect(new WebSocketConnectOptions().setURI("/streaming"));
        int closedBefore = upstream.socketsClosed();
        upstream.closures().clear();

        socket.close((short) 4001, "client done");

        Awaitility.await().atMost(PROMPTLY).until(() -> upstream.socketsClosed() > closedBefore);
        assertEquals(new UpstreamStub.Closure((short) 4001, "client done"), upstream.closures().peek());
    }

    @Test
    void theGatewaysCloseCodeAndReasonReachTheClient() throws Exception {
        WebSocket socket = connect(new WebSocketConnectOptions().setURI("/streaming"));
        CompletableFuture<UpstreamStub.Closure> closure = new CompletableFuture<>();
        socket.closeHandler(v -> closure.complete(new UpstreamStub.Closure(socket.closeStatusCode(), socket.closeReason())));

        socket.writeTextMessage("close 4002 session ended");

        assertEquals(new UpstreamStub.Closure((short) 4002, "session ended"), closure.get(3, TimeUnit.SECONDS));
    }

    @Test
    void aClientThatVanishesWithoutAClosingHandshakeClosesItsUpstream() throws Exception {
        UpstreamStub upstream = fixture.upstream();
        int openedBefore = upstream.socketsOpened();
        int closedBefore = upstream.socketsClosed();
        try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), fixture.routerPort())) {
            raw.setSoTimeout(5_000);
            OutputStream out = raw.getOutputStream();
            out.write(("GET /streaming HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            assertTrue(readHead(raw.getInputStream()).startsWith("HTTP/1.1 101"));
            Awaitility.await().atMost(PROMPTLY).until(() -> upstream.socketsOpened() > openedBefore);
        }

        Awaitility.await().atMost(PROMPTLY).until(() -> upstream.socketsClosed() > closedBefore);
    }

    @Test
    void pingsAndPongsCrossTheRouterBothWays() throws Exception {
        WebSocket socket = connect(new WebSocketConnectOptions().setURI("/streaming"));
        CompletableFuture<String> pingFromGateway = new CompletableFuture<>();
        socket.frameHandler(frame -> {
            if (frame.isPing()) {
                pingFromGateway.complete(frame.binaryData().toString());
            }
        });
        fixture.upstream().pingsReceived().clear();

        socket.writePing(Buffer.buffer("are you there"));
        socket.writeTextMessage("ping still here");

        Awaitility.await().atMost(PROMPTLY).until(() -> fixture.upstream().pingsReceived().contains("are you there"));
        assertEquals("still here", pingFromGateway.get(3, TimeUnit.SECONDS));
        close(socket);
    }

    @Test
    void binaryMessagesCrossUnchanged() throws Exception {
        WebSocket socket = connect(new WebSocketConnectOptions().setURI("/streaming"));
        byte[] payload = new byte[200_000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        CompletableFuture<Buffer> echoed = new CompletableFuture<>();
        socket.binaryMessageHandler(echoed::complete);

        socket.writeBinaryMessage(Buffer.buffer(payload));

        assertEquals(Buffer.buffer(payload), echoed.get(5, TimeUnit.SECONDS));
        close(socket);
    }

    @Test
    void anUpgradeTheGatewayRefusesIsAnsweredWithItsStatus() throws Exception {
        UpgradeRejectedException unauthorized = rejected("/streaming/refuse-401");
        assertEquals(401, unauthorized.getStatus());
        assertEquals("Bearer", unauthorized.getHeaders().get("WWW-Authenticate"));
        assertEquals("{\"refused\":401}", unauthorized.getBody().toString());

        assertEquals(403, rejected("/streaming/refuse-403").getStatus());
        assertEquals(404, rejected("/nowhere").getStatus());
        UpgradeRejectedException unreachable = rejected("/gone");
        assertEquals(503, unreachable.getStatus());
        assertEquals("1", unreachable.getHeaders().get("Retry-After"));
        assertHttpAnswersPromptly("after refused upgrades");
    }

    private static CompletableFuture<WebSocket> connectAndEcho(String uri, String message) {
        return sockets.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(fixture.routerPort()).setURI(uri))
                .compose(socket -> {
                    Future<String> reply = Future.future(promise -> socket.textMessageHandler(promise::tryComplete));
                    socket.writeTextMessage(message);
                    return reply.map(text -> {
                        if (!text.equals(message)) {
                            throw new IllegalStateException("Expected the echo of " + message + ", got " + text);
                        }
                        return socket;
                    });
                }).toCompletionStage().toCompletableFuture();
    }

    private static WebSocket connect(WebSocketConnectOptions options) throws Exception {
        return sockets.connect(options.setHost("127.0.0.1").setPort(fixture.routerPort()))
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static void assertEcho(WebSocket socket, String message) throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        socket.textMessageHandler(reply::complete);
        socket.writeTextMessage(message);
        assertEquals(message, reply.get(3, TimeUnit.SECONDS));
    }

    private static void close(WebSocket socket) throws Exception {
        socket.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static UpstreamStub.Seen lastUpgrade(String uri) {
        List<UpstreamStub.Seen> upgrades = fixture.upstream().upgrades();
        UpstreamStub.Seen last = upgrades.get(upgrades.size() - 1);
        assertEquals(uri, last.uri());
        return last;
    }

    private static UpgradeRejectedException rejected(String uri) throws Exception {
        try {
            connect(new WebSocketConnectOptions().setURI(uri));
        } catch (ExecutionException e) {
            return assertInstanceOf(UpgradeRejectedException.class, e.getCause(), uri);
        }
        throw new AssertionError(uri + " was upgraded");
    }

    private static void assertHttpAnswersPromptly(String when) throws Exception {
        String body = http.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
                        .setPort(fixture.routerPort()).setURI("/overlay"))
                .compose(request -> request.send().compose(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("HTTP " + response.statusCode());
                    }
                    return response.body();
                }))
                .toCompletionStage().toCompletableFuture().get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS).toString();
        assertEquals("{\"uri\":\"/overlay\",\"body\":\"\"}", body, when);
    }

    /** As many sockets as wanted, if the descriptor limit leaves room for them with a margin. */
    private static int socketBudget() throws IOException {
        var os = (UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long spare = os.getMaxFileDescriptorCount() - openDescriptors() - 1_000;
        int budget = (int) Math.min(WANTED_SOCKETS, spare / DESCRIPTORS_PER_SOCKET);
        assertTrue(budget >= 1_000, "ulimit -n leaves room for only " + budget + " sockets");
        return budget;
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            return descriptors.count();
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
