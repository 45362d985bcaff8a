package io.streamingcompanion.session.service;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.problem.ApiException;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.overlay.OverlayKeyChanged;
import io.streamingcompanion.contracts.overlay.OverlayKeys;
import io.streamingcompanion.outbox.DatabaseErrors;
import io.streamingcompanion.outbox.EventOutbox;
import io.streamingcompanion.outbox.Transactions;
import io.streamingcompanion.session.domain.OverlayKey;
import io.streamingcompanion.session.repository.OverlayKeyRepository;
import io.streamingcompanion.session.repository.StreamSessionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * The creator's OBS overlay key: set once in OBS, valid across sessions, rotatable. It only lets an
 * overlay read the creator's public alerts; gateways learn its hash from {@code streaming.overlay.key-changed}.
 */
@ApplicationScoped
public class OverlayKeyService {

    /** What a gateway needs to serve an overlay: whose it is and which session is live now (may be null). */
    public record Resolved(String creatorId, UUID activeSessionId) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final OverlayKeyRepository keys;
    private final StreamSessionRepository sessions;
    private final EventOutbox outbox;
    private final Transactions transactions;
    private final Clock clock = Clock.systemUTC();

    public OverlayKeyService(OverlayKeyRepository keys, StreamSessionRepository sessions, EventOutbox outbox,
                             Transactions transactions) {
        this.transactions = transactions;
        this.keys = keys;
        this.sessions = sessions;
        this.outbox = outbox;
    }

    public Uni<OverlayKey> current(String creatorId) {
        return keys.findById(creatorId).chain(existing -> existing != null
                ? Uni.createFrom().item(existing)
                : transactions.run(() -> issue(creatorId, null))
                        // A concurrent first read created it: read that one.
                        .onFailure(DatabaseErrors::isUniqueViolation).recoverWithUni(() -> keys.findById(creatorId)));
    }

    public Uni<OverlayKey> rotate(String creatorId) {
        return transactions.run(() -> keys.lock(creatorId).chain(existing -> issue(creatorId, existing)));
    }

    public Uni<Resolved> resolve(String keyHash) {
        return keys.findByHash(keyHash).chain(key -> {
            if (key == null) {
                return Uni.createFrom().failure(ApiException.notFound("Overlay key"));
            }
            return sessions.findActive(key.creatorId)
                    .map(active -> new Resolved(key.creatorId, active == null ? null : active.id));
        });
    }

    private Uni<OverlayKey> issue(String creatorId, OverlayKey existing) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String previousHash = existing == null ? null : existing.keyHash;
        OverlayKey key = existing != null ? existing : new OverlayKey();
        key.creatorId = creatorId;
        key.key = newKey();
        key.keyHash = OverlayKeys.hash(key.key);
        key.rotatedAt = now;
        if (existing == null) {
            key.createdAt = now;
        }
        return keys.persistAndFlush(key)
                .call(saved -> outbox.record(EventTypes.OVERLAY_KEY_CHANGED, creatorId, creatorId,
                        new OverlayKeyChanged(creatorId, saved.keyHash, previousHash, now)));
    }

    private static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "ovl_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
