package io.streamingcompanion.commons.messaging;

/**
 * Thrown by a handler for an event it can never apply (it names something impossible, breaks an
 * invariant): retrying cannot help, so the dispatcher dead-letters it at once.
 */
public class PoisonEventException extends IllegalArgumentException {

    public PoisonEventException(String message) {
        super(message);
    }
}
