package io.streamingcompanion.session.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a session is streamed. {@code LIVEKIT} is our own native stream (browser or OBS ingress). */
public enum Platform {
    CHATURBATE, STRIPCHAT, OTHER, LIVEKIT;

    public static final String VALUES = "chaturbate|stripchat|other|livekit";

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Platform> fromWire(String value) {
        return Arrays.stream(values()).filter(platform -> platform.wireName().equals(value)).findFirst();
    }
}
