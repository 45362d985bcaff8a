package io.streamingcompanion.streamtoken.config;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.streamingcompanion.commons.security.Secrets;
import io.streamingcompanion.streamtoken.livekit.LiveKitUrls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Says at startup which LiveKit this service uses (URL and API key, never the secret), and refuses to start
 * with LiveKit credentials anyone could know: with the LiveKit dev server's {@code devkey} /
 * {@code secret}, anybody could sign webhooks this service accepts and mint grants for any room.
 */
@ApplicationScoped
public class LiveKitSecretsCheck {

    /** LiveKit's own minimum for an API secret. */
    static final int MIN_SECRET_LENGTH = 32;

    void onStart(@Observes StartupEvent started, LiveKitConfig config) {
        check(config);
        Log.infof("LiveKit API %s, clients connect to %s, API key %s", LiveKitUrls.api(config),
                LiveKitUrls.client(config), config.apiKey());
    }

    static void check(LiveKitConfig config) {
        Secrets.requireReal("LIVEKIT_API_KEY", config.apiKey(), 3);
        Secrets.requireReal("LIVEKIT_API_SECRET", config.apiSecret(), MIN_SECRET_LENGTH);
    }
}
