package io.streamingcompanion.session.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.problem.ApiException;
import io.streamingcompanion.commons.query.Paging;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.outbox.DatabaseErrors;
import io.streamingcompanion.outbox.EventOutbox;
import io.streamingcompanion.outbox.Transactions;
import io.streamingcompanion.session.config.SessionServiceConfig;
import io.streamingcompanion.session.domain.Platform;
import io.streamingcompanion.session.domain.SessionNote;
import io.streamingcompanion.session.domain.SessionStatus;
import io.streamingcompanion.session.domain.StreamSession;
import io.streamingcompanion.session.mapping.SessionMapper;
import io.streamingcompanion.session.repository.SessionNoteRepository;
import io.streamingcompanion.session.repository.StreamSessionRepository;
import io.streamingcompanion.session.rest.SessionApi.AddNoteRequest;
import io.streamingcompanion.session.rest.SessionApi.NoteResponse;
import io.streamingcompanion.session.rest.SessionApi.SessionPage;
import io.streamingcompanion.session.rest.SessionApi.SessionResponse;
import io.streamingcompanion.session.rest.SessionApi.StartSessionRequest;
import io.streamingcompanion.session.rest.SessionApi.UpdateSessionRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Session lifecycle. Every change is written in one transaction together with its domain event (see
 * {@link EventOutbox}); the relay is asked to publish as soon as that transaction has committed.
 */
@ApplicationScoped
public class SessionService {

    private final StreamSessionRepository sessions;
    private final SessionNoteRepository notes;
    private final EventOutbox outbox;
    private final Transactions transactions;
    private final SessionServiceConfig config;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    public SessionService(StreamSessionRepository sessions, SessionNoteRepository notes, EventOutbox outbox,
                          Transactions transactions, SessionServiceConfig config, ObjectMapper json) {
        this.sessions = sessions;
        this.notes = notes;
        this.outbox = outbox;
        this.transactions = transactions;
        this.config = config;
        this.json = json;
    }

    public Uni<SessionResponse> start(String creatorId, StartSessionRequest request) {
        Map<String, Object> metadata = checkedMetadata(request.metadata());
        Platform platform = Platform.fromWire(request.platform())
                .orElseThrow(() -> ApiException.badRequest("platform must be one of " + Platform.VALUES));
        return inTransaction(() -> sessions.findActive(creatorId).chain(active -> {
            if (active != null) {
                throw alreadyLive(active.id);
            }
            return open(creatorId, platform, request.title(), metadata);
        }))
                // Two concurrent starts both pass the check above; the partial unique index stops the second.
                .onFailure(DatabaseErrors::isUniqueViolation).transform(e -> alreadyLive(null))
                .map(session -> SessionMapper.toResponse(session, now()));
    }

    public Uni<SessionResponse> active(String creatorId) {
        return sessions.findActive(creatorId)
                .map(session -> session == null ? null : SessionMapper.toResponse(session, now()));
    }

    public Uni<SessionResponse> get(String creatorId, UUID sessionId) {
        return owned(creatorId, sessionId).map(session -> SessionMapper.toResponse(session, now()));
    }

    /** @param pageValue and {@code sizeValue}: the query values as sent, checked here (see {@link Paging}) */
    public Uni<SessionPage> list(String creatorId, String pageValue, String sizeValue, String status) {
        Paging paging = Paging.of(pageValue, sizeValue, 20, config.maxPageSize());
        int page = paging.page();
        int size = paging.size();
        SessionStatus filter = parseStatus(status);
        Instant now = now();
        return sessions.countOwned(creatorId, filter).chain(total -> sessions.listOwned(creatorId, filter, page, size)
                .map(found -> new SessionPage(
                        found.stream().map(session -> SessionMapper.toResponse(session, now)).toList(),
                        page, size, total, (total + size - 1) / size)));
    }

    public Uni<SessionResponse> update(String creatorId, UUID sessionId, UpdateSessionRequest request) {
        Map<String, Object> metadata = checkedMetadata(request.metadata());
        return inTransaction(() -> lockedOwned(creatorId, sessionId).chain(session -> {
            if (request.title() != null) {
                session.title = blankToNull(request.title());
            }
            if (request.notes() != null) {
                session.notes = request.notes();
            }
            if (metadata != null) {
                session.metadata = metadata;
            }
            return announce(session);
        })).map(session -> SessionMapper.toResponse(session, now()));
    }

    public Uni<SessionResponse> end(String creatorId, UUID sessionId) {
        return inTransaction(() -> lockedOwned(creatorId, sessionId).chain(session -> {
            if (!session.isActive()) {
                throw ApiException.conflict("session-already-ended", "Session " + sessionId + " has already ended");
            }
            return close(session);
        })).map(session -> SessionMapper.toResponse(session, now()));
    }

    /** Creates an active session and records its started event; the caller holds the transaction. */
    Uni<StreamSession> open(String creatorId, Platform platform, String title, Map<String, Object> metadata) {
        StreamSession session = new StreamSession();
        session.id = UUID.randomUUID();
        session.creatorId = creatorId;
        session.platform = platform;
        session.status = SessionStatus.ACTIVE;
        session.title = blankToNull(title);
        session.metadata = metadata == null ? Map.of() : metadata;
        session.startedAt = now();
        return sessions.persistAndFlush(session)
                .call(saved -> outbox.record(EventTypes.SESSION_STARTED, creatorId, saved.id.toString(),
                        SessionMapper.started(saved)));
    }

    /** Ends an active session and records its ended event; the caller holds the transaction. */
    Uni<StreamSession> close(StreamSession session) {
        session.status = SessionStatus.ENDED;
        session.endedAt = now();
        session.currentViewers = 0;
        return sessions.persistAndFlush(session)
                .call(saved -> outbox.record(EventTypes.SESSION_ENDED, saved.creatorId, saved.id.toString(),
                        SessionMapper.ended(saved)));
    }

    /** Records the session's new state as {@code streaming.session.updated}; the caller holds the transaction. */
    Uni<StreamSession> announce(StreamSession session) {
        return sessions.persistAndFlush(session)
                .call(saved -> outbox.record(EventTypes.SESSION_UPDATED, saved.creatorId, saved.id.toString(),
                        SessionMapper.updated(saved)));
    }

    public Uni<NoteResponse> addNote(String creatorId, UUID sessionId, AddNoteRequest request) {
        return inTransaction(() -> owned(creatorId, sessionId).chain(session -> {
            SessionNote note = new SessionNote();
            note.id = UUID.randomUUID();
            note.sessionId = session.id;
            note.creatorId = creatorId;
            note.body = request.body().strip();
            note.createdAt = now();
            return notes.persist(note);
        })).map(SessionMapper::toResponse);
    }

    public Uni<List<NoteResponse>> notes(String creatorId, UUID sessionId) {
        return owned(creatorId, sessionId)
                .chain(session -> notes.listForSession(session.id, creatorId))
                .map(found -> found.stream().map(SessionMapper::toResponse).toList());
    }

    public Uni<Void> deleteNote(String creatorId, UUID sessionId, UUID noteId) {
        return inTransaction(() -> notes.deleteOwned(noteId, sessionId, creatorId).invoke(deleted -> {
            if (deleted == 0) {
                throw ApiException.notFound("Note " + noteId);
            }
        })).replaceWithVoid();
    }

    Uni<StreamSession> owned(String creatorId, UUID sessionId) {
        return sessions.findOwned(sessionId, creatorId).onItem().ifNull()
                .failWith(() -> ApiException.notFound("Session " + sessionId));
    }

    /** The session, locked until the caller's transaction ends: concurrent writers take turns, none fails. */
    Uni<StreamSession> lockedOwned(String creatorId, UUID sessionId) {
        return sessions.lockOwned(sessionId, creatorId).onItem().ifNull()
                .failWith(() -> ApiException.notFound("Session " + sessionId));
    }

    <T> Uni<T> inTransaction(Supplier<Uni<T>> work) {
        return transactions.run(work);
    }

    private Map<String, Object> checkedMetadata(Map<String, Object> metadata) {
        if (metadata == null) {
            return null;
        }
        try {
            int bytes = json.writeValueAsBytes(metadata).length;
            if (bytes > config.maxMetadataBytes()) {
                throw ApiException.badRequest("metadata must be at most " + config.maxMetadataBytes()
                        + " bytes of JSON (got " + bytes + ")");
            }
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("metadata must be a JSON object");
        }
        return new LinkedHashMap<>(metadata);
    }

    private static SessionStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return SessionStatus.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("status must be active or ended");
        }
    }

    private static ApiException alreadyLive(UUID activeId) {
        String detail = activeId == null
                ? "Another session is already active; end it before starting a new one"
                : "Session " + activeId + " is already active; end it before starting a new one";
        return ApiException.conflict("session-already-active", detail);
    }

    Instant now() {
        // PostgreSQL keeps microseconds; responses must show what a later read will return.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
