package io.streamingcompanion.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what the gateway logs as errors, or as warnings with an exception, while a test runs (the
 * application shares the test's JVM and log manager), so a test can prove that hostile input caused none.
 */
final class UnhandledFailureWatcher extends Handler implements AutoCloseable {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    static UnhandledFailureWatcher start() {
        UnhandledFailureWatcher watcher = new UnhandledFailureWatcher();
        Logger.getLogger("").addHandler(watcher);
        return watcher;
    }

    @Override
    public void publish(LogRecord record) {
        boolean error = record.getLevel().intValue() >= Level.SEVERE.intValue();
        boolean warningWithException = record.getLevel().intValue() >= Level.WARNING.intValue() && record.getThrown() != null;
        // Kafka's clients log broker reconnects of the shared test infrastructure, which no frame causes.
        if ((error || warningWithException) && !String.valueOf(record.getLoggerName()).startsWith("org.apache.kafka")) {
            records.add(record);
        }
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (LogRecord record : records) {
            problems.add("logged " + record.getLevel() + " [" + record.getLoggerName() + "] " + record.getMessage()
                    + (record.getThrown() == null ? "" : ": " + record.getThrown()));
        }
        return problems;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
