package io.streamingcompanion.tip.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Backoff} and the Retry-After reading of {@link FeedClient}: pure arithmetic, no service. */
class BackoffTest {

    private static final Duration BASE = Duration.ofSeconds(1);
    private static final Duration MAX = Duration.ofSeconds(60);

    private static Backoff withRandom(double value) {
        return new Backoff(BASE, MAX, () -> value);
    }

    @Test
    void doublesFromTheBaseWithEqualJitter() {
        Backoff lowest = withRandom(0.0);
        Backoff highest = withRandom(0.999_999);
        long ceiling = 1_000;
        for (int failures = 1; failures <= 6; failures++) {
            assertEquals(ceiling / 2, lowest.delay(failures, null).toMillis(), "half fixed after " + failures);
            assertEquals(ceiling - 1, highest.delay(failures, null).toMillis(), "up to the ceiling after " + failures);
            ceiling *= 2;
        }
        assertEquals(750, withRandom(0.5).delay(1, null).toMillis());
    }

    @Test
    void isCappedAndNeverOverflows() {
        for (int failures : new int[] {7, 8, 20, 31, 1_000, Integer.MAX_VALUE}) {
            assertEquals(30_000, withRandom(0.0).delay(failures, null).toMillis(), "failures " + failures);
            assertTrue(withRandom(0.999_999).delay(failures, null).compareTo(MAX) <= 0, "failures " + failures);
        }
        // Zero or negative counts (never passed, but harmless) wait as for the first failure.
        assertEquals(500, withRandom(0.0).delay(0, null).toMillis());
        assertEquals(500, withRandom(0.0).delay(-3, null).toMillis());
    }

    @Test
    void jitterStaysWithinItsBounds() {
        Random random = new Random(42);
        Backoff backoff = new Backoff(BASE, MAX, random::nextDouble);
        long lowest = Long.MAX_VALUE;
        long highest = 0;
        for (int i = 0; i < 2_000; i++) {
            long delay = backoff.delay(3, null).toMillis();
            assertTrue(delay >= 2_000 && delay < 4_000, "third failure waits 2 to 4 s: " + delay);
            lowest = Math.min(lowest, delay);
            highest = Math.max(highest, delay);
        }
        assertTrue(highest - lowest > 1_500, "replicas failing together spread out: " + lowest + ".." + highest);
    }

    @Test
    void retryAfterWinsOnlyWhenLonger() {
        assertEquals(Duration.ofSeconds(30), withRandom(0.0).delay(1, Duration.ofSeconds(30)));
        assertEquals(Duration.ofMillis(500), withRandom(0.0).delay(1, Duration.ofMillis(100)));
        // Beyond the cap too: the platform's word counts (FeedClient bounds it to an hour).
        assertEquals(Duration.ofMinutes(5), withRandom(0.999).delay(40, Duration.ofMinutes(5)));
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        assertEquals(Duration.ofSeconds(7), FeedClient.retryAfter("7"));
        assertEquals(Duration.ofSeconds(7), FeedClient.retryAfter(" 7 "));
        assertEquals(Duration.ZERO, FeedClient.retryAfter("0"));
        assertEquals(Duration.ZERO, FeedClient.retryAfter("-5"));
        assertEquals(Duration.ofHours(1), FeedClient.retryAfter("999999"), "capped at an hour");
        String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(120));
        Duration fromDate = FeedClient.retryAfter(inTwoMinutes);
        assertTrue(fromDate.compareTo(Duration.ofSeconds(115)) >= 0 && fromDate.compareTo(Duration.ofSeconds(120)) <= 0,
                "HTTP date two minutes ahead: " + fromDate);
        assertEquals(Duration.ZERO, FeedClient.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT"), "a past date: at once");
        assertEquals(Duration.ofHours(1), FeedClient.retryAfter(DateTimeFormatter.RFC_1123_DATE_TIME
                .format(ZonedDateTime.now(ZoneOffset.UTC).plusDays(3))));
        assertNull(FeedClient.retryAfter(null));
        assertNull(FeedClient.retryAfter(""));
        assertNull(FeedClient.retryAfter("soon"));
        assertNull(FeedClient.retryAfter("1.5"));
    }
}
