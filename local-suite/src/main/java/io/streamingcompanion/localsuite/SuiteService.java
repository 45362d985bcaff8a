package io.streamingcompanion.localsuite;

import java.util.List;

/**
 * A service of the suite as the launcher runs it: its module, its stable local port, whether the origin
 * reaches it over a Unix domain socket, and the variable that tells it where to take over its clients' WebSockets
 * from the origin ({@link WebSocketHandoff}), if it does. The gateway does both: a WebSocket handed over is served
 * by the gateway alone, and whatever still goes through the origin (its HTTP requests, a relayed socket) skips
 * the TCP stack that a loopback write goes through twice.
 *
 * <p>{@code shallowInlining}: C2 inlines less deep than JDK 17's defaults ({@link #SHALLOW_INLINING}), as deployed.
 * The event consumers' reactive chains (Kafka, Vert.x, the SQL client, Hibernate) then compile in far less time
 * for the same code speed. The gateway is the exception: its hot loop is a short, deep Netty write path per socket,
 * where the JDK's default inlining pays (docs/architecture.md "Performance").
 */
public record SuiteService(String name, int defaultPort, boolean domainSocket, String socketHandoffVariable,
                           boolean shallowInlining) {

    /** The JVM options of {@code shallowInlining}; deploy/ and docker-compose.yml give the same ones. */
    public static final List<String> SHALLOW_INLINING = List.of("-XX:MaxInlineLevel=9", "-XX:InlineSmallCode=1500");

    public static final List<SuiteService> ALL = List.of(
            new SuiteService("session-service", 8081, false, null, true),
            new SuiteService("tip-service", 8082, false, null, true),
            new SuiteService("goal-menu-service", 8083, false, null, true),
            new SuiteService("chatbot-tts-service", 8084, false, null, true),
            new SuiteService("realtime-gateway", 8085, true, "GATEWAY_SOCKET_HANDOFF_PATH", false),
            new SuiteService("stream-token-service", 8086, false, null, true),
            new SuiteService("analytics-service", 8087, false, null, true));
}
