package io.streamingcompanion.chatbot.tts;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** Wire shapes of {@code /api/tts}. */
public final class TtsApi {

    private TtsApi() {
    }

    private static final String NO_CONTROL = "[^\\p{Cc}]*";

    /** Settings as saved or shown; on PUT, a field left out keeps its current value. */
    public record SettingsBody(
            Boolean enabled,
            @Min(value = 1, message = "must be greater than 0") @Max(value = 10_000_000_00L, message = "is too large") Long minAmountCents,
            @Size(min = 1, max = 64, message = "must be 1 to 64 characters") String voice,
            @DecimalMin(value = "0.5", message = "must be at least 0.5") @DecimalMax(value = "2.0", message = "must be at most 2.0") Double rate,
            @Min(value = 20, message = "must be at least 20") @Max(value = 500, message = "must be at most 500") Integer maxCharacters,
            @Size(max = 200, message = "must be at most 200 characters")
            @Pattern(regexp = "[^\\p{Cc}]*\\S[^\\p{Cc}]*", message = "must not be blank or contain control characters") String template,
            FiltersBody filters,
            @Size(max = 200, message = "must be at most 200 words")
            List<@NotBlank(message = "must not be blank") @Size(max = 50, message = "must be at most 50 characters")
                 @Pattern(regexp = NO_CONTROL, message = "must not contain control characters") String> blockedWords) {
    }

    public record FiltersBody(Boolean profanity, Boolean links, Boolean emails, Boolean phoneNumbers, Boolean repeatedCharacters) {
    }

    public record PreviewRequest(
            @NotBlank(message = "must not be blank") @Size(max = 300, message = "must be at most 300 characters") String text,
            @Size(min = 1, max = 64, message = "must be 1 to 64 characters") String voice,
            @DecimalMin(value = "0.5", message = "must be at least 0.5") @DecimalMax(value = "2.0", message = "must be at most 2.0") Double rate) {
    }

    public record SkipRequest(@NotNull(message = "is required") UUID sessionId) {
    }

    public static SettingsBody body(SpeechPreferences preferences) {
        SpeechPreferences.Filters filters = preferences.filters();
        return new SettingsBody(preferences.enabled(), preferences.minAmountCents(), preferences.voice(), preferences.rate(),
                preferences.maxCharacters(), preferences.template(), new FiltersBody(filters.profanity(), filters.links(),
                filters.emails(), filters.phoneNumbers(), filters.repeatedCharacters()), preferences.blockedWords());
    }

    /** The current settings with what the body names changed. */
    public static SpeechPreferences merge(SpeechPreferences current, SettingsBody body) {
        FiltersBody filters = body.filters() != null ? body.filters() : new FiltersBody(null, null, null, null, null);
        SpeechPreferences.Filters now = current.filters();
        return new SpeechPreferences(
                or(body.enabled(), current.enabled()), or(body.minAmountCents(), current.minAmountCents()),
                or(body.voice(), current.voice()), or(body.rate(), current.rate()),
                or(body.maxCharacters(), current.maxCharacters()), or(body.template(), current.template()),
                new SpeechPreferences.Filters(or(filters.profanity(), now.profanity()), or(filters.links(), now.links()),
                        or(filters.emails(), now.emails()), or(filters.phoneNumbers(), now.phoneNumbers()),
                        or(filters.repeatedCharacters(), now.repeatedCharacters())),
                or(body.blockedWords(), current.blockedWords()));
    }

    private static <T> T or(T value, T current) {
        return value != null ? value : current;
    }
}
