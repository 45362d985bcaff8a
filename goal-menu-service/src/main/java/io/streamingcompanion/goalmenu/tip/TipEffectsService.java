package io.streamingcompanion.goalmenu.tip;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.contracts.EventEnvelope;
import io.streamingcompanion.contracts.animation.AnimationTriggered;
import io.streamingcompanion.contracts.tip.TipReceived;
import io.streamingcompanion.goalmenu.animation.AnimationService;
import io.streamingcompanion.goalmenu.goal.GoalProgression.Advance;
import io.streamingcompanion.goalmenu.goal.GoalService;
import io.streamingcompanion.outbox.EventOutbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * What a received tip does here: it advances the session's goals and may fire an animation. Both happen
 * in one transaction together with the records of the event having been applied, so a redelivered or
 * concurrently delivered copy of the same event changes nothing.
 */
@ApplicationScoped
public class TipEffectsService {

    private final GoalService goals;
    private final AnimationService animations;
    private final EventOutbox outbox;

    public TipEffectsService(GoalService goals, AnimationService animations, EventOutbox outbox) {
        this.goals = goals;
        this.animations = animations;
        this.outbox = outbox;
    }

    /** The goals the tip moved and the animation it fired (null if none); empty for a redelivery. */
    public record TipEffects(List<Advance> goals, AnimationTriggered animation) {
    }

    public Uni<TipEffects> apply(EventEnvelope envelope, TipReceived tip) {
        return Panache.withTransaction(() -> goals.applyTip(envelope, tip)
                        .chain(advances -> animations.applyTip(envelope, tip)
                                .map(animation -> new TipEffects(advances, animation))))
                .invoke(outbox::publishSoon);
    }
}
