package io.streamingcompanion.goalmenu.animation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.streamingcompanion.goalmenu.support.Money;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Request and response bodies of the Animations API. */
public final class AnimationApi {

    private AnimationApi() {
    }

    public record CreateRuleRequest(
            @NotNull(message = "is required")
            @Positive(message = "must be greater than 0")
            @Max(value = Money.MAX_CENTS, message = Money.MAX_CENTS_MESSAGE) Long thresholdCents,
            @NotNull(message = "is required")
            @Pattern(regexp = AnimationType.VALUES, message = "must be one of " + AnimationType.VALUES) String type,
            Map<String, Object> metadata,
            Boolean active) {
    }

    /** PATCH: a field that is absent (or null) is left as it is; metadata, when given, replaces the old one. */
    public record UpdateRuleRequest(
            @Positive(message = "must be greater than 0")
            @Max(value = Money.MAX_CENTS, message = Money.MAX_CENTS_MESSAGE) Long thresholdCents,
            @Pattern(regexp = AnimationType.VALUES, message = "must be one of " + AnimationType.VALUES) String type,
            Map<String, Object> metadata,
            Boolean active) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RuleResponse(
            UUID id,
            long thresholdCents,
            String type,
            Map<String, Object> metadata,
            boolean active,
            Instant createdAt,
            Instant updatedAt) {
    }

    public record TriggerRequest(
            @NotNull(message = "is required") UUID sessionId,
            @NotNull(message = "is required")
            @Pattern(regexp = AnimationType.VALUES, message = "must be one of " + AnimationType.VALUES) String type,
            Map<String, Object> metadata) {
    }

    /** What was sent to the session's sockets and overlays (as {@code animation_trigger}). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TriggeredResponse(
            UUID animationId,
            UUID sessionId,
            String type,
            String trigger,
            Map<String, Object> metadata) {
    }
}
