package io.streamingcompanion.chatbot.tts.engine;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.chatbot.config.ChatbotConfig;
import io.streamingcompanion.chatbot.tts.engine.SpeechEngine.SpeechAudio;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The only place synthesis runs: a few threads of its own behind a bounded queue, so a flood of tips never
 * blocks an event loop, never starves the worker pool that serves requests, and never queues without bound.
 * When it is full, {@link #synthesize} fails at once with {@link Busy} and the caller decides (a tip's clip
 * waits in the database, a preview answers 503).
 */
@ApplicationScoped
public class SynthesisPool {

    /** No room: the pool is working through as much as it may hold. */
    public static final class Busy extends RuntimeException {
        Busy() {
            super("Text-to-speech is busy", null, false, false);
        }
    }

    private final SpeechEngine engine;
    private final ThreadPoolExecutor executor;
    private final int capacity;
    private final AtomicInteger inFlight = new AtomicInteger();

    public SynthesisPool(SpeechEngine engine, ChatbotConfig config, MeterRegistry metrics) {
        this.engine = engine;
        int workers = Math.max(1, config.tts().workers());
        this.capacity = workers + Math.max(0, config.tts().queueCapacity());
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, config.tts().queueCapacity())), runnable -> {
                    Thread thread = new Thread(runnable, "tts-synthesis-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        Gauge.builder("tts.synthesis.in.flight", inFlight, AtomicInteger::get)
                .description("Clips being synthesized or waiting for a synthesis thread on this replica").register(metrics);
    }

    /** Room for this many more clips now. */
    public int freeSlots() {
        return Math.max(0, capacity - inFlight.get());
    }

    /** The clip, synthesized off the event loop; fails with {@link Busy} when the pool is full. */
    public Uni<SpeechAudio> synthesize(String text, String voice, double rate) {
        return Uni.createFrom().emitter(emitter -> {
            // Back on the caller's Vert.x context afterwards: what follows (a reactive transaction) needs it.
            Context caller = Vertx.currentContext();
            if (inFlight.incrementAndGet() > capacity) {
                inFlight.decrementAndGet();
                emitter.fail(new Busy());
                return;
            }
            try {
                executor.execute(() -> {
                    SpeechAudio audio = null;
                    Throwable failure = null;
                    try {
                        audio = engine.synthesize(text, voice, rate);
                    } catch (RuntimeException | Error e) {
                        failure = e;
                    } finally {
                        inFlight.decrementAndGet();
                    }
                    SpeechAudio result = audio;
                    Throwable error = failure;
                    Runnable finish = () -> {
                        if (error != null) {
                            emitter.fail(error);
                        } else {
                            emitter.complete(result);
                        }
                    };
                    if (caller != null) {
                        caller.runOnContext(ignored -> finish.run());
                    } else {
                        finish.run();
                    }
                });
            } catch (RejectedExecutionException e) {
                inFlight.decrementAndGet();
                emitter.fail(new Busy());
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
    }
}
