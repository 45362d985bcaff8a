package io.streamingcompanion.streamtoken.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import livekit.LivekitIngress.IngressInput;

/** The OBS ingress kinds this service creates, and their LiveKit {@code IngressInput}. */
public enum IngressType {
    RTMP(IngressInput.RTMP_INPUT, StreamMode.RTMP),
    WHIP(IngressInput.WHIP_INPUT, StreamMode.WHIP);

    public static final String VALUES = "RTMP|WHIP";

    private final IngressInput input;
    private final StreamMode mode;

    IngressType(IngressInput input, StreamMode mode) {
        this.input = input;
        this.mode = mode;
    }

    public IngressInput input() {
        return input;
    }

    public StreamMode mode() {
        return mode;
    }

    public static Optional<IngressType> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(type -> type.name().equals(value.strip().toUpperCase(Locale.ROOT)))
                .findFirst();
    }

    public static Optional<IngressType> of(IngressInput input) {
        return Arrays.stream(values()).filter(type -> type.input == input).findFirst();
    }
}
