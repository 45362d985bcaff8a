package io.streamingcompanion.goalmenu.tip;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.contracts.EventEnvelope;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.tip.TipReceived;
import io.streamingcompanion.goalmenu.animation.AnimationService;
import io.streamingcompanion.goalmenu.goal.GoalService;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What a received tip does here: it advances the session's goals and may fire an animation, both in the
 * consumer's one transaction, which also records the event as applied.
 */
@ApplicationScoped
public class TipEffectsService {

    private final GoalService goals;
    private final AnimationService animations;

    public TipEffectsService(GoalService goals, AnimationService animations) {
        this.goals = goals;
        this.animations = animations;
    }

    /**
     * Whether the tip can change anything here, asked before any transaction ({@code AppliedOnce.when}): most
     * tips reach no goal (the session has none) and no animation rule, and for those the consumer's transaction,
     * goal lock and dedupe record were all of its work.
     */
    public Uni<Boolean> mayApply(EventEnvelope envelope) {
        TipReceived tip = EventJson.payload(envelope, EventTypes.TIP_RECEIVED);
        return goals.mayMoveGoals(tip).chain(moves -> moves ? Uni.createFrom().item(true) : animations.mayFire(tip));
    }

    public Uni<Void> apply(EventEnvelope envelope, TipReceived tip) {
        return goals.applyTip(tip).chain(advances -> animations.applyTip(envelope, tip).invoke(animation -> {
            if (!advances.isEmpty() || animation != null) {
                Log.debugf("Tip %s moved %d goal(s)%s", tip.tipId(), advances.size(),
                        animation == null ? "" : " and fired " + animation.type());
            }
        })).replaceWithVoid();
    }
}
