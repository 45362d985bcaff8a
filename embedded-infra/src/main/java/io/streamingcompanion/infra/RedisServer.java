package io.streamingcompanion.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.jboss.logging.Logger;

/** A real Redis server (the binary shipped in a Maven Central artifact). */
public final class RedisServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RedisServer.class);

    private final redis.embedded.RedisServer delegate;
    private final int port;

    private RedisServer(redis.embedded.RedisServer delegate, int port) {
        this.delegate = delegate;
        this.port = port;
    }

    public static RedisServer start(int port) {
        int chosen = FreePorts.orPick(port);
        try {
            redis.embedded.RedisServer server = redis.embedded.RedisServer.newRedisServer()
                    .port(chosen)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .setting("maxclients 10000")
                    .onShutdownForceStop(true)
                    .build();
            server.start();
            LOG.infof("Redis listening on 127.0.0.1:%d", chosen);
            return new RedisServer(server, chosen);
        } catch (IOException e) {
            throw new UncheckedIOException("Redis did not start on port " + chosen, e);
        }
    }

    /** Stops the server, as an outage would; it keeps nothing (no persistence), like a Redis that lost its data. */
    public synchronized void stop() {
        try {
            delegate.stop();
            LOG.infof("Redis on 127.0.0.1:%d stopped", port);
        } catch (IOException e) {
            throw new UncheckedIOException("Redis did not stop", e);
        }
    }

    /** Starts it again on the same port (empty). */
    public synchronized void restart() {
        try {
            delegate.start();
            LOG.infof("Redis listening again on 127.0.0.1:%d", port);
        } catch (IOException e) {
            throw new UncheckedIOException("Redis did not start again on port " + port, e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            delegate.stop();
        } catch (IOException e) {
            LOG.warn("Redis did not stop cleanly", e);
        }
    }
}
