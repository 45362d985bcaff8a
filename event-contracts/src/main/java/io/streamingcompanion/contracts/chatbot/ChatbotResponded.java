package io.streamingcompanion.contracts.chatbot;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * A chatbot persona answered: a chat message that matched one of its triggers, a tip at or above a
 * thank-you amount, or a completed goal. {@code trigger} is the trigger's kind
 * ({@code command|keyword|regex|tip|goal_completed}); {@code inReplyTo} the chat sender or tipper, if any.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatbotResponded(
        UUID responseId,
        UUID sessionId,
        String creatorId,
        UUID personaId,
        String personaName,
        String color,
        String avatarUrl,
        String responseText,
        String trigger,
        String inReplyTo,
        Instant respondedAt) {
}
