package io.streamingcompanion.streamtoken.livekit;

import io.streamingcompanion.streamtoken.config.LiveKitConfig;
import java.util.Locale;

/** LIVEKIT_URL is given as LiveKit documents it ({@code ws(s)://}); its HTTP API is the same host over http(s). */
public final class LiveKitUrls {

    private LiveKitUrls() {
    }

    /** Base URL of the Twirp API, without a trailing slash. */
    public static String api(LiveKitConfig config) {
        String url = stripSlash(config.url().strip());
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("ws://")) {
            return "http://" + url.substring(5);
        }
        if (lower.startsWith("wss://")) {
            return "https://" + url.substring(6);
        }
        return url;
    }

    /** The URL clients connect to with their token. */
    public static String client(LiveKitConfig config) {
        String url = stripSlash(config.publicUrl().filter(value -> !value.isBlank()).orElse(config.url()).strip());
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://")) {
            return "ws://" + url.substring(7);
        }
        if (lower.startsWith("https://")) {
            return "wss://" + url.substring(8);
        }
        return url;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
