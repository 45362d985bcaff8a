package io.streamingcompanion.goalmenu.menu;

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

/** Request and response bodies of the Tip menu API. */
public final class MenuApi {

    public static final int MAX_POSITION = 10_000;

    private MenuApi() {
    }

    public record CreateMenuItemRequest(
            @NotBlank(message = "must not be blank")
            @Size(max = 100, message = "must be at most 100 characters") String title,
            @Size(max = 500, message = "must be at most 500 characters") String description,
            @NotNull(message = "is required")
            @Positive(message = "must be greater than 0")
            @Max(value = Money.MAX_CENTS, message = Money.MAX_CENTS_MESSAGE) Long priceCents,
            @NotNull(message = "is required")
            @Pattern(regexp = MenuCategory.VALUES, message = "must be one of " + MenuCategory.VALUES) String category,
            Boolean active,
            @Min(value = 0, message = "must be 0 or more")
            @Max(value = MAX_POSITION, message = "must be at most " + MAX_POSITION) Integer position) {
    }

    /** PATCH: a field that is absent (or null) is left as it is; an empty description removes it. */
    public record UpdateMenuItemRequest(
            @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
            @Size(max = 100, message = "must be at most 100 characters") String title,
            @Size(max = 500, message = "must be at most 500 characters") String description,
            @Positive(message = "must be greater than 0")
            @Max(value = Money.MAX_CENTS, message = Money.MAX_CENTS_MESSAGE) Long priceCents,
            @Pattern(regexp = MenuCategory.VALUES, message = "must be one of " + MenuCategory.VALUES) String category,
            Boolean active,
            @Min(value = 0, message = "must be 0 or more")
            @Max(value = MAX_POSITION, message = "must be at most " + MAX_POSITION) Integer position) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record MenuItemResponse(
            UUID id,
            String title,
            String description,
            long priceCents,
            String category,
            boolean active,
            int position,
            Instant createdAt,
            Instant updatedAt) {
    }

    /** What viewers see: active items only, nothing about the creator's drafts. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PublicMenuItem(UUID id, String title, String description, long priceCents, String category,
                                 int position) {
    }
}
