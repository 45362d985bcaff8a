package io.streamingcompanion.goalmenu.goal;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.streamingcompanion.goalmenu.support.Money;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/** Request and response bodies of the Goals API. */
public final class GoalApi {

    public static final int MAX_POSITION = 10_000;

    private GoalApi() {
    }

    public record CreateGoalRequest(
            @NotNull(message = "is required") UUID sessionId,
            @NotBlank(message = "must not be blank")
            @Size(max = 200, message = "must be at most 200 characters") String title,
            @NotNull(message = "is required")
            @Positive(message = "must be greater than 0")
            @Max(value = Money.MAX_CENTS, message = Money.MAX_CENTS_MESSAGE) Long targetCents,
            @Min(value = 0, message = "must be 0 or more")
            @Max(value = MAX_POSITION, message = "must be at most " + MAX_POSITION) Integer position) {
    }

    /** PATCH: a field that is absent (or null) is left as it is. */
    public record UpdateGoalRequest(
            @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
            @Size(max = 200, message = "must be at most 200 characters") String title,
            @Positive(message = "must be greater than 0")
            @Max(value = Money.MAX_CENTS, message = Money.MAX_CENTS_MESSAGE) Long targetCents,
            @Min(value = 0, message = "must be 0 or more")
            @Max(value = MAX_POSITION, message = "must be at most " + MAX_POSITION) Integer position) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record GoalResponse(
            UUID id,
            UUID sessionId,
            String title,
            long targetCents,
            long currentCents,
            long remainingCents,
            int percentage,
            int position,
            boolean completed,
            Instant completedAt,
            Instant createdAt,
            Instant updatedAt) {
    }
}
