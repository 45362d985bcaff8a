package io.streamingcompanion.session.service;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.problem.ApiException;
import io.streamingcompanion.outbox.Transactions;
import io.streamingcompanion.session.domain.Platform;
import io.streamingcompanion.session.mapping.SessionMapper;
import io.streamingcompanion.session.repository.StreamSessionRepository;
import io.streamingcompanion.session.rest.SessionApi.SessionResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Sessions driven by a platform connector (tip-service's Chaturbate Events API poller), which acts for a
 * creator without holding her token. The same rules as a LiveKit stream: a broadcast start opens a session of
 * that platform unless one (of any platform) is already active, a broadcast stop ends only a session of that
 * platform, and the viewer count goes to whatever session is live.
 */
@ApplicationScoped
public class PlatformSessionService {

    private final SessionService lifecycle;
    private final StreamSessionRepository sessions;
    private final Transactions transactions;

    public PlatformSessionService(SessionService lifecycle, StreamSessionRepository sessions, Transactions transactions) {
        this.lifecycle = lifecycle;
        this.sessions = sessions;
        this.transactions = transactions;
    }

    /** The creator's active session, opened as a {@code platform} session when there is none. */
    public Uni<SessionResponse> ensureActive(String creatorId, String platformName, String title) {
        Platform platform = platform(platformName);
        // Two starts at once meet at the one-active-session index: the loser runs again and finds the winner.
        return transactions.runCreatingOnce(() -> sessions.lockActive(creatorId).chain(active -> active != null
                        ? Uni.createFrom().item(active)
                        : lifecycle.open(creatorId, platform, title, Map.of("source", "connector"))))
                .map(session -> SessionMapper.toResponse(session, lifecycle.now()));
    }

    /** Ends the creator's active session if it is a {@code platform} one; null when there was none to end. */
    public Uni<SessionResponse> endActive(String creatorId, String platformName) {
        Platform platform = platform(platformName);
        return transactions.run(() -> sessions.lockActive(creatorId).chain(active -> active != null && active.platform == platform
                        ? lifecycle.close(active)
                        : Uni.createFrom().nullItem()))
                .map(session -> session == null ? null : SessionMapper.toResponse(session, lifecycle.now()));
    }

    /** The viewer count of the creator's live session; null when she is not live. */
    public Uni<SessionResponse> reportViewers(String creatorId, int viewerCount) {
        return transactions.run(() -> sessions.lockActive(creatorId).chain(active -> {
            if (active == null) {
                return Uni.createFrom().nullItem();
            }
            active.currentViewers = Math.max(0, viewerCount);
            active.peakViewers = Math.max(active.peakViewers, active.currentViewers);
            return lifecycle.announce(active);
        })).map(session -> session == null ? null : SessionMapper.toResponse(session, lifecycle.now()));
    }

    private static Platform platform(String name) {
        return Platform.fromWire(name).filter(platform -> platform != Platform.LIVEKIT)
                .orElseThrow(() -> ApiException.badRequest("platform must be one of chaturbate|stripchat|other"));
    }
}
