package io.streamingcompanion.analytics.domain;

import java.time.Instant;
import java.util.List;

/**
 * The latest rebuild of the read model: complete once every partition of its topics has been replayed up
 * to where it ended when the rebuild was asked for (records published since are applied as they come).
 */
public record RebuildStatus(long generation, Instant requestedAt, boolean complete, List<Partition> partitions) {

    /** {@code position}: the next offset the consumer applies; null before it has applied any record. */
    public record Partition(String consumer, String topic, int partition, long firstOffset, long endOffset,
                            Long position, boolean replayed) {
    }
}
