package io.streamingcompanion.contracts;

import io.streamingcompanion.contracts.session.SessionEnded;
import io.streamingcompanion.contracts.session.SessionStarted;
import io.streamingcompanion.contracts.session.SessionUpdated;
import java.util.List;
import java.util.Optional;

/** The catalogue of domain events. docs/architecture.md describes each one. */
public final class EventTypes {

    public static final EventType<SessionStarted> SESSION_STARTED =
            new EventType<>("streaming.session.started", Topics.SESSIONS, SessionStarted.class, 1);
    public static final EventType<SessionUpdated> SESSION_UPDATED =
            new EventType<>("streaming.session.updated", Topics.SESSIONS, SessionUpdated.class, 1);
    public static final EventType<SessionEnded> SESSION_ENDED =
            new EventType<>("streaming.session.ended", Topics.SESSIONS, SessionEnded.class, 1);

    private static final List<EventType<?>> ALL = List.of(SESSION_STARTED, SESSION_UPDATED, SESSION_ENDED);

    private EventTypes() {
    }

    public static List<EventType<?>> all() {
        return ALL;
    }

    public static Optional<EventType<?>> byName(String name) {
        return ALL.stream().filter(type -> type.name().equals(name)).findFirst();
    }
}
