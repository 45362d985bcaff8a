package io.streamingcompanion.gateway.socket;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A token bucket per socket, checked before a frame is even parsed: every frame a socket sends costs the
 * gateway a parse and often a Redis or service call, so one socket must not be able to send thousands a
 * second. A refused frame is answered with {@code rate_limited}; a socket that keeps flooding is closed
 * with 1008 (policy violation), so a runaway client reconnects slower instead of being answered forever.
 */
@ApplicationScoped
public class FrameRateLimiter {

    public enum Admission { ALLOWED, LIMITED, CLOSE }

    /** Policy violation: the close code for a client that broke the rules, not the server. */
    public static final int POLICY_VIOLATION = 1008;

    private static final TypedKey<Bucket> BUCKET = new TypedKey<>("gateway.frame-bucket");

    private final GatewayConfig.RateLimit config;
    private final ObjectMapper json;

    public FrameRateLimiter(GatewayConfig config, ObjectMapper json) {
        this.config = config.rateLimit();
        this.json = json;
    }

    public Admission admit(WebSocketConnection connection) {
        Bucket bucket = connection.userData().get(BUCKET);
        if (bucket == null) {
            bucket = new Bucket(config.burst(), System.nanoTime());
            connection.userData().put(BUCKET, bucket);
        }
        return bucket.take(System.nanoTime(), config);
    }

    /** Null when this socket may send a frame now; otherwise the answer to the frame it sent too soon. */
    public Uni<Void> refusal(WebSocketConnection connection) {
        Admission admission = admit(connection);
        return admission == Admission.ALLOWED ? null : refuse(connection, admission);
    }

    /** Frames are JSON text; a binary frame is answered (within the rate), not dropped, so a client learns why. */
    public Uni<Void> answerBinary(WebSocketConnection connection) {
        Uni<Void> refusal = refusal(connection);
        return refusal != null ? refusal
                : Frames.send(connection, json, Frames.error("invalid_message", "Frames must be JSON text, not binary", null));
    }

    /** The answer to a frame that was not admitted. */
    public Uni<Void> refuse(WebSocketConnection connection, Admission admission) {
        if (!connection.isOpen()) {
            // Frames that were queued before the close are dropped without another answer.
            return Uni.createFrom().voidItem();
        }
        String message = admission == Admission.CLOSE
                ? "Too many messages; closing"
                : "Too many messages: at most " + config.messagesPerSecond() + " per second";
        Uni<Void> answered = Frames.sendQuietly(connection, json, Frames.error("rate_limited", message, null));
        if (admission != Admission.CLOSE) {
            return answered;
        }
        Log.infof("Closing socket %s (%s): it kept sending above the rate limit", connection.id(), connection.endpointId());
        return answered.chain(() -> Frames.closeQuietly(connection, POLICY_VIOLATION, "rate limit"));
    }

    static final class Bucket {
        private double tokens;
        private long refilledAt;
        private long windowStartedAt;
        private int refusedInWindow;

        Bucket(int burst, long now) {
            this.tokens = burst;
            this.refilledAt = now;
            this.windowStartedAt = now;
        }

        synchronized Admission take(long now, GatewayConfig.RateLimit config) {
            tokens = Math.min(config.burst(), tokens + (now - refilledAt) / 1e9 * config.messagesPerSecond());
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return Admission.ALLOWED;
            }
            if (now - windowStartedAt > config.refusedWindow().toNanos()) {
                windowStartedAt = now;
                refusedInWindow = 0;
            }
            refusedInWindow++;
            return refusedInWindow >= config.closeAfterRefused() ? Admission.CLOSE : Admission.LIMITED;
        }
    }
}
