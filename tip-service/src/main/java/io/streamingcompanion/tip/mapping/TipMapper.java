package io.streamingcompanion.tip.mapping;

import io.streamingcompanion.contracts.tip.TipReceived;
import io.streamingcompanion.tip.domain.Tip;
import io.streamingcompanion.tip.domain.TipSession;
import io.streamingcompanion.tip.rest.TipApi.MenuItemResponse;
import io.streamingcompanion.tip.rest.TipApi.SessionTotalsResponse;
import io.streamingcompanion.tip.rest.TipApi.TipResponse;

/** Entity to API body and to event payload, in one place so both always say the same. */
public final class TipMapper {

    private TipMapper() {
    }

    public static TipResponse toResponse(Tip tip, TipSession totals) {
        MenuItemResponse menuItem = tip.menuItemId == null ? null
                : new MenuItemResponse(tip.menuItemId, tip.menuItemTitle, tip.menuItemCategory, tip.menuItemPriceCents);
        SessionTotalsResponse sessionTotals = totals == null ? null
                : new SessionTotalsResponse(totals.totalTipsCents, totals.tipCount);
        return new TipResponse(tip.id, tip.sessionId, tip.amountCents, tip.tipperName, tip.message, tip.source,
                tip.externalId, tip.test, tip.receivedAt, menuItem, sessionTotals);
    }

    public static TipReceived received(Tip tip, TipSession totals) {
        TipReceived.MenuItemRef menuItem = tip.menuItemId == null ? null
                : new TipReceived.MenuItemRef(tip.menuItemId, tip.menuItemTitle, tip.menuItemCategory, tip.menuItemPriceCents);
        return new TipReceived(tip.id, tip.sessionId, tip.creatorId, tip.amountCents, tip.tipperName, tip.message,
                tip.source, tip.externalId, tip.test, tip.receivedAt,
                new TipReceived.SessionTotals(totals.totalTipsCents, totals.tipCount), menuItem);
    }
}
