package io.streamingcompanion.session.domain;

import java.util.Locale;

public enum SessionStatus {
    ACTIVE, ENDED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
