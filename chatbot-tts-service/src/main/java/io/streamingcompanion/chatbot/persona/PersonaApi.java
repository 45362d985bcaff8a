package io.streamingcompanion.chatbot.persona;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Wire shapes of {@code /api/chatbot/personas}. */
public final class PersonaApi {

    private PersonaApi() {
    }

    /** A whole persona: create (POST) and replace (PUT) take the same shape. */
    public record PersonaRequest(
            @NotBlank(message = "must not be blank") @Size(max = 60, message = "must be at most 60 characters") String name,
            @Pattern(regexp = "#[0-9a-fA-F]{6}", message = "must be a colour like #ff8800") String color,
            @Size(max = 500, message = "must be at most 500 characters")
            @Pattern(regexp = "https://\\S+", message = "must be an https URL") String avatarUrl,
            @Min(value = -1000, message = "must be at least -1000") @Max(value = 1000, message = "must be at most 1000") Integer priority,
            Boolean enabled,
            @Min(value = 0, message = "must be 0 or more") @Max(value = 86_400, message = "must be at most 86400") Integer cooldownSeconds,
            @Min(value = 0, message = "must be 0 or more") @Max(value = 86_400, message = "must be at most 86400") Integer senderCooldownSeconds,
            @NotEmpty(message = "must have at least one trigger") @Size(max = 20, message = "must be at most 20 triggers")
            List<@Valid @NotNull(message = "must not be null") TriggerRequest> triggers) {
    }

    public record TriggerRequest(
            @NotNull(message = "is required")
            @Pattern(regexp = "(?i)command|keyword|regex|tip|goal_completed", message = "must be one of command|keyword|regex|tip|goal_completed")
            String kind,
            @Size(max = 200, message = "must be at most 200 characters") String pattern,
            @Min(value = 1, message = "must be greater than 0") @Max(value = 100_000_000_00L, message = "is too large") Long minAmountCents,
            @Min(value = 0, message = "must be 0 or more") @Max(value = 86_400, message = "must be at most 86400") Integer cooldownSeconds,
            @NotEmpty(message = "must have at least one template") @Size(max = 10, message = "must be at most 10 templates")
            List<@NotBlank(message = "must not be blank") @Size(max = 500, message = "must be at most 500 characters") String> templates) {
    }

    /** PATCH: switch a persona on or off without resending it. */
    public record PersonaToggle(@NotNull(message = "is required") Boolean enabled) {
    }

    public record PersonaResponse(UUID id, String name, String color, String avatarUrl, int priority, boolean enabled,
                                  int cooldownSeconds, int senderCooldownSeconds, List<TriggerResponse> triggers,
                                  Instant createdAt, Instant updatedAt) {
    }

    public record TriggerResponse(String kind, String pattern, Long minAmountCents, int cooldownSeconds,
                                  List<String> templates) {
    }

    /** The variables templates may use, for the dashboard's editor. */
    public record TemplateVariable(String name, String meaning) {
    }
}
