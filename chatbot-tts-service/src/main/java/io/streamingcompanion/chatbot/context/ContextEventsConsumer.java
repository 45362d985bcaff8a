package io.streamingcompanion.chatbot.context;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.chatbot.reply.ReplyService;
import io.streamingcompanion.commons.messaging.EventDispatcher;
import io.streamingcompanion.commons.messaging.EventRoutes;
import io.streamingcompanion.contracts.EventEnvelope;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.goal.GoalProgress;
import io.streamingcompanion.contracts.menu.MenuUpdated;
import io.streamingcompanion.outbox.AppliedOnce;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * What replies need from other services, from their events: whose sessions are which, goals as announced,
 * the active menu; and the events that set off tip and goal triggers.
 */
@ApplicationScoped
public class ContextEventsConsumer {

    private final EventDispatcher dispatcher;
    private final ReplyContextRepository context;
    private final ObjectMapper json;
    private final EventRoutes sessionRoutes;
    private final EventRoutes goalRoutes;
    private final EventRoutes menuRoutes;
    private final EventRoutes tipRoutes;

    public ContextEventsConsumer(EventDispatcher dispatcher, AppliedOnce appliedOnce, ReplyContextRepository context,
                                 ReplyService replies, ObjectMapper json) {
        this.dispatcher = dispatcher;
        this.context = context;
        this.json = json;
        this.sessionRoutes = EventRoutes.forConsumer("chatbot-tts-service.sessions", appliedOnce)
                .on(EventTypes.SESSION_STARTED, (envelope, started) -> context.sessionSeen(started.sessionId(), started.creatorId(), true))
                .on(EventTypes.SESSION_ENDED, (envelope, ended) -> context.sessionSeen(ended.sessionId(), ended.creatorId(), false))
                .build();
        this.goalRoutes = EventRoutes.forConsumer("chatbot-tts-service.goals", appliedOnce)
                .on(EventTypes.GOAL_PROGRESS, this::goalProgress)
                .on(EventTypes.GOAL_COMPLETED, (envelope, completed) -> replies.answerGoalCompleted(completed))
                .build();
        this.menuRoutes = EventRoutes.forConsumer("chatbot-tts-service.menu", appliedOnce)
                .on(EventTypes.MENU_UPDATED, (envelope, menu) -> menuUpdated(menu))
                .build();
        this.tipRoutes = EventRoutes.forConsumer("chatbot-tts-service.tips",
                        appliedOnce.when(envelope -> replies.mayThankTipsOf(envelope.creatorId())))
                .on(EventTypes.TIP_RECEIVED, (envelope, tip) -> replies.answerTip(tip))
                .build();
    }

    @Incoming("chatbot-session-events")
    public Uni<Void> sessions(ConsumerRecord<String, String> record) {
        return dispatcher.dispatch(sessionRoutes, record);
    }

    @Incoming("chatbot-goal-events")
    public Uni<Void> goals(ConsumerRecord<String, String> record) {
        return dispatcher.dispatch(goalRoutes, record);
    }

    @Incoming("chatbot-menu-events")
    public Uni<Void> menu(ConsumerRecord<String, String> record) {
        return dispatcher.dispatch(menuRoutes, record);
    }

    @Incoming("chatbot-tip-events")
    public Uni<Void> tips(ConsumerRecord<String, String> record) {
        return dispatcher.dispatch(tipRoutes, record);
    }

    private Uni<Void> goalProgress(EventEnvelope envelope, GoalProgress progress) {
        if (progress.removed()) {
            return context.removeGoal(progress.goalId());
        }
        return context.goal(progress.goalId()).chain(known -> {
            GoalSnapshot goal = known != null ? known : new GoalSnapshot();
            if (known == null) {
                goal.goalId = progress.goalId();
                // Goals are announced when created, in the order they were created: first seen, first in line.
                goal.position = ChronoUnit.MICROS.between(Instant.EPOCH, envelope.occurredAt());
            }
            goal.sessionId = progress.sessionId();
            goal.creatorId = progress.creatorId();
            goal.title = progress.title();
            goal.currentCents = progress.currentCents();
            goal.targetCents = progress.targetCents();
            goal.completed = progress.completed();
            return context.saveGoal(goal);
        });
    }

    private Uni<Void> menuUpdated(MenuUpdated menu) {
        List<Map<String, Object>> active = menu.items() == null ? List.of() : menu.items().stream()
                .filter(MenuUpdated.Item::active)
                .sorted(Comparator.comparingInt(MenuUpdated.Item::position).thenComparingLong(MenuUpdated.Item::priceCents))
                .map(item -> Map.<String, Object>of("title", item.title(), "priceCents", item.priceCents()))
                .toList();
        MenuSnapshot snapshot = new MenuSnapshot();
        snapshot.creatorId = menu.creatorId();
        try {
            snapshot.items = json.writeValueAsString(active);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return context.saveMenu(snapshot);
    }
}
