package io.streamingcompanion.localsuite.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies in microseconds, recorded from many event-loop threads at tens of thousands per second, in
 * log-linear buckets: exact below 256 µs, then 128 buckets per power of two (under 0.8 % error). A million
 * and a half samples per run would otherwise be a list to sort; percentiles are read as the highest value of
 * their bucket, so they are never reported lower than measured.
 */
final class LatencyHistogram {

    private static final int SUB_BUCKET_BITS = 7;
    private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
    private static final int EXACT = 2 * SUB_BUCKETS;
    private static final int BUCKETS = EXACT + (64 - SUB_BUCKET_BITS) * SUB_BUCKETS;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final AtomicLong max = new AtomicLong();

    void record(long micros) {
        long value = Math.max(0, micros);
        counts.incrementAndGet(index(value));
        max.accumulateAndGet(value, Math::max);
    }

    long count() {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            total += counts.get(i);
        }
        return total;
    }

    long maxMicros() {
        return max.get();
    }

    /** The value at or below which {@code percentile} % of the samples lie; -1 with no samples. */
    long percentileMicros(double percentile) {
        long total = count();
        if (total == 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return Math.min(highestValueIn(i), max.get());
            }
        }
        return max.get();
    }

    void addTo(LatencyHistogram total) {
        for (int i = 0; i < BUCKETS; i++) {
            long count = counts.get(i);
            if (count > 0) {
                total.counts.addAndGet(i, count);
            }
        }
        total.max.accumulateAndGet(max.get(), Math::max);
    }

    static int index(long value) {
        if (value < EXACT) {
            return (int) value;
        }
        int shift = 63 - Long.numberOfLeadingZeros(value) - SUB_BUCKET_BITS;
        return EXACT + (shift - 1) * SUB_BUCKETS + (int) ((value >> shift) - SUB_BUCKETS);
    }

    static long highestValueIn(int index) {
        if (index < EXACT) {
            return index;
        }
        int shift = (index - EXACT) / SUB_BUCKETS + 1;
        long subBucket = (index - EXACT) % SUB_BUCKETS + SUB_BUCKETS;
        return ((subBucket + 1) << shift) - 1;
    }
}
