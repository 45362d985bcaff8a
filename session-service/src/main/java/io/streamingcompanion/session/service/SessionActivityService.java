package io.streamingcompanion.session.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.problem.ApiException;
import io.streamingcompanion.contracts.stream.StreamLiveChanged;
import io.streamingcompanion.contracts.stream.ViewersUpdated;
import io.streamingcompanion.contracts.tip.TipReceived;
import io.streamingcompanion.session.domain.Platform;
import io.streamingcompanion.session.domain.StreamSession;
import io.streamingcompanion.session.mapping.SessionMapper;
import io.streamingcompanion.session.repository.StreamSessionRepository;
import io.streamingcompanion.session.rest.SessionApi.SessionResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;

/**
 * What happens to a session while it is live: tips add to its aggregates, viewers come and go, and a
 * LiveKit stream going live or off starts and ends a {@code livekit} session. Events are applied once
 * each (the event id is recorded in the same transaction) and every change is announced as
 * {@code streaming.session.updated}.
 */
@ApplicationScoped
public class SessionActivityService {

    private final SessionService lifecycle;
    private final StreamSessionRepository sessions;

    public SessionActivityService(SessionService lifecycle, StreamSessionRepository sessions) {
        this.lifecycle = lifecycle;
        this.sessions = sessions;
    }

    /** The creator's own count of viewers (from the dashboard socket); the peak never goes down. */
    public Uni<SessionResponse> reportViewers(String creatorId, UUID sessionId, int viewerCount) {
        return lifecycle.inTransaction(() -> lifecycle.lockedOwned(creatorId, sessionId).chain(session -> {
            if (!session.isActive()) {
                throw ApiException.conflict("session-ended", "Session " + sessionId + " has ended");
            }
            return setViewers(session, viewerCount);
        })).map(session -> SessionMapper.toResponse(session, lifecycle.now()));
    }

    /** Adds a tip to its session's aggregates; the caller (the consumer's scope) holds the transaction. */
    public Uni<Void> applyTip(TipReceived tip) {
        if (tip.test()) {
            return Uni.createFrom().voidItem();
        }
        return sessions.lock(tip.sessionId()).chain(session -> {
            if (session == null || !session.creatorId.equals(tip.creatorId())) {
                Log.warnf("Tip %s names session %s, which this service does not hold for %s", tip.tipId(),
                        tip.sessionId(), tip.creatorId());
                return Uni.createFrom().voidItem();
            }
            session.totalTipsCents = Math.addExact(session.totalTipsCents, tip.amountCents());
            session.tipCount++;
            return lifecycle.announce(session).replaceWithVoid();
        });
    }

    /** LiveKit's viewer count for the creator's live session; the caller holds the transaction. */
    public Uni<Void> applyViewers(ViewersUpdated viewers) {
        return sessions.lockActive(viewers.creatorId()).chain(session -> session == null
                ? Uni.createFrom().voidItem()
                : setViewers(session, viewers.viewerCount()).replaceWithVoid());
    }

    /**
     * A LiveKit stream went live or off; the caller holds the transaction. Two starts at once (this and a
     * creator's own) meet at the one-active-session index: the loser fails, and its retry sees the winner.
     */
    public Uni<Void> applyLiveChanged(StreamLiveChanged change) {
        return sessions.lockActive(change.creatorId()).chain(active -> {
            if (change.live()) {
                // Already live (this stream, or a session the creator started by hand): nothing to start.
                return active != null ? Uni.createFrom().voidItem()
                        : lifecycle.open(change.creatorId(), Platform.LIVEKIT, change.title(), Map.of("mode", String.valueOf(change.mode())))
                                .replaceWithVoid();
            }
            return active != null && active.platform == Platform.LIVEKIT
                    ? lifecycle.close(active).replaceWithVoid()
                    : Uni.createFrom().voidItem();
        });
    }

    private Uni<StreamSession> setViewers(StreamSession session, int viewerCount) {
        session.currentViewers = Math.max(0, viewerCount);
        session.peakViewers = Math.max(session.peakViewers, session.currentViewers);
        return lifecycle.announce(session);
    }
}
