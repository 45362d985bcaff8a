package io.streamingcompanion.tip;

import static io.streamingcompanion.tip.TipTestSupport.as;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.Topics;
import io.streamingcompanion.contracts.tip.TipReceived;
import io.streamingcompanion.testsupport.DomainEventConsumer;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
class ConcurrentTipsTest {

    @Test
    void twoHundredConcurrentTipsGiveExactTotalsAndOneEventEach() throws Exception {
        String creator = "creator-" + UUID.randomUUID();
        UUID session = TipTestSupport.liveSession(creator);
        int tips = 200;
        long expectedCents = 0;
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 1; i <= tips; i++) {
            int amount = 100 + i;
            expectedCents += amount;
            calls.add(() -> as(creator).body(Map.of("sessionId", session, "amountCents", amount, "tipperName", "fan"))
                    .post("/api/tips").statusCode());
        }
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            for (Future<Integer> status : pool.invokeAll(calls)) {
                assertEquals(201, status.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertArrayEquals(new long[] {expectedCents, tips}, TipTestSupport.totals(session));

        try (DomainEventConsumer events = new DomainEventConsumer(Topics.TIPS)) {
            var records = events.recordsFor(session.toString(), Duration.ofSeconds(8));
            TreeSet<Integer> counts = new TreeSet<>();
            long maxTotal = 0;
            for (var record : records) {
                TipReceived tip = EventJson.payload(EventJson.read(record.value()), EventTypes.TIP_RECEIVED);
                counts.add(tip.sessionTotals().tipCount());
                maxTotal = Math.max(maxTotal, tip.sessionTotals().totalTipsCents());
            }
            assertEquals(tips, records.size(), "one event per tip");
            // Each tip saw a distinct running count 1..200: the totals were taken one tip at a time.
            assertEquals(tips, counts.size());
            assertEquals(1, counts.first());
            assertEquals(tips, counts.last());
            assertEquals(expectedCents, maxTotal);
        }
    }
}
