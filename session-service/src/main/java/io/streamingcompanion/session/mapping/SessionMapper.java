package io.streamingcompanion.session.mapping;

import io.streamingcompanion.contracts.session.SessionEnded;
import io.streamingcompanion.contracts.session.SessionStarted;
import io.streamingcompanion.contracts.session.SessionUpdated;
import io.streamingcompanion.session.domain.SessionNote;
import io.streamingcompanion.session.domain.StreamSession;
import io.streamingcompanion.session.rest.SessionApi.NoteResponse;
import io.streamingcompanion.session.rest.SessionApi.SessionResponse;
import java.time.Duration;
import java.time.Instant;

/** Entity to API body and entity to event payload, in one place so both always say the same. */
public final class SessionMapper {

    private SessionMapper() {
    }

    public static SessionResponse toResponse(StreamSession session, Instant now) {
        return new SessionResponse(session.id, session.creatorId, session.platform.wireName(),
                session.status.wireName(), session.title, session.notes, session.metadata, session.startedAt,
                session.endedAt, durationSeconds(session, now), session.totalTipsCents, session.tipCount,
                session.currentViewers, session.peakViewers);
    }

    public static NoteResponse toResponse(SessionNote note) {
        return new NoteResponse(note.id, note.sessionId, note.body, note.createdAt);
    }

    public static SessionStarted started(StreamSession session) {
        return new SessionStarted(session.id, session.creatorId, session.platform.wireName(), session.title,
                session.startedAt);
    }

    public static SessionUpdated updated(StreamSession session) {
        return new SessionUpdated(session.id, session.creatorId, session.status.wireName(),
                session.platform.wireName(), session.title, session.notes, session.metadata, session.totalTipsCents,
                session.tipCount, session.currentViewers, session.peakViewers, session.startedAt, session.endedAt);
    }

    public static SessionEnded ended(StreamSession session) {
        return new SessionEnded(session.id, session.creatorId, session.platform.wireName(), session.startedAt,
                session.endedAt, durationSeconds(session, session.endedAt), session.totalTipsCents, session.tipCount,
                session.peakViewers);
    }

    /** Whole seconds live: until the end for an ended session, until now for an active one. */
    public static long durationSeconds(StreamSession session, Instant now) {
        Instant end = session.endedAt != null ? session.endedAt : now;
        return Math.max(0, Duration.between(session.startedAt, end).getSeconds());
    }
}
