package io.streamingcompanion.tip.connector;

import io.vertx.core.buffer.Buffer;

/**
 * One platform's feed: how its URL looks, how to ask it for events and how to read its answer. The rest of the
 * connector (encrypted store, lease, poll loop, backoff, effects) is shared: a second platform is one more
 * implementation of this interface, registered as a CDI bean.
 */
public interface PlatformAdapter {

    /** As stored and as the API path spells it, e.g. {@code chaturbate}; also the session platform. */
    String platform();

    /** A URL the creator pasted: checked (host, scheme, shape) and described. */
    FeedAddress parse(String url) throws FeedUrlPolicy.Refused;

    /** The request for a position (the pasted URL or a nextUrl), asking the feed to wait up to {@code timeoutSeconds}. */
    String pollUrl(String position, int timeoutSeconds) throws FeedUrlPolicy.Refused;

    /** @throws FeedFormatException when the body is not the documented format (or names a forbidden nextUrl) */
    FeedPage read(Buffer body) throws FeedFormatException;

    /** A pasted URL, checked: the platform account it belongs to and a form safe to show (without the token). */
    record FeedAddress(String url, String account, String maskedUrl) {
    }

    final class FeedFormatException extends Exception {
        public FeedFormatException(String reason) {
            super(reason, null, false, false);
        }
    }
}
