package io.streamingcompanion.analytics.messaging;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.analytics.service.ReadModelService;
import io.streamingcompanion.commons.messaging.EventDispatcher;
import io.streamingcompanion.commons.messaging.EventRoutes;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.outbox.AppliedOnce;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Sessions, tips and completed goals into the read model. {@code streaming.streams} is not consumed:
 * session-service already folds LiveKit's viewer counts into {@code session.updated}, which this reads.
 */
@ApplicationScoped
public class AnalyticsEventsConsumer {

    public static final String SESSIONS = "analytics-service.sessions";
    public static final String TIPS = "analytics-service.tips";
    public static final String GOALS = "analytics-service.goals";

    private final EventDispatcher dispatcher;
    private final EventRoutes sessionRoutes;
    private final EventRoutes tipRoutes;
    private final EventRoutes goalRoutes;

    public AnalyticsEventsConsumer(EventDispatcher dispatcher, AppliedOnce appliedOnce, ReadModelService readModel) {
        this.dispatcher = dispatcher;
        this.sessionRoutes = EventRoutes.forConsumer(SESSIONS, appliedOnce)
                .on(EventTypes.SESSION_STARTED, (envelope, started) -> readModel.applyStarted(started))
                .on(EventTypes.SESSION_UPDATED, (envelope, updated) -> readModel.applyUpdated(updated, envelope.occurredAt()))
                .on(EventTypes.SESSION_ENDED, (envelope, ended) -> readModel.applyEnded(ended))
                .build();
        this.tipRoutes = EventRoutes.forConsumer(TIPS, appliedOnce)
                .on(EventTypes.TIP_RECEIVED, (envelope, tip) -> readModel.applyTip(tip))
                .build();
        this.goalRoutes = EventRoutes.forConsumer(GOALS, appliedOnce)
                .on(EventTypes.GOAL_COMPLETED, (envelope, goal) -> readModel.applyGoalCompleted(goal))
                .build();
    }

    @Incoming("session-events")
    public Uni<Void> sessions(ConsumerRecord<String, String> record) {
        return dispatcher.dispatch(sessionRoutes, record);
    }

    @Incoming("tip-events")
    public Uni<Void> tips(ConsumerRecord<String, String> record) {
        return dispatcher.dispatch(tipRoutes, record);
    }

    @Incoming("goal-events")
    public Uni<Void> goals(ConsumerRecord<String, String> record) {
        return dispatcher.dispatch(goalRoutes, record);
    }
}
