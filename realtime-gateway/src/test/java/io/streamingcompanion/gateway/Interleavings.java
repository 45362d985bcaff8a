package io.streamingcompanion.gateway;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs two actions on two threads released at the same instant, many times over, so that a race between them
 * shows up in a plain unit test: a check after each round sees whatever interleaving that round produced.
 */
public final class Interleavings implements AutoCloseable {

    /** One round: prepares its state, then returns the two actions to race and the check to run after both. */
    public interface Round {
        Race prepare(int round);
    }

    public record Race(Runnable first, Runnable second, Runnable check) {
    }

    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final CyclicBarrier start = new CyclicBarrier(2);

    public void run(int rounds, Round round) throws Exception {
        for (int i = 0; i < rounds; i++) {
            Race race = round.prepare(i);
            Future<?> first = threads.submit(() -> released(race.first()));
            Future<?> second = threads.submit(() -> released(race.second()));
            first.get(10, TimeUnit.SECONDS);
            second.get(10, TimeUnit.SECONDS);
            race.check().run();
        }
    }

    private Void released(Runnable action) throws Exception {
        start.await();
        action.run();
        return null;
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
