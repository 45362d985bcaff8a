package io.streamingcompanion.chatbot.tts;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class TtsClipRepository implements PanacheRepositoryBase<TtsClip, UUID> {

    /**
     * Up to {@code limit} clips nobody is working on (pending, or claimed by a replica that went quiet before
     * {@code staleBefore}), oldest first, locked so that a concurrent claim by another replica skips them.
     * The caller marks them claimed in the same transaction.
     */
    public Uni<List<TtsClip>> lockClaimable(int limit, Instant staleBefore) {
        // Native for FOR UPDATE SKIP LOCKED (Hibernate Reactive takes no lock-timeout hint). The statuses are a list
        // parameter on purpose: Hibernate caches no plan for a native query with one, and this runs every few
        // seconds; cached, each call would add a plan that equals no other (see outbox's AdvisoryLocks).
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        SELECT * FROM {h-schema}tts_clip
                        WHERE status IN (:claimable) AND (status = 'pending' OR claimed_at < :staleBefore)
                        ORDER BY created_at
                        LIMIT :limit
                        FOR UPDATE SKIP LOCKED""", TtsClip.class)
                .setParameter("claimable", List.of(TtsClip.PENDING, TtsClip.SYNTHESIZING))
                .setParameter("staleBefore", staleBefore)
                .setParameter("limit", limit)
                .getResultList());
    }

    /** Clips whose tip is too old to be read now, which nobody is synthesizing: skipped. */
    public Uni<Integer> skipStale(Instant tipBefore, Instant staleBefore, Instant now) {
        return update("status = 'skipped', reason = 'too_late', finishedAt = ?1 where tipAt < ?2 and (status = 'pending' "
                + "or (status = 'synthesizing' and claimedAt < ?3))", now, tipBefore, staleBefore);
    }

    /** Ends a claimed clip; 0 when the claim was lost (taken over by another replica), so only one finishes it. */
    public Uni<Integer> finish(UUID tipId, UUID claim, String status, String reason, Long durationMs, Integer audioBytes,
                               Instant now) {
        return update("status = ?1, reason = ?2, durationMs = ?3, audioBytes = ?4, finishedAt = ?5 "
                + "where tipId = ?6 and claim = ?7 and status = 'synthesizing'", status, reason, durationMs, audioBytes, now, tipId, claim);
    }

    /** Gives a claimed clip back (this replica had no room after all). */
    public Uni<Integer> release(UUID tipId, UUID claim) {
        return update("status = 'pending', claim = null, claimedAt = null where tipId = ?1 and claim = ?2 and status = 'synthesizing'",
                tipId, claim);
    }
}
