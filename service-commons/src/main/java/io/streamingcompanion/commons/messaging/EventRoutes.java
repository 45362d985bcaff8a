package io.streamingcompanion.commons.messaging;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.contracts.EventEnvelope;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One consumer's table from event type to handler. The consumer name is stable: it names the consumer in
 * logs, metrics, dead letters and, through its {@link HandlerScope}, in the record of applied events.
 */
public final class EventRoutes {

    private final String consumer;
    private final HandlerScope scope;
    private final Map<String, Route<?>> routes;
    private final Integer retryAttempts;

    private EventRoutes(String consumer, HandlerScope scope, Map<String, Route<?>> routes, Integer retryAttempts) {
        this.consumer = consumer;
        this.scope = scope;
        this.routes = Map.copyOf(routes);
        this.retryAttempts = retryAttempts;
    }

    public static Builder forConsumer(String consumer, HandlerScope scope) {
        return new Builder(consumer, scope);
    }

    public String consumer() {
        return consumer;
    }

    public Set<String> eventTypes() {
        return routes.keySet();
    }

    /** The route for this event's type, if this consumer handles it. */
    Optional<Route<?>> routeFor(EventEnvelope envelope) {
        return Optional.ofNullable(routes.get(envelope.type()));
    }

    HandlerScope scope() {
        return scope;
    }

    /** This consumer's own retry budget, when it differs from {@code streaming.consumer.retry.attempts}. */
    Optional<Integer> retryAttempts() {
        return Optional.ofNullable(retryAttempts);
    }

    /** A handler and the payload type it takes; reading the payload is a separate step so it can be told apart. */
    static final class Route<P> {

        private final EventType<P> type;
        private final EventHandler<P> handler;

        private Route(EventType<P> type, EventHandler<P> handler) {
            this.type = type;
            this.handler = handler;
        }

        /** Typed payload, or an {@link IllegalArgumentException} when it does not match the type's schema. */
        P read(EventEnvelope envelope) {
            P payload = EventJson.payload(envelope, type);
            if (payload == null) {
                throw new IllegalArgumentException("Event " + envelope.id() + " has no payload");
            }
            return payload;
        }

        Uni<Void> apply(EventEnvelope envelope, Object payload) {
            return handler.handle(envelope, type.payloadType().cast(payload));
        }
    }

    public static final class Builder {

        private final String consumer;
        private final HandlerScope scope;
        private final Map<String, Route<?>> routes = new LinkedHashMap<>();
        private Integer retryAttempts;

        private Builder(String consumer, HandlerScope scope) {
            if (consumer == null || consumer.isBlank()) {
                throw new IllegalArgumentException("A consumer needs a name");
            }
            this.consumer = consumer;
            this.scope = Objects.requireNonNull(scope);
        }

        public <P> Builder on(EventType<P> type, EventHandler<P> handler) {
            if (routes.putIfAbsent(type.name(), new Route<>(type, Objects.requireNonNull(handler))) != null) {
                throw new IllegalArgumentException(consumer + " already handles " + type.name());
            }
            return this;
        }

        /**
         * Retries before a failing event is dead-lettered, for a consumer whose dependency may be away longer
         * than the default minute and whose events lose their value when parked (live alerts).
         */
        public Builder retryAttempts(int attempts) {
            if (attempts < 0) {
                throw new IllegalArgumentException("attempts must be 0 or more");
            }
            this.retryAttempts = attempts;
            return this;
        }

        public EventRoutes build() {
            if (routes.isEmpty()) {
                throw new IllegalArgumentException(consumer + " handles no event type");
            }
            return new EventRoutes(consumer, scope, routes, retryAttempts);
        }
    }
}
