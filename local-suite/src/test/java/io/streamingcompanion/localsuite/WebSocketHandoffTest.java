package io.streamingcompanion.localsuite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The origin hands a WebSocket's connection to a service that takes sockets (the gateway in the suite) and steps
 * out of its path, and relays it as before whenever the service does not take it: not listening, closing before it
 * asks for the socket, or giving the descriptor back.
 */
class WebSocketHandoffTest {

    private static HandoffServiceStub service;
    private static RouterFixture handingOver;
    private static RouterFixture nobodyTakes;
    private static Vertx clientVertx;
    private static WebSocketClient sockets;

    @BeforeAll
    static void start() throws Exception {
        service = new HandoffServiceStub();
        handingOver = RouterFixture.handingOverTo(service.socket());
        nobodyTakes = RouterFixture.handingOverTo(Files.createTempDirectory("no-handoff").resolve("nobody.handoff"));
        clientVertx = Vertx.vertx();
        sockets = clientVertx.createWebSocketClient();
    }

    @AfterAll
    static void stop() throws Exception {
        clientVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        handingOver.close();
        nobodyTakes.close();
        service.close();
    }

    @Test
    void aServiceThatTakesTheSocketServesItWithoutTheOrigin() throws Exception {
        service.behave(HandoffServiceStub.Behaviour.TAKE);
        service.heads().clear();
        int relayedBefore = handingOver.upstream().upgrades().size();

        WebSocket socket = connect(handingOver, new WebSocketConnectOptions().setURI("/streaming/overlay?key=k-1")
                .addHeader("X-Forwarded-For", "203.0.113.9").addHeader("Authorization", "Bearer t"));

        assertEquals(HandoffServiceStub.GREETING, exchange(socket, "hello"));
        assertEquals(relayedBefore, handingOver.upstream().upgrades().size(), "the origin relayed it as well");
        String head = service.heads().poll();
        assertNotNull(head);
        assertTrue(head.startsWith("GET /streaming/overlay?key=k-1 HTTP/1.1\r\n"), head);
        assertTrue(head.contains("\r\nAuthorization: Bearer t\r\n"), head);
        assertTrue(head.contains("\r\nX-Forwarded-For: 127.0.0.1\r\n"), head);
        assertFalse(head.contains("203.0.113.9"), "a client's own X-Forwarded-For reached the service: " + head);
        assertTrue(head.endsWith("\r\n\r\n"), head);
        socket.close();
    }

    @Test
    void aServiceThatClosesBeforeAskingForTheSocketLeavesItToTheRelay() throws Exception {
        service.behave(HandoffServiceStub.Behaviour.CLOSE_BEFORE_ASKING);
        assertRelayed(handingOver);
    }

    @Test
    void aServiceThatGivesTheDescriptorBackLeavesTheSocketToTheRelay() throws Exception {
        service.behave(HandoffServiceStub.Behaviour.CLOSE_AFTER_DESCRIPTOR);
        assertRelayed(handingOver);
    }

    @Test
    void withNobodyListeningTheOriginRelays() throws Exception {
        assertRelayed(nobodyTakes);
    }

    private static void assertRelayed(RouterFixture fixture) throws Exception {
        int relayedBefore = fixture.upstream().upgrades().size();
        WebSocket socket = connect(fixture, new WebSocketConnectOptions().setURI("/streaming/relayed"));
        // The upstream stub echoes: the same socket, now relayed, works both ways.
        assertEquals("hello", exchange(socket, "hello"));
        assertEquals("again", exchange(socket, "again"));
        assertEquals(relayedBefore + 1, fixture.upstream().upgrades().size());
        socket.close();
    }

    private static WebSocket connect(RouterFixture fixture, WebSocketConnectOptions options) throws Exception {
        return sockets.connect(options.setHost("127.0.0.1").setPort(fixture.routerPort()))
                .toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }

    private static String exchange(WebSocket socket, String message) throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        socket.textMessageHandler(reply::complete);
        socket.writeTextMessage(message);
        return reply.get(5, TimeUnit.SECONDS);
    }
}
