package io.streamingcompanion.contracts.tip;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code streaming.tip.received} v1, keyed by session id. {@code sessionTotals} are the session's totals
 * after this tip, excluding test tips; a test tip ({@code test = true}) is shown on overlays but counted
 * nowhere (totals, goals, analytics). {@code menuItem} is the creator's active tip-menu item whose price
 * equals the amount, if any (the cam-site tip-menu behaviour), as tip-service knew the menu at that moment.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TipReceived(
        UUID tipId,
        UUID sessionId,
        String creatorId,
        long amountCents,
        String tipperName,
        String message,
        String source,
        String externalId,
        boolean test,
        Instant receivedAt,
        SessionTotals sessionTotals,
        MenuItemRef menuItem) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SessionTotals(long totalTipsCents, int tipCount) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MenuItemRef(UUID id, String title, String category, long priceCents) {
    }
}
