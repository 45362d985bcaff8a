package io.streamingcompanion.streamtoken;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points the service at {@link FakeLiveKit} with the fake's random API credentials. Every test class of the
 * module carries this and {@code EmbeddedInfrastructureResource}, so Quarkus starts the application once.
 */
public class FakeLiveKitResource implements QuarkusTestResourceLifecycleManager {

    /** What browsers are told to connect to; differs from the API URL on purpose. */
    public static final String PUBLIC_URL = "wss://live.streaming-companion.test";

    @Override
    public Map<String, String> start() {
        FakeLiveKit liveKit = FakeLiveKit.shared();
        return Map.of(
                // As LiveKit documents it (ws://); the service must call the API over http:// on the same host.
                "livekit.url", "ws://127.0.0.1:" + liveKit.port(),
                "livekit.public-url", PUBLIC_URL,
                "livekit.api-key", FakeLiveKit.API_KEY,
                "livekit.api-secret", FakeLiveKit.API_SECRET,
                "livekit.api-timeout", "3s",
                // So that a test sees the cleanup of old webhook ids run (retention stays at its 7 days).
                "livekit.webhook-cleanup-every", "2s");
    }

    @Override
    public void stop() {
        // Shared by every test class of the JVM.
    }
}
