package io.streamingcompanion.goalmenu.animation;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.outbox.AdvisoryLocks;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class AnimationRuleRepository implements PanacheRepositoryBase<AnimationRule, UUID> {

    /** Serialises changes to one creator's rules, so the count limit and the threshold check are exact. */
    public Uni<Void> lockRules(String creatorId) {
        return AdvisoryLocks.lock("goal-menu:animation-rules:" + creatorId);
    }

    public Uni<AnimationRule> findOwned(UUID id, String creatorId) {
        return find("id = ?1 and creatorId = ?2", id, creatorId).firstResult();
    }

    public Uni<List<AnimationRule>> listOwned(String creatorId) {
        return find("creatorId", Sort.ascending("thresholdCents").and("createdAt").and("id"), creatorId).list();
    }

    public Uni<Long> countOwned(String creatorId) {
        return count("creatorId", creatorId);
    }

    /** The active rule with the highest threshold that {@code amountCents} reaches, or null. */
    public Uni<AnimationRule> highestReached(String creatorId, long amountCents) {
        return find("creatorId = ?1 and active = true and thresholdCents <= ?2",
                Sort.descending("thresholdCents").and("createdAt"), creatorId, amountCents).firstResult();
    }

    /** An active rule of the creator with this threshold other than {@code exceptId} (null: any), if there is one. */
    public Uni<AnimationRule> findActiveWithThreshold(String creatorId, long thresholdCents, UUID exceptId) {
        return exceptId == null
                ? find("creatorId = ?1 and thresholdCents = ?2 and active = true", creatorId, thresholdCents).firstResult()
                : find("creatorId = ?1 and thresholdCents = ?2 and active = true and id <> ?3", creatorId,
                        thresholdCents, exceptId).firstResult();
    }
}
