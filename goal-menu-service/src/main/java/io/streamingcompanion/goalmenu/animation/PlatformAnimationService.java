package io.streamingcompanion.goalmenu.animation;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.problem.ApiException;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.animation.AnimationTriggered;
import io.streamingcompanion.goalmenu.session.KnownSession;
import io.streamingcompanion.goalmenu.session.KnownSessionRepository;
import io.streamingcompanion.outbox.EventOutbox;
import io.streamingcompanion.outbox.ProcessedEventRepository;
import io.streamingcompanion.outbox.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Animations a platform connector asks for when something happens in a creator's room (a follow, a fan-club
 * join, a media purchase). The connector holds the service token, not the creator's, so it names her; the
 * session must be hers and live (known from {@code streaming.sessions}). Exactly once per idempotency key: the
 * animation id is derived from (creator, key) and recorded in {@code processed_event} in the transaction that
 * writes the event, so a replayed feed page, a retry or a second replica fires nothing more.
 */
@ApplicationScoped
public class PlatformAnimationService {

    /** The name under which fired platform animations are recorded (with {@code processed_event}'s retention). */
    public static final String CONSUMER = "platform-animation";
    public static final String TRIGGER_PLATFORM = "platform";

    /** What to fire: {@code sessionId} null means the creator's live session, if she has one. */
    public record Request(String creatorId, UUID sessionId, String idempotencyKey, String platform, String event,
                          String username, AnimationType type) {
    }

    /** The animation, and whether this call fired it or an earlier one with the same key did. */
    public record Fired(AnimationTriggered animation, boolean replayed) {
    }

    private final KnownSessionRepository sessions;
    private final ProcessedEventRepository processed;
    private final EventOutbox outbox;
    private final Transactions transactions;

    public PlatformAnimationService(KnownSessionRepository sessions, ProcessedEventRepository processed, EventOutbox outbox,
                                    Transactions transactions) {
        this.sessions = sessions;
        this.processed = processed;
        this.outbox = outbox;
        this.transactions = transactions;
    }

    /** @return null when no session was named and the creator is not live (nothing to show, nothing recorded) */
    public Uni<Fired> fire(Request request) {
        UUID animationId = animationId(request.creatorId(), request.idempotencyKey());
        return transactions.run(() -> session(request).chain(session -> {
            if (session == null) {
                return Uni.createFrom().<Fired>nullItem();
            }
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("platform", request.platform());
            metadata.put("event", request.event());
            if (request.username() != null) {
                metadata.put("username", request.username());
            }
            AnimationTriggered animation = new AnimationTriggered(animationId, session.sessionId, request.creatorId(),
                    request.type().wireName(), TRIGGER_PLATFORM, null, metadata);
            return processed.firstDelivery(CONSUMER, animationId).chain(first -> first
                    ? outbox.record(EventTypes.ANIMATION_TRIGGERED, request.creatorId(), session.sessionId.toString(), animation)
                            .replaceWith(new Fired(animation, false))
                    : Uni.createFrom().item(new Fired(animation, true)));
        }));
    }

    /** Another creator's session is 404 (as if unknown to her); an ended one 409; one not heard of yet 503 (retry). */
    private Uni<KnownSession> session(Request request) {
        if (request.sessionId() == null) {
            return sessions.live(request.creatorId());
        }
        return sessions.findById(request.sessionId()).map(session -> {
            if (session != null && !session.creatorId.equals(request.creatorId())) {
                throw ApiException.notFound("Session " + request.sessionId());
            }
            if (session == null) {
                throw new ApiException(503, "urn:streaming:problem:session-not-known-yet", "Service Unavailable",
                        "Session " + request.sessionId() + " has not been announced here yet; retry shortly");
            }
            if (session.endedAt != null) {
                throw ApiException.conflict("session-ended", "Session " + request.sessionId() + " has ended");
            }
            return session;
        });
    }

    /** One key of one creator is one animation, whichever replica or retry asks. */
    static UUID animationId(String creatorId, String idempotencyKey) {
        return UUID.nameUUIDFromBytes((CONSUMER + "\n" + creatorId + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
    }
}
