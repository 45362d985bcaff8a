package io.streamingcompanion.commons.messaging;

import io.quarkus.logging.Log;
import io.streamingcompanion.contracts.EventEnvelope;
import io.streamingcompanion.contracts.EventJson;
import java.util.Optional;

/**
 * Reads a Kafka record as an event envelope. A record that is not one (a poison message) is logged and
 * skipped, never thrown: a failing consumer method would stop the channel for every later event.
 */
public final class IncomingEvents {

    private IncomingEvents() {
    }

    public static Optional<EventEnvelope> read(String record, String channel) {
        if (record == null) {
            Log.warnf("Skipping an empty record on %s", channel);
            return Optional.empty();
        }
        try {
            return Optional.of(EventJson.read(record));
        } catch (RuntimeException e) {
            Log.warnf("Skipping a record on %s that is not an event: %s", channel, e.getMessage());
            return Optional.empty();
        }
    }
}
