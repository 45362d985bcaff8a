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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Frames that are no command, oversized messages and floods: an answer or a deliberate close, never an exception. */
@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
@WithTestResource(SessionServiceStub.class)
class SocketLimitsTest {

    @TestHTTPResource("/streaming")
    URI streaming;

    @TestHTTPResource("/streaming/overlay")
    URI overlay;

    private UnhandledFailureWatcher log;

    @BeforeEach
    void watchLog() {
        log = UnhandledFailureWatcher.start();
    }

    /** Whatever a test sent, the gateway answered or closed on purpose: nothing was an unhandled failure. */
    @AfterEach
    void nothingUnhandled() {
        log.close();
        assertEquals(List.of(), log.problems());
    }

    private WebSocketTestClient dashboard() {
        return WebSocketTestClient.withBearer(URI.create(streaming.toString().replaceFirst("^http", "ws")),
                TestTokens.creator("creator-" + UUID.randomUUID()));
    }

    private WebSocketTestClient overlaySocket() {
        return WebSocketTestClient.anonymous(URI.create(overlay.toString().replaceFirst("^http", "ws")));
    }

    @Test
    void framesThatAreNoCommandGetAnErrorAndTheSocketStaysOpen() {
        for (var socket : List.of(dashboard(), overlaySocket())) {
            try (socket) {
                List<String> frames = List.of("null", "", "[]", "42", "\"join_session\"", "{\"event\":null}",
                        "{\"event\":7}", "{\"data\":{}}", "{\"event\":\"a\\u0000\"}", "{\"event\":\"leave_overlay\"");
                for (String frame : frames) {
                    socket.sendRaw(frame);
                }
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> socket.frames("error").size() >= frames.size());
                assertTrue(socket.frames("error").stream().allMatch(error -> error.path("code").asText().equals("invalid_message")),
                        socket.frames("error").toString());
                socket.sendBinary(new byte[] {1, 2, 3});
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> socket.frames("error").size() > frames.size());
                assertEquals("invalid_message", socket.frames("error").get(frames.size()).path("code").asText());
                assertFalse(socket.isClosed(), "the socket stays usable");
            }
        }
    }

    @Test
    void anOversizedMessageClosesTheSocketWithMessageTooBig() {
        try (var socket = dashboard()) {
            // Two frames each below the frame limit, together above the message limit (64 KiB).
            String half = "x".repeat(40_000);
            socket.sendFragmented(List.of("{\"event\":\"add_tip\",\"data\":{\"message\":\"" + half, half + "\"}}"));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(socket::isClosed);
            assertEquals(1009, socket.closeCode());
        }
    }

    @Test
    void aSingleFrameAboveTheFrameLimitClosesTheSocketWithMessageTooBig() throws Exception {
        try (Socket raw = new Socket(overlay.getHost(), overlay.getPort())) {
            raw.setSoTimeout(10_000);
            OutputStream out = raw.getOutputStream();
            out.write(("GET /streaming/overlay HTTP/1.1\r\nHost: " + overlay.getHost() + ":" + overlay.getPort() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(new byte[16]) + "\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = raw.getInputStream();
            assertTrue(readLine(in).startsWith("HTTP/1.1 101"));
            while (!readLine(in).isEmpty()) {
                // response headers
            }
            // One unfragmented text frame of 70,000 bytes (64-bit length), masked with a zero key as a client must.
            int length = 70_000;
            out.write(new byte[] {(byte) 0x81, (byte) (0x80 | 127), 0, 0, 0, 0, 0, (byte) (length >> 16), (byte) (length >> 8),
                    (byte) length, 0, 0, 0, 0});
            try {
                out.write("x".repeat(length).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                int first = in.read();
                if (first != -1) {
                    assertEquals(8, first & 0x0F, "a close frame");
                    assertTrue((in.read() & 0x7F) >= 2);
                    assertEquals(1009, (in.read() << 8) | in.read());
                }
            } catch (java.net.SocketException resetWhileWriting) {
                // The server closed after 64 KiB, before the client had written all of it: closed all the same.
            }
            assertEquals(-1, readRest(in), "the connection is closed");
        }
    }

    private static int readRest(InputStream in) {
        try {
            while (in.read() != -1) {
                // whatever the server still sent
            }
            return -1;
        } catch (java.io.IOException reset) {
            return -1;
        }
    }

    @Test
    void aFloodIsAnsweredWithRateLimitedAndThenClosedAsAPolicyViolation() {
        try (var socket = dashboard()) {
            String frame = "{\"event\":\"leave_session\",\"data\":{}}";
            for (int i = 0; i < 1_500 && !socket.isClosed(); i++) {
                try {
                    socket.sendRaw(frame);
                } catch (RuntimeException closedMeanwhile) {
                    break;
                }
            }
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(socket::isClosed);
            assertTrue(socket.frames("error").stream().anyMatch(error -> error.path("code").asText().equals("rate_limited")));
            assertEquals(1008, socket.closeCode());
        }
    }

    @Test
    void aSocketWithinTheRateIsNeverLimited() throws Exception {
        try (var socket = dashboard()) {
            for (int i = 0; i < 30; i++) {
                socket.send("leave_session", Map.of());
                Thread.sleep(20);
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> socket.frames("error").size() == 30);
            assertTrue(socket.frames("error").stream().allMatch(error -> error.path("code").asText().equals("invalid_session_id")));
        }
    }

    /**
     * Quarkus refuses such an upgrade with 400 before any socket exists; should a malformed escape ever get
     * through, the socket answers it with an error frame instead of failing in its open callback.
     */
    @Test
    void aMalformedKeyInTheSocketUrlIsAnsweredNotThrown() throws Exception {
        try (Socket raw = new Socket(overlay.getHost(), overlay.getPort())) {
            raw.setSoTimeout(10_000);
            String handshake = "GET /streaming/overlay?key=% HTTP/1.1\r\n"
                    + "Host: " + overlay.getHost() + ":" + overlay.getPort() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(new byte[16]) + "\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n";
            OutputStream out = raw.getOutputStream();
            out.write(handshake.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = raw.getInputStream();
            String status = readLine(in);
            if (status.startsWith("HTTP/1.1 400")) {
                return;
            }
            assertTrue(status.startsWith("HTTP/1.1 101"), status);
            while (!readLine(in).isEmpty()) {
                // response headers
            }
            int opcode = in.read() & 0x0F;
            int length = in.read() & 0x7F;
            if (length == 126) {
                length = (in.read() << 8) | in.read();
            }
            String payload = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            assertEquals(1, opcode, "a text frame, not a close frame: " + payload);
            assertTrue(payload.contains("\"invalid_overlay_key\""), payload);
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
