package io.streamingcompanion.tip.connector;

import java.util.List;

/** One answer of a feed: its events in order, and where to ask next (already checked by {@link FeedUrlPolicy}). */
public record FeedPage(List<FeedEvent> events, String nextUrl) {
}
