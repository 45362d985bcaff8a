package io.streamingcompanion.goalmenu.tip;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.messaging.IncomingEvents;
import io.streamingcompanion.contracts.EventEnvelope;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.tip.TipReceived;
import io.streamingcompanion.goalmenu.config.GoalMenuConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code streaming.tip.received} (consumer group {@code goal-menu-service}, shared by the
 * replicas). One record at a time, so one session's tips (one key, one partition) apply in order.
 * A record that is not a tip event is logged and skipped; a tip that cannot be applied (database down)
 * is retried with backoff, and if it still fails the channel fails (health DOWN), its offset stays
 * uncommitted and it is redelivered after the restart.
 */
@ApplicationScoped
public class TipEventConsumer {

    private final TipEffectsService effects;
    private final GoalMenuConfig config;

    public TipEventConsumer(TipEffectsService effects, GoalMenuConfig config) {
        this.effects = effects;
        this.config = config;
    }

    @Incoming("tips")
    public Uni<Void> consume(String record) {
        EventEnvelope envelope = IncomingEvents.read(record, "tips").orElse(null);
        if (envelope == null) {
            return Uni.createFrom().voidItem();
        }
        if (!EventTypes.TIP_RECEIVED.name().equals(envelope.type())) {
            Log.debugf("Ignoring %s %s on the tips topic", envelope.type(), envelope.id());
            return Uni.createFrom().voidItem();
        }
        TipReceived tip;
        try {
            tip = EventJson.payload(envelope, EventTypes.TIP_RECEIVED);
        } catch (RuntimeException e) {
            Log.warnf("Skipping tip event %s with a malformed payload: %s", envelope.id(), e.getMessage());
            return Uni.createFrom().voidItem();
        }
        if (envelope.id() == null || tip == null) {
            Log.warnf("Skipping a tip event without an id or payload (tip %s)", tip == null ? null : tip.tipId());
            return Uni.createFrom().voidItem();
        }
        GoalMenuConfig.TipRetry retry = config.tipRetry();
        return effects.apply(envelope, tip)
                .onFailure().invoke(failure -> Log.warnf("Tip event %s not applied yet (will retry): %s",
                        envelope.id(), failure.getMessage()))
                .onFailure().retry().withBackOff(retry.initialBackoff(), retry.maxBackoff()).atMost(retry.attempts())
                .onFailure().invoke(failure -> Log.errorf(failure,
                        "Tip event %s could not be applied; stopping the tips channel so it is redelivered", envelope.id()))
                .invoke(applied -> {
                    if (!applied.goals().isEmpty() || applied.animation() != null) {
                        Log.debugf("Tip %s moved %d goal(s)%s", tip.tipId(), applied.goals().size(),
                                applied.animation() == null ? "" : " and fired " + applied.animation().type());
                    }
                })
                .replaceWithVoid();
    }
}
