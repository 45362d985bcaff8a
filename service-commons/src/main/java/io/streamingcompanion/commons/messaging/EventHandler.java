package io.streamingcompanion.commons.messaging;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.contracts.EventEnvelope;

/** Applies one domain event of a known type; the payload is already read and typed. */
@FunctionalInterface
public interface EventHandler<P> {

    Uni<Void> handle(EventEnvelope envelope, P payload);
}
