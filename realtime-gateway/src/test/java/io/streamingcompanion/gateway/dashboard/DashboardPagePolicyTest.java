package io.streamingcompanion.gateway.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcompanion.gateway.config.GatewayConfig;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DashboardPagePolicyTest {

    private static GatewayConfig.Dashboard dashboard(String livekit, String issuer) {
        return new GatewayConfig.Dashboard() {
            @Override
            public boolean devSignIn() {
                return false;
            }

            @Override
            public Optional<String> oidcIssuer() {
                return Optional.ofNullable(issuer);
            }

            @Override
            public String oidcClientId() {
                return "streaming-dashboard";
            }

            @Override
            public Optional<String> livekitUrl() {
                return Optional.ofNullable(livekit);
            }
        };
    }

    private static String connectSources(String policy) {
        String connect = policy.substring(policy.indexOf("connect-src ") + "connect-src ".length());
        return connect.substring(0, connect.indexOf(';'));
    }

    @Test
    void connectionsGoToThisOriginTheLivekitServerOverBothSchemesAndTheIssuerOnly() {
        assertEquals("'self' wss://livekit.example.com https://livekit.example.com https://auth.example.com",
                connectSources(DashboardPage.contentSecurityPolicy(
                        dashboard("https://livekit.example.com", "https://auth.example.com/realms/streaming"))));
        assertEquals("'self' ws://localhost:7880 http://localhost:7880",
                connectSources(DashboardPage.contentSecurityPolicy(dashboard("ws://localhost:7880/", null))));
        assertEquals("'self'", connectSources(DashboardPage.contentSecurityPolicy(dashboard(null, null))));
    }

    @Test
    void aConfiguredUrlCannotSmuggleMoreSourcesIntoThePolicy() {
        assertThrows(IllegalArgumentException.class, () -> DashboardPage.contentSecurityPolicy(
                dashboard("wss://lk.example.com; script-src *", null)));
        String policy = DashboardPage.contentSecurityPolicy(dashboard("wss://lk.example.com/path?x=1", null));
        assertTrue(policy.contains("connect-src 'self' wss://lk.example.com https://lk.example.com;"), policy);
    }
}
