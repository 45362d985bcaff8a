package io.streamingcompanion.analytics.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.analytics.domain.AnalyticsSession;
import io.streamingcompanion.analytics.repository.AnalyticsSessionRepository;
import io.streamingcompanion.analytics.repository.ReadModelRepository;
import io.streamingcompanion.commons.messaging.PoisonEventException;
import io.streamingcompanion.contracts.goal.GoalCompleted;
import io.streamingcompanion.contracts.session.SessionEnded;
import io.streamingcompanion.contracts.session.SessionStarted;
import io.streamingcompanion.contracts.session.SessionUpdated;
import io.streamingcompanion.contracts.tip.TipReceived;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Folds domain events into the read model. Every method runs inside the consumer's {@code AppliedOnce}
 * transaction, so a redelivered event changes nothing; the facts are also keyed by their own ids (tip,
 * goal, session), so even a copy under another event id cannot count twice. Events of one session arrive
 * in order (one key, one partition), but tips and goals travel on other topics and may come first: they
 * are stored against the session id alone and meet the session's platform and times when queried.
 */
@ApplicationScoped
public class ReadModelService {

    private final AnalyticsSessionRepository sessions;
    private final ReadModelRepository facts;

    public ReadModelService(AnalyticsSessionRepository sessions, ReadModelRepository facts) {
        this.sessions = sessions;
        this.facts = facts;
    }

    public Uni<Void> applyTip(TipReceived tip) {
        if (tip.test()) {
            return Uni.createFrom().voidItem();
        }
        if (tip.tipId() == null || tip.sessionId() == null || tip.creatorId() == null || tip.receivedAt() == null) {
            throw new PoisonEventException("Tip event lacks its tip id, session id, creator id or time");
        }
        if (tip.amountCents() <= 0) {
            throw new PoisonEventException("Tip " + tip.tipId() + " has a non-positive amount");
        }
        return facts.recordTip(tip);
    }

    public Uni<Void> applyGoalCompleted(GoalCompleted goal) {
        if (goal.goalId() == null || goal.sessionId() == null || goal.creatorId() == null || goal.completedAt() == null) {
            throw new PoisonEventException("Goal event lacks its goal id, session id, creator id or time");
        }
        return facts.insertGoalCompletion(goal);
    }

    public Uni<Void> applyStarted(SessionStarted started) {
        return upsert(started.sessionId(), started.creatorId(), started.platform(), started.startedAt(), session -> {
            session.title = started.title();
        });
    }

    /** {@code at}: when session-service recorded this state, which is when the viewer count changed. */
    public Uni<Void> applyUpdated(SessionUpdated updated, Instant at) {
        return upsert(updated.sessionId(), updated.creatorId(), updated.platform(), updated.startedAt(), session -> {
            session.title = updated.title();
            session.announcedTipsCents = updated.totalTipsCents();
            session.announcedTipCount = updated.tipCount();
            session.observeViewers(updated.currentViewers(), at);
            session.peakViewers = Math.max(session.peakViewers, updated.peakViewers());
        });
    }

    public Uni<Void> applyEnded(SessionEnded ended) {
        return upsert(ended.sessionId(), ended.creatorId(), ended.platform(), ended.startedAt(), session -> {
            if (session.hasEnded()) {
                return;
            }
            session.observeViewers(0, ended.endedAt());
            session.endedAt = ended.endedAt();
            session.durationSeconds = ended.durationSeconds();
            session.announcedTipsCents = ended.totalTipsCents();
            session.announcedTipCount = ended.tipCount();
            session.peakViewers = Math.max(session.peakViewers, ended.peakViewers());
        });
    }

    private Uni<Void> upsert(UUID id, String creatorId, String platform, Instant startedAt, Consumer<AnalyticsSession> change) {
        if (id == null || creatorId == null || platform == null || startedAt == null) {
            throw new PoisonEventException("Session event lacks its session id, creator id, platform or start");
        }
        return sessions.lock(id).chain(existing -> {
            if (existing != null && !existing.creatorId.equals(creatorId)) {
                Log.warnf("Session %s belongs to %s, not %s: event ignored", id, existing.creatorId, creatorId);
                return Uni.createFrom().voidItem();
            }
            AnalyticsSession session = existing;
            if (session == null) {
                session = new AnalyticsSession();
                session.id = id;
                session.creatorId = creatorId;
                session.startedAt = startedAt;
                session.viewersObservedAt = startedAt;
            }
            session.platform = platform;
            change.accept(session);
            return existing == null ? sessions.persist(session).replaceWithVoid() : Uni.createFrom().voidItem();
        });
    }
}
