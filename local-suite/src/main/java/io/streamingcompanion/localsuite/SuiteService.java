package io.streamingcompanion.localsuite;

import java.util.List;

/** A service of the suite as the launcher runs it: its module and its stable local port. */
public record SuiteService(String name, int defaultPort) {

    public static final List<SuiteService> ALL = List.of(
            new SuiteService("session-service", 8081),
            new SuiteService("tip-service", 8082),
            new SuiteService("goal-menu-service", 8083),
            new SuiteService("chatbot-tts-service", 8084),
            new SuiteService("realtime-gateway", 8085),
            new SuiteService("stream-token-service", 8086),
            new SuiteService("analytics-service", 8087));
}
