package io.streamingcompanion.commons.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyedPipelineTest {

    /** Work that starts when the pipeline calls it and ends when the test says so. */
    private static final class Step {
        final String name;
        final List<String> started;
        final CompletableFuture<Void> end = new CompletableFuture<>();

        Step(String name, List<String> started) {
            this.name = name;
            this.started = started;
        }

        CompletionStage<Void> run() {
            started.add(name);
            return end;
        }
    }

    @Test
    void aKeyWaitsForItsPreviousRecordWhileOtherKeysGoAhead() {
        List<String> started = new ArrayList<>();
        KeyedPipeline pipeline = new KeyedPipeline(10);
        Step a1 = new Step("a1", started);
        Step a2 = new Step("a2", started);
        Step b1 = new Step("b1", started);
        Step a3 = new Step("a3", started);
        CompletionStage<Void> a1Done = pipeline.submit("a", a1::run);
        CompletionStage<Void> a2Done = pipeline.submit("a", a2::run);
        pipeline.submit("b", b1::run);
        pipeline.submit("a", a3::run);
        assertEquals(List.of("a1", "b1"), started, "a2 and a3 wait for a1; b1 does not");

        b1.end.complete(null);
        assertEquals(List.of("a1", "b1"), started);
        a1.end.complete(null);
        assertTrue(a1Done.toCompletableFuture().isDone());
        assertEquals(List.of("a1", "b1", "a2"), started, "a2 starts once a1 is done, a3 still waits");
        a2.end.complete(null);
        assertTrue(a2Done.toCompletableFuture().isDone());
        assertEquals(List.of("a1", "b1", "a2", "a3"), started);
        a3.end.complete(null);
        assertEquals(0, pipeline.inFlight());
    }

    @Test
    void recordsWithoutAKeyKeepTheirOrderAmongThemselves() {
        List<String> started = new ArrayList<>();
        KeyedPipeline pipeline = new KeyedPipeline(10);
        Step first = new Step("first", started);
        Step second = new Step("second", started);
        pipeline.submit(null, first::run);
        pipeline.submit(null, second::run);
        assertEquals(List.of("first"), started);
        first.end.complete(null);
        assertEquals(List.of("first", "second"), started);
    }

    @Test
    void theNextRecordIsAskedForOnlyWhileThereIsRoom() {
        List<String> started = new ArrayList<>();
        KeyedPipeline pipeline = new KeyedPipeline(2);
        Step a = new Step("a", started);
        Step b = new Step("b", started);
        pipeline.submit("a", a::run);
        assertTrue(pipeline.room().toCompletableFuture().isDone());
        pipeline.submit("b", b::run);
        CompletableFuture<Void> room = pipeline.room().toCompletableFuture();
        assertFalse(room.isDone(), "two in flight, capacity two");
        b.end.complete(null);
        assertTrue(room.isDone(), "room again once one is done");
        assertEquals(1, pipeline.inFlight());
    }

    @Test
    void aFailingRecordStillReleasesItsKeyAndItsPlace() {
        List<String> started = new ArrayList<>();
        KeyedPipeline pipeline = new KeyedPipeline(1);
        Step after = new Step("after", started);
        CompletionStage<Void> failed = pipeline.submit("a", () -> {
            throw new IllegalStateException("boom");
        });
        assertTrue(failed.toCompletableFuture().isCompletedExceptionally());
        pipeline.submit("a", after::run);
        assertEquals(List.of("after"), started);
        after.end.complete(null);
        assertEquals(0, pipeline.inFlight());
        assertTrue(pipeline.room().toCompletableFuture().isDone());
    }
}
