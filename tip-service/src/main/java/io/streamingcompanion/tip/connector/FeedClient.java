package io.streamingcompanion.tip.connector;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.tip.config.TipServiceConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Fetches feed pages, non-blocking (Vert.x), with a connect timeout, a read timeout of the longpoll plus a
 * grace, no redirects, and a response-size limit enforced while reading. Failures are described by category
 * only: a transport exception's message can contain the request URI, and so the creator's token.
 */
@ApplicationScoped
public class FeedClient {

    /** An answer of the feed: its status, its body (on 200) and the wait it asked for (on 429/503). */
    public record Response(int status, Buffer body, Duration retryAfter) {
    }

    /** A request that got no usable answer; {@code reason} is safe to log and show. */
    public static final class Failure extends RuntimeException {
        public Failure(String reason) {
            super(reason, null, false, false);
        }
    }

    private final HttpClient client;
    private final TipServiceConfig.Connector config;

    public FeedClient(Vertx vertx, TipServiceConfig config) {
        this.config = config.connector();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) this.config.connectTimeout().toMillis())
                .setVerifyHost(true)
                .setTrustAll(false)
                .setMaxPoolSize(64)
                .setKeepAlive(true));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** GETs an already checked URL; completes with the answer, or fails with {@link Failure}. */
    public Uni<Response> get(String url, int timeoutSeconds) {
        long readTimeout = Duration.ofSeconds(timeoutSeconds).plus(config.readGrace()).toMillis();
        int limit = config.maxResponseBytes();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
                .setFollowRedirects(false).setTimeout(readTimeout).addHeader("Accept", "application/json");
        return Uni.createFrom().<Response>emitter(emitter -> client.request(options).onComplete(requested -> {
            if (requested.failed()) {
                emitter.fail(new Failure("could not connect to the feed"));
                return;
            }
            requested.result().send().onComplete(sent -> {
                if (sent.failed()) {
                    emitter.fail(new Failure("the feed did not answer in time"));
                    return;
                }
                var response = sent.result();
                int status = response.statusCode();
                Duration retryAfter = retryAfter(response.getHeader("Retry-After"));
                String length = response.getHeader("Content-Length");
                if (length != null && parseLong(length) > limit) {
                    response.request().connection().close();
                    emitter.fail(new Failure("the feed's answer was too large"));
                    return;
                }
                Buffer body = Buffer.buffer();
                boolean[] tooLarge = {false};
                response.handler(chunk -> {
                    if (tooLarge[0]) {
                        return;
                    }
                    if (body.length() + chunk.length() > limit) {
                        tooLarge[0] = true;
                        response.request().connection().close();
                        emitter.fail(new Failure("the feed's answer was too large"));
                        return;
                    }
                    body.appendBuffer(chunk);
                });
                response.exceptionHandler(error -> {
                    if (!tooLarge[0]) {
                        tooLarge[0] = true;
                        emitter.fail(new Failure("the feed's answer was cut off"));
                    }
                });
                response.endHandler(ended -> {
                    if (!tooLarge[0]) {
                        emitter.complete(new Response(status, body, retryAfter));
                    }
                });
            });
        }));
    }

    /** Seconds or an HTTP date; absent or unreadable is null. Capped at an hour: a feed cannot park us forever. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Duration wait;
        try {
            wait = Duration.ofSeconds(Long.parseLong(value.strip()));
        } catch (NumberFormatException notSeconds) {
            try {
                wait = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
            } catch (RuntimeException notADate) {
                return null;
            }
        }
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : wait;
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
