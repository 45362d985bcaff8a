package io.streamingcompanion.localsuite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcompanion.localsuite.RouteTable.Route;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private final RouteTable routes = RouteTable.load();

    private String serviceFor(String path) {
        return routes.route(path).map(Route::service).orElse(null);
    }

    @Test
    void everyApiPrefixGoesToItsOwningService() {
        assertEquals("session-service", serviceFor("/api/sessions"));
        assertEquals("session-service", serviceFor("/api/sessions/123/end"));
        assertEquals("session-service", serviceFor("/api/overlay/key/rotate"));
        assertEquals("tip-service", serviceFor("/api/tips"));
        assertEquals("tip-service", serviceFor("/api/connectors/chaturbate/pause"));
        assertEquals("goal-menu-service", serviceFor("/api/menu/public/alice"));
        assertEquals("goal-menu-service", serviceFor("/api/animations/trigger"));
        assertEquals("chatbot-tts-service", serviceFor("/api/tts/voices"));
        assertEquals("stream-token-service", serviceFor("/api/viewer/token"));
        assertEquals("stream-token-service", serviceFor("/api/livekit/webhook"));
        assertEquals("analytics-service", serviceFor("/api/analytics/summary"));
        assertEquals("realtime-gateway", serviceFor("/streaming"));
        assertEquals("realtime-gateway", serviceFor("/streaming/overlay"));
    }

    @Test
    void prefixesMatchWholeSegmentsOnly() {
        assertEquals(null, serviceFor("/api/tipsy"));
        assertEquals(null, serviceFor("/streamingx"));
        assertEquals(null, serviceFor("/q/health"));
        assertEquals(null, serviceFor("/internal/overlay-keys/abc"));
        assertEquals(null, serviceFor("/livestream"));
        assertEquals(null, serviceFor("/watchers"));
    }

    @Test
    void theDashboardsPageFilesAndClientRoutesGoToTheGatewayAndShadowNothing() {
        assertEquals("realtime-gateway", serviceFor("/"));
        assertEquals("realtime-gateway", serviceFor("/dashboard-config.json"));
        assertEquals("realtime-gateway", serviceFor("/assets/index-abc123.js"));
        assertEquals("realtime-gateway", serviceFor("/live"));
        assertEquals("realtime-gateway", serviceFor("/go-live"));
        assertEquals("realtime-gateway", serviceFor("/watch/alice"));
        // "/" is an exact path: it is no catch-all for paths nobody serves.
        assertEquals(null, serviceFor("/anything-else"));
        assertEquals(null, serviceFor("/api/unknown"));
        assertEquals("goal-menu-service", serviceFor("/api/menu/public/alice"));
        assertEquals("realtime-gateway", serviceFor("/overlay"));
    }

    @Test
    void everyRouteTargetsAServiceTheLauncherRuns() {
        var names = SuiteService.ALL.stream().map(SuiteService::name).toList();
        for (Route route : routes.routes()) {
            assertTrue(names.contains(route.service()), route + " targets an unknown service");
        }
    }
}
