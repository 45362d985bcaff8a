package io.streamingcompanion.streamtoken.config;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.streamingcompanion.streamtoken.livekit.LiveKitUrls;
import jakarta.enterprise.event.Observes;

/** Says at startup which LiveKit this service uses (URL and API key, never the secret). */
public class LiveKitStartup {

    void onStart(@Observes StartupEvent start, LiveKitConfig config) {
        Log.infof("LiveKit API %s, clients connect to %s, API key %s", LiveKitUrls.api(config),
                LiveKitUrls.client(config), config.apiKey());
        if ("devkey".equals(config.apiKey()) || "secret".equals(config.apiSecret())) {
            Log.warn("LiveKit uses the development credentials of `livekit-server --dev`;"
                    + " set LIVEKIT_API_KEY and LIVEKIT_API_SECRET in production");
        }
    }
}
