package io.streamingcompanion.session.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.streamingcompanion.session.domain.Platform;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request and response bodies of the Sessions API. */
public final class SessionApi {

    private SessionApi() {
    }

    public record StartSessionRequest(
            @NotNull(message = "is required")
            @Pattern(regexp = Platform.VALUES, message = "must be one of " + Platform.VALUES)
            String platform,
            @Size(max = 200, message = "must be at most 200 characters") String title,
            Map<String, Object> metadata) {
    }

    /** PATCH: a field that is absent (or null) is left as it is. */
    public record UpdateSessionRequest(
            @Size(max = 200, message = "must be at most 200 characters") String title,
            @Size(max = 10000, message = "must be at most 10000 characters") String notes,
            Map<String, Object> metadata) {
    }

    public record ViewerCountRequest(
            @NotNull(message = "is required")
            @jakarta.validation.constraints.Min(value = 0, message = "must be 0 or more")
            @jakarta.validation.constraints.Max(value = 10_000_000, message = "must be at most 10000000") Integer viewerCount) {
    }

    public record AddNoteRequest(
            @NotBlank(message = "must not be blank")
            @Size(max = 2000, message = "must be at most 2000 characters") String body) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SessionResponse(
            UUID id,
            String creatorId,
            String platform,
            String status,
            String title,
            String notes,
            Map<String, Object> metadata,
            Instant startedAt,
            Instant endedAt,
            long durationSeconds,
            long totalTipsCents,
            int tipCount,
            int currentViewers,
            int peakViewers) {
    }

    public record NoteResponse(UUID id, UUID sessionId, String body, Instant createdAt) {
    }

    public record SessionPage(List<SessionResponse> items, int page, int size, long total, long totalPages) {
    }
}
