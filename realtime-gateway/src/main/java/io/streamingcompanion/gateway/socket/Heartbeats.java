package io.streamingcompanion.gateway.socket;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import io.streamingcompanion.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server pings every socket (quarkus.websockets-next.server.auto-ping-interval); a socket that has
 * neither answered nor sent anything for {@code gateway.dead-after} is closed, so half-open TCP
 * connections (a sleeping laptop, a crashed OBS) do not linger and clients notice a dead link.
 */
@ApplicationScoped
public class Heartbeats {

    private final Map<String, Long> lastHeard = new ConcurrentHashMap<>();
    private final OpenConnections connections;
    private final GatewayConfig config;
    private final Vertx vertx;

    public Heartbeats(OpenConnections connections, GatewayConfig config, Vertx vertx) {
        this.connections = connections;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        long every = Math.max(1000, config.deadAfter().toMillis() / 3);
        vertx.setPeriodic(every, ignored -> closeSilentConnections());
    }

    public void heard(WebSocketConnection connection) {
        lastHeard.put(connection.id(), System.nanoTime());
    }

    public void forget(WebSocketConnection connection) {
        lastHeard.remove(connection.id());
    }

    void closeSilentConnections() {
        long deadline = System.nanoTime() - config.deadAfter().toNanos();
        for (WebSocketConnection connection : connections) {
            Long heard = lastHeard.get(connection.id());
            if (heard == null) {
                heard(connection);
            } else if (heard < deadline && connection.isOpen()) {
                Log.debugf("Closing silent socket %s", connection.id());
                connection.close().subscribe().with(ignored -> forget(connection), failure -> forget(connection));
            }
        }
    }
}
