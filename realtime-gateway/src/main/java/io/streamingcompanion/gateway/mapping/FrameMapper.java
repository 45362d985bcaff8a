package io.streamingcompanion.gateway.mapping;

import io.streamingcompanion.contracts.animation.AnimationTriggered;
import io.streamingcompanion.contracts.chatbot.ChatbotResponded;
import io.streamingcompanion.contracts.goal.GoalCompleted;
import io.streamingcompanion.contracts.goal.GoalProgress;
import io.streamingcompanion.contracts.menu.MenuUpdated;
import io.streamingcompanion.contracts.session.SessionEnded;
import io.streamingcompanion.contracts.session.SessionUpdated;
import io.streamingcompanion.contracts.tip.TipReceived;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Event payloads to the {@code data} of WebSocket frames, as the protocol (seed 002) names them. Overlay
 * variants leave out what only the creator may read (session notes and metadata).
 */
public final class FrameMapper {

    private FrameMapper() {
    }

    public static Map<String, Object> tipReceived(TipReceived tip) {
        Map<String, Object> tipData = new LinkedHashMap<>();
        tipData.put("id", tip.tipId());
        tipData.put("amountCents", tip.amountCents());
        tipData.put("tipperName", tip.tipperName());
        tipData.put("message", tip.message());
        tipData.put("source", tip.source());
        tipData.put("test", tip.test());
        tipData.put("receivedAt", tip.receivedAt());
        tipData.put("menuItem", tip.menuItem());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sessionId", tip.sessionId());
        data.put("tip", tipData);
        data.put("sessionTotals", tip.sessionTotals());
        return data;
    }

    public static Map<String, Object> goalProgress(GoalProgress goal) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sessionId", goal.sessionId());
        data.put("goalId", goal.goalId());
        data.put("title", goal.title());
        data.put("currentCents", goal.currentCents());
        data.put("targetCents", goal.targetCents());
        data.put("percentage", goal.percentage());
        data.put("completed", goal.completed());
        data.put("removed", goal.removed());
        return data;
    }

    public static Map<String, Object> goalCompleted(GoalCompleted goal) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sessionId", goal.sessionId());
        data.put("goalId", goal.goalId());
        data.put("title", goal.title());
        data.put("targetCents", goal.targetCents());
        data.put("completedAt", goal.completedAt());
        return data;
    }

    public static Map<String, Object> menuUpdated(MenuUpdated menu, boolean forOverlay) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("creatorId", menu.creatorId());
        data.put("items", forOverlay
                ? menu.items().stream().filter(MenuUpdated.Item::active).toList()
                : menu.items());
        return data;
    }

    public static Map<String, Object> animationTrigger(AnimationTriggered animation) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sessionId", animation.sessionId());
        data.put("type", animation.type());
        data.put("metadata", animation.metadata());
        data.put("trigger", animation.trigger());
        data.put("tipId", animation.tipId());
        return data;
    }

    public static Map<String, Object> sessionUpdated(SessionUpdated session, boolean forOverlay) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sessionId", session.sessionId());
        data.put("status", session.status());
        data.put("platform", session.platform());
        data.put("title", session.title());
        if (!forOverlay) {
            data.put("notes", session.notes());
            data.put("metadata", session.metadata());
        }
        data.put("totalTipsCents", session.totalTipsCents());
        data.put("tipCount", session.tipCount());
        data.put("currentViewers", session.currentViewers());
        data.put("peakViewers", session.peakViewers());
        data.put("startedAt", session.startedAt());
        data.put("endedAt", session.endedAt());
        return data;
    }

    public static Map<String, Object> sessionEnded(SessionEnded session) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sessionId", session.sessionId());
        data.put("status", "ended");
        data.put("platform", session.platform());
        data.put("totalTipsCents", session.totalTipsCents());
        data.put("tipCount", session.tipCount());
        data.put("currentViewers", 0);
        data.put("peakViewers", session.peakViewers());
        data.put("startedAt", session.startedAt());
        data.put("endedAt", session.endedAt());
        data.put("durationSeconds", session.durationSeconds());
        return data;
    }

    /** A persona's answer, for the creator's chat and the overlay's chat bubble (nothing in it is private). */
    public static Map<String, Object> chatbotResponse(ChatbotResponded reply) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sessionId", reply.sessionId());
        data.put("responseId", reply.responseId());
        data.put("personaId", reply.personaId());
        data.put("personaName", reply.personaName());
        data.put("color", reply.color());
        data.put("avatarUrl", reply.avatarUrl());
        data.put("responseText", reply.responseText());
        data.put("trigger", reply.trigger());
        data.put("inReplyTo", reply.inReplyTo());
        data.put("respondedAt", reply.respondedAt());
        return data;
    }
}
