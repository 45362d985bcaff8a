package io.streamingcompanion.tip.connector;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How long a poller waits after failed requests: exponential from {@code base}, capped at {@code max}, with
 * "equal jitter" (half fixed, half random) so that replicas failing together do not retry together, and never
 * less than the feed's own Retry-After.
 */
public final class Backoff {

    private final Duration base;
    private final Duration max;
    private final DoubleSupplier random;

    public Backoff(Duration base, Duration max, DoubleSupplier random) {
        this.base = base;
        this.max = max;
        this.random = random;
    }

    /** @param failures consecutive failures so far (1 for the first) */
    public Duration delay(int failures, Duration retryAfter) {
        int exponent = Math.max(0, Math.min(failures - 1, 30));
        long ceiling = Math.min(max.toMillis(), base.toMillis() * (1L << Math.min(exponent, 20)));
        long delay = ceiling / 2 + (long) (random.getAsDouble() * (ceiling - ceiling / 2));
        Duration wait = Duration.ofMillis(delay);
        return retryAfter != null && retryAfter.compareTo(wait) > 0 ? retryAfter : wait;
    }
}
