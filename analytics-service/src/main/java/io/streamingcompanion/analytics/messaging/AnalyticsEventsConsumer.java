package io.streamingcompanion.analytics.messaging;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.analytics.service.ReadModelService;
import io.streamingcompanion.commons.messaging.EventRoutes;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
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

    public static final String SESSION_CHANNEL = "session-events";
    public static final String TIP_CHANNEL = "tip-events";
    public static final String GOAL_CHANNEL = "goal-events";

    private final ReplayGate gate;
    private final EventRoutes sessionRoutes;
    private final EventRoutes tipRoutes;
    private final EventRoutes goalRoutes;

    public AnalyticsEventsConsumer(ReplayGate gate, ReadModelService readModel) {
        this.gate = gate;
        this.sessionRoutes = EventRoutes.forConsumer(SESSIONS, gate)
                .on(EventTypes.SESSION_STARTED, (envelope, started) -> readModel.applyStarted(started))
                .on(EventTypes.SESSION_UPDATED, (envelope, updated) -> readModel.applyUpdated(updated, envelope.occurredAt()))
                .on(EventTypes.SESSION_ENDED, (envelope, ended) -> readModel.applyEnded(ended))
                .build();
        this.tipRoutes = EventRoutes.forConsumer(TIPS, gate)
                .on(EventTypes.TIP_RECEIVED, (envelope, tip) -> readModel.applyTip(tip))
                .build();
        this.goalRoutes = EventRoutes.forConsumer(GOALS, gate)
                .on(EventTypes.GOAL_COMPLETED, (envelope, goal) -> readModel.applyGoalCompleted(goal))
                .build();
    }

    @Incoming(SESSION_CHANNEL)
    public Uni<Void> sessions(ConsumerRecord<String, String> record) {
        return gate.consume(SESSION_CHANNEL, sessionRoutes, record);
    }

    @Incoming(TIP_CHANNEL)
    public Uni<Void> tips(ConsumerRecord<String, String> record) {
        return gate.consume(TIP_CHANNEL, tipRoutes, record);
    }

    @Incoming(GOAL_CHANNEL)
    public Uni<Void> goals(ConsumerRecord<String, String> record) {
        return gate.consume(GOAL_CHANNEL, goalRoutes, record);
    }

    /** Consumer name, channel and topic of each part of the read model, for a rebuild. */
    public record Source(String consumer, String channel, String topic) {
    }

    public static final List<Source> SOURCES = List.of(
            new Source(SESSIONS, SESSION_CHANNEL, Topics.SESSIONS),
            new Source(TIPS, TIP_CHANNEL, Topics.TIPS),
            new Source(GOALS, GOAL_CHANNEL, Topics.GOALS));
}
