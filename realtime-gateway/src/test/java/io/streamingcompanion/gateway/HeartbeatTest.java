package io.streamingcompanion.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.streamingcompanion.testsupport.TestTokens;
import io.streamingcompanion.testsupport.WebSocketTestClient;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
@WithTestResource(SessionServiceStub.class)
class HeartbeatTest {

    @TestHTTPResource("/streaming")
    URI streaming;

    @Test
    void aLiveClientIsPingedAndStaysConnected() {
        try (var socket = WebSocketTestClient.withBearer(URI.create(streaming.toString().replaceFirst("^http", "ws")),
                TestTokens.creator("creator-" + UUID.randomUUID()))) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> socket.pingsReceived() >= 3);
            // Well past the dead-after of 4 s: answering pings kept it open.
            Awaitility.await().pollDelay(Duration.ofSeconds(5)).until(() -> true);
            assertFalse(socket.isClosed());
        }
    }

    @Test
    void aClientThatStopsAnsweringIsClosedByTheServer() throws Exception {
        try (Socket raw = new Socket(streaming.getHost(), streaming.getPort())) {
            raw.setSoTimeout(15_000);
            String handshake = "GET /streaming HTTP/1.1\r\n"
                    + "Host: " + streaming.getHost() + ":" + streaming.getPort() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(new byte[16]) + "\r\n"
                    + "Sec-WebSocket-Version: 13\r\n"
                    + "Authorization: Bearer " + TestTokens.creator("creator-" + UUID.randomUUID()) + "\r\n\r\n";
            OutputStream out = raw.getOutputStream();
            out.write(handshake.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = raw.getInputStream();
            String status = readLine(in);
            assertTrue(status.startsWith("HTTP/1.1 101"), status);
            // Never answer a ping: the server must give up on this socket and close it.
            long started = System.nanoTime();
            while (in.read() != -1) {
                if (Duration.ofNanos(System.nanoTime() - started).toSeconds() > 14) {
                    throw new AssertionError("The server kept a silent socket open");
                }
            }
            assertEquals(-1, in.read());
        }
    }

    private static String readLine(InputStream in) throws Exception {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            line.append((char) c);
        }
        return line.toString().trim();
    }
}
