package io.streamingcompanion.localsuite.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcompanion.localsuite.bench.GatewayCapacityBenchmark.Outcome;
import io.streamingcompanion.localsuite.bench.GatewayCapacityBenchmark.Settings;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayCapacitySummaryTest {

    @Test
    void severalRunsAreTheDefaultAndAtLeastOneIsNeeded() {
        assertEquals(3, Settings.parse(new String[0]).runs());
        assertEquals(1, Settings.parse(new String[] {"--runs=1"}).runs());
        assertThrows(IllegalArgumentException.class, () -> Settings.parse(new String[] {"--runs=0"}));
    }

    @Test
    void theSummaryGivesEveryRunTheMedianAndHowOftenTheTargetWasMet() {
        String summary = GatewayCapacityBenchmark.summary(List.of(
                new Outcome("", 116_200, 0.93, true, false),
                new Outcome("", 72_700, 0.88, true, true),
                new Outcome("", 43_000, 0.91, true, true)));
        assertTrue(summary.contains("p99 (ms): 116.2 / 72.7 / 43.0 (median 72.7)"), summary);
        assertTrue(summary.contains("gateway CPU (s per s): 0.93 / 0.88 / 0.91"), summary);
        assertTrue(summary.contains("Target met in 2 of 3 runs"), summary);
    }

    @Test
    void anEvenNumberOfRunsHasTheMeanOfTheMiddleTwoAsItsMedian() {
        String summary = GatewayCapacityBenchmark.summary(List.of(
                new Outcome("", 40_000, 0.9, true, true), new Outcome("", 120_000, 0.9, true, false)));
        assertTrue(summary.contains("(median 80.0)"), summary);
        assertTrue(summary.contains("Target met in 1 of 2 runs"), summary);
    }

    @Test
    void multiReplicaRunsAreNotJudgedAndOneRunNeedsNoSummary() {
        String summary = GatewayCapacityBenchmark.summary(List.of(
                new Outcome("", 40_000, 1.5, false, true), new Outcome("", 50_000, 1.6, false, true)));
        assertTrue(summary.contains("not judged"), summary);
        assertEquals("", GatewayCapacityBenchmark.summary(List.of(new Outcome("", 40_000, 0.9, true, true))));
    }
}
