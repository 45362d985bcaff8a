package io.streamingcompanion.localsuite;

import java.util.List;

/**
 * A service of the suite as the launcher runs it: its module, its stable local port, whether the origin
 * reaches it over a Unix domain socket, and the variable that tells it where to take over its clients' WebSockets
 * from the origin ({@link WebSocketHandoff}), if it does. The gateway does both: a WebSocket handed over is served
 * by the gateway alone, and whatever still goes through the origin (its HTTP requests, a relayed socket) skips
 * the TCP stack that a loopback write goes through twice.
 */
public record SuiteService(String name, int defaultPort, boolean domainSocket, String socketHandoffVariable) {

    public static final List<SuiteService> ALL = List.of(
            new SuiteService("session-service", 8081, false, null),
            new SuiteService("tip-service", 8082, false, null),
            new SuiteService("goal-menu-service", 8083, false, null),
            new SuiteService("chatbot-tts-service", 8084, false, null),
            new SuiteService("realtime-gateway", 8085, true, "GATEWAY_SOCKET_HANDOFF_PATH"),
            new SuiteService("stream-token-service", 8086, false, null),
            new SuiteService("analytics-service", 8087, false, null));
}
