package io.streamingcompanion.commons.messaging;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Lets a consumer apply the records of its partitions concurrently while each record key keeps its order: a
 * record starts once the previous record with the same key is done, records with other keys do not wait for
 * it. Kafka orders records only per partition, and producers rely on that only per key (the key picks the
 * partition), so no order anyone relies on is lost. What a consumer gains: where each record waits for a
 * round trip (a Redis append), a partition no longer applies one record per round trip.
 *
 * <p>At most {@code capacity} records are in flight; {@link #room()} tells the channel when to hand over the next
 * one. A record's work must not fail (the {@link EventDispatcher}'s never does); a failure still releases its
 * key and its place.
 */
public final class KeyedPipeline {

    private static final CompletableFuture<Void> NOW = CompletableFuture.completedFuture(null);

    private final int capacity;
    /** Per key, the completion of its last record in flight. */
    private final Map<String, CompletableFuture<Void>> lastOfKey = new HashMap<>();
    private int inFlight;
    private CompletableFuture<Void> roomWaiter;

    public KeyedPipeline(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Starts {@code work} after the previous record of {@code key} (null: records without a key, in order among
     * themselves) and completes when it is done.
     */
    public CompletionStage<Void> submit(String key, Supplier<? extends CompletionStage<?>> work) {
        String orderKey = key == null ? "" : key;
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> previous;
        synchronized (this) {
            previous = lastOfKey.put(orderKey, done);
            inFlight++;
        }
        if (previous == null) {
            start(orderKey, done, work);
        } else {
            previous.whenComplete((ignored, failure) -> start(orderKey, done, work));
        }
        return done;
    }

    /** Completes once fewer than {@code capacity} records are in flight. */
    public synchronized CompletionStage<Void> room() {
        if (inFlight < capacity) {
            return NOW;
        }
        if (roomWaiter == null) {
            roomWaiter = new CompletableFuture<>();
        }
        return roomWaiter;
    }

    public synchronized int inFlight() {
        return inFlight;
    }

    private void start(String key, CompletableFuture<Void> done, Supplier<? extends CompletionStage<?>> work) {
        CompletionStage<?> running;
        try {
            running = work.get();
        } catch (RuntimeException e) {
            finished(key, done, e);
            return;
        }
        running.whenComplete((ignored, failure) -> finished(key, done, failure));
    }

    private void finished(String key, CompletableFuture<Void> done, Throwable failure) {
        CompletableFuture<Void> waiter = null;
        synchronized (this) {
            inFlight--;
            lastOfKey.remove(key, done);
            if (roomWaiter != null && inFlight < capacity) {
                waiter = roomWaiter;
                roomWaiter = null;
            }
        }
        if (failure == null) {
            done.complete(null);
        } else {
            done.completeExceptionally(failure);
        }
        if (waiter != null) {
            waiter.complete(null);
        }
    }
}
