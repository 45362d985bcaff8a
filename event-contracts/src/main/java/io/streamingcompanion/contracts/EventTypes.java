package io.streamingcompanion.contracts;

import io.streamingcompanion.contracts.animation.AnimationTriggered;
import io.streamingcompanion.contracts.chatbot.ChatbotResponded;
import io.streamingcompanion.contracts.connector.ConnectorStatusChanged;
import io.streamingcompanion.contracts.goal.GoalCompleted;
import io.streamingcompanion.contracts.goal.GoalProgress;
import io.streamingcompanion.contracts.menu.MenuUpdated;
import io.streamingcompanion.contracts.overlay.OverlayKeyChanged;
import io.streamingcompanion.contracts.session.SessionEnded;
import io.streamingcompanion.contracts.session.SessionStarted;
import io.streamingcompanion.contracts.session.SessionUpdated;
import io.streamingcompanion.contracts.stream.StreamLiveChanged;
import io.streamingcompanion.contracts.stream.ViewersUpdated;
import io.streamingcompanion.contracts.tip.TipReceived;
import io.streamingcompanion.contracts.tts.TtsSkipped;
import io.streamingcompanion.contracts.tts.TtsSynthesized;
import java.util.List;
import java.util.Optional;

/** The catalogue of domain events. docs/architecture.md describes each one. */
public final class EventTypes {

    public static final EventType<SessionStarted> SESSION_STARTED =
            new EventType<>("streaming.session.started", Topics.SESSIONS, SessionStarted.class, 1);
    public static final EventType<SessionUpdated> SESSION_UPDATED =
            new EventType<>("streaming.session.updated", Topics.SESSIONS, SessionUpdated.class, 1, true);
    public static final EventType<SessionEnded> SESSION_ENDED =
            new EventType<>("streaming.session.ended", Topics.SESSIONS, SessionEnded.class, 1);

    public static final EventType<TipReceived> TIP_RECEIVED =
            new EventType<>("streaming.tip.received", Topics.TIPS, TipReceived.class, 1);
    public static final EventType<GoalProgress> GOAL_PROGRESS =
            new EventType<>("streaming.goal.progress", Topics.GOALS, GoalProgress.class, 1);
    public static final EventType<GoalCompleted> GOAL_COMPLETED =
            new EventType<>("streaming.goal.completed", Topics.GOALS, GoalCompleted.class, 1);
    public static final EventType<MenuUpdated> MENU_UPDATED =
            new EventType<>("streaming.menu.updated", Topics.MENU, MenuUpdated.class, 1);
    public static final EventType<AnimationTriggered> ANIMATION_TRIGGERED =
            new EventType<>("streaming.animation.triggered", Topics.ANIMATIONS, AnimationTriggered.class, 1);
    public static final EventType<StreamLiveChanged> STREAM_LIVE_CHANGED =
            new EventType<>("streaming.stream.live-changed", Topics.STREAMS, StreamLiveChanged.class, 1);
    public static final EventType<ViewersUpdated> VIEWERS_UPDATED =
            new EventType<>("streaming.viewers.updated", Topics.STREAMS, ViewersUpdated.class, 1);
    public static final EventType<OverlayKeyChanged> OVERLAY_KEY_CHANGED =
            new EventType<>("streaming.overlay.key-changed", Topics.OVERLAYS, OverlayKeyChanged.class, 1);

    public static final EventType<ChatbotResponded> CHATBOT_RESPONDED =
            new EventType<>("streaming.chatbot.responded", Topics.CHATBOT, ChatbotResponded.class, 1);
    public static final EventType<TtsSynthesized> TTS_SYNTHESIZED =
            new EventType<>("streaming.tts.synthesized", Topics.TTS, TtsSynthesized.class, 1);
    public static final EventType<TtsSkipped> TTS_SKIPPED =
            new EventType<>("streaming.tts.skipped", Topics.TTS, TtsSkipped.class, 1);

    public static final EventType<ConnectorStatusChanged> CONNECTOR_STATUS_CHANGED =
            new EventType<>("streaming.connector.status-changed", Topics.CONNECTORS, ConnectorStatusChanged.class, 1);

    private static final List<EventType<?>> ALL = List.of(SESSION_STARTED, SESSION_UPDATED, SESSION_ENDED,
            TIP_RECEIVED, GOAL_PROGRESS, GOAL_COMPLETED, MENU_UPDATED, ANIMATION_TRIGGERED, STREAM_LIVE_CHANGED,
            VIEWERS_UPDATED, OVERLAY_KEY_CHANGED, CHATBOT_RESPONDED, TTS_SYNTHESIZED, TTS_SKIPPED,
            CONNECTOR_STATUS_CHANGED);

    private EventTypes() {
    }

    public static List<EventType<?>> all() {
        return ALL;
    }

    public static Optional<EventType<?>> byName(String name) {
        return ALL.stream().filter(type -> type.name().equals(name)).findFirst();
    }
}
