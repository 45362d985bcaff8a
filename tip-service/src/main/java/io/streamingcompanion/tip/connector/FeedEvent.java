package io.streamingcompanion.tip.connector;

/**
 * What a platform's feed reports, in the suite's terms; each adapter maps its own format onto these. {@code id}
 * is the platform's event id (a tip's externalId).
 */
public sealed interface FeedEvent {

    String id();

    /** A tip; {@code tipperName} is null when the tipper chose to stay anonymous. Amount in cents of the creator's unit. */
    record Tip(String id, long amountCents, String tipperName, String message) implements FeedEvent {
    }

    record BroadcastStarted(String id) implements FeedEvent {
    }

    record BroadcastStopped(String id) implements FeedEvent {
    }

    record ViewerEntered(String id, String username) implements FeedEvent {
    }

    record ViewerLeft(String id, String username) implements FeedEvent {
    }

    record ChatMessage(String id, String username, String message) implements FeedEvent {
    }

    /** A follow, fan-club join or media purchase: worth showing, no money counted here. */
    record Highlight(String id, String kind, String username) implements FeedEvent {
    }

    /** Known to the platform but not used by the suite (private messages, unfollows, subject changes). */
    record Ignored(String id, String method) implements FeedEvent {
    }

    /** A method this adapter does not know: counted in a metric, never an error. */
    record Unknown(String id, String method) implements FeedEvent {
    }
}
