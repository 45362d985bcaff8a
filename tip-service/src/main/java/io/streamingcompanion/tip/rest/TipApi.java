package io.streamingcompanion.tip.rest;

import io.streamingcompanion.tip.domain.TipSource;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the Tips API. */
public final class TipApi {

    private TipApi() {
    }

    public record RecordTipRequest(
            @NotNull(message = "is required") UUID sessionId,
            @NotNull(message = "is required") @Positive(message = "must be a positive number of cents") Long amountCents,
            @Size(max = 100, message = "must be at most 100 characters") String tipperName,
            @Size(max = 500, message = "must be at most 500 characters") String message,
            @Pattern(regexp = TipSource.VALUES, message = "must be one of " + TipSource.VALUES) String source,
            @Size(min = 1, max = 200, message = "must be 1 to 200 characters") String externalId,
            Boolean test) {
    }

    public record MenuItemResponse(UUID id, String title, String category, long priceCents) {
    }

    public record SessionTotalsResponse(long totalTipsCents, int tipCount) {
    }

    public record TipResponse(
            UUID id,
            UUID sessionId,
            long amountCents,
            String tipperName,
            String message,
            String source,
            String externalId,
            boolean test,
            Instant receivedAt,
            MenuItemResponse menuItem,
            SessionTotalsResponse sessionTotals) {
    }

    public record TipPage(List<TipResponse> items, int page, int size, long total, long totalPages) {
    }
}
