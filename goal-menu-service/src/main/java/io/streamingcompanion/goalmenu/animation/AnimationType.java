package io.streamingcompanion.goalmenu.animation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Overlay effects (seed 002's {@code AnimationType}). */
public enum AnimationType {
    CONFETTI, HEARTS, RAIN, CUSTOM;

    public static final String VALUES = "confetti|hearts|rain|custom";

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AnimationType> fromWire(String value) {
        return Arrays.stream(values()).filter(type -> type.wireName().equals(value)).findFirst();
    }
}
