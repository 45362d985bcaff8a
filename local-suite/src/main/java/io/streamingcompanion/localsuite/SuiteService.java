package io.streamingcompanion.localsuite;

import java.util.List;

/**
 * A service of the suite as the launcher runs it: its module, its stable local port, and whether the origin
 * reaches it over a Unix domain socket. The gateway's does: it writes every frame of a fan-out to the origin,
 * and a domain socket write skips the TCP stack that a loopback write goes through twice (sender and receiver),
 * a third of the gateway's CPU under a tip's fan-out to 1,000 sockets.
 */
public record SuiteService(String name, int defaultPort, boolean domainSocket) {

    public static final List<SuiteService> ALL = List.of(
            new SuiteService("session-service", 8081, false),
            new SuiteService("tip-service", 8082, false),
            new SuiteService("goal-menu-service", 8083, false),
            new SuiteService("chatbot-tts-service", 8084, false),
            new SuiteService("realtime-gateway", 8085, true),
            new SuiteService("stream-token-service", 8086, false),
            new SuiteService("analytics-service", 8087, false));
}
