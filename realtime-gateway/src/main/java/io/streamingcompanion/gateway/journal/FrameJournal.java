package io.streamingcompanion.gateway.journal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.gateway.config.GatewayConfig;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The per-creator replay buffer, shared by every gateway replica through Redis:
 * <ul>
 * <li>{@code gateway:seq:<creatorId>}: the creator's last position (contiguous: every frame-producing event
 * takes the next one, so a client can tell a gap from silence);</li>
 * <li>{@code gateway:journal:<creatorId>}: a stream of the last {@code gateway.journal.max-entries} frames,
 * entry id {@code <position>-0};</li>
 * <li>{@code gateway:state:<creatorId>} (active session, menu) and
 * {@code gateway:session-state:<creatorId>:<sessionId>} (totals, goals): what a joining socket is shown;</li>
 * <li>{@code gateway:journaled:<eventId>}: the events already appended, so a redelivery adds nothing.</li>
 * </ul>
 * Every append is one Lua script, so the dedupe check, the position, the entry, the state and the
 * {@link #CHANNEL} publication happen together or not at all, and replicas receive a creator's frames in
 * position order.
 */
@ApplicationScoped
public class FrameJournal {

    /** Every replica subscribes here and delivers each published entry to its own sockets. */
    public static final String CHANNEL = "gateway:frames";

    static final String SEQ = "gateway:seq:";
    static final String JOURNAL = "gateway:journal:";
    static final String STATE = "gateway:state:";
    static final String SESSION_STATE = "gateway:session-state:";
    static final String JOURNALED = "gateway:journaled:";

    // Nothing is written before the XADD, the only command that can refuse, because Redis does not roll
    // a script back: a half-applied append must not leave the event marked as journaled.
    private static final Script APPEND = new Script("""
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            local seq = tonumber(redis.call('GET', KEYS[2]) or '0')
            local last = redis.call('XREVRANGE', KEYS[3], '+', '-', 'COUNT', 1)
            if last[1] then
              local lastSeq = tonumber(string.match(last[1][1], '^(%d+)'))
              if lastSeq > seq then seq = lastSeq end
            end
            seq = seq + 1
            local ttl = ARGV[2]
            local session = ARGV[6]
            local change = ARGV[11]
            redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[3], seq .. '-0',
              'session', session, 'event', ARGV[7], 'creator', ARGV[8], 'overlay', ARGV[9], 'at', ARGV[10])
            redis.call('EXPIRE', KEYS[3], ttl)
            redis.call('SET', KEYS[2], seq, 'EX', ttl)
            redis.call('SET', KEYS[1], seq, 'EX', ARGV[1])
            if change == 'session' then
              redis.call('HSET', KEYS[5], 'session', ARGV[8], 'session-overlay', ARGV[9])
            elseif change == 'ended' then
              redis.call('DEL', KEYS[5])
              if redis.call('HGET', KEYS[4], 'active') == session then redis.call('HDEL', KEYS[4], 'active') end
            elseif change == 'goal' then
              redis.call('HSET', KEYS[5], 'goal:' .. ARGV[12], ARGV[8])
            elseif change == 'goal-removed' then
              redis.call('HDEL', KEYS[5], 'goal:' .. ARGV[12])
            elseif change == 'menu' then
              redis.call('HSET', KEYS[4], 'menu', ARGV[8], 'menu-overlay', ARGV[9])
            end
            if session ~= '' and change ~= 'ended' then
              redis.call('HSET', KEYS[4], 'active', session)
              redis.call('EXPIRE', KEYS[5], ttl)
            end
            redis.call('EXPIRE', KEYS[4], ttl)
            redis.call('PUBLISH', ARGV[4], cjson.encode({creatorId = ARGV[5], position = seq, sessionId = session,
              event = ARGV[7], creatorData = ARGV[8], overlayData = ARGV[9], at = ARGV[10]}))
            return seq
            """);

    /** The position and everything after the one asked for, read together so the two agree. */
    private static final Script SINCE = new Script("""
            local seq = tonumber(redis.call('GET', KEYS[1]) or '0')
            return {seq, redis.call('XRANGE', KEYS[2], ARGV[1] .. '-0', '+')}
            """);

    // The session-state key is only known once the active session is read, so it is named in ARGV: fine on
    // a single Redis or a replicated one, not on a Redis Cluster (where these keys would need hash tags).
    private static final Script SNAPSHOT = new Script("""
            local seq = tonumber(redis.call('GET', KEYS[1]) or '0')
            local session = ARGV[2]
            if session == '' then session = redis.call('HGET', KEYS[2], 'active') or '' end
            local sessionState = {}
            if session ~= '' then sessionState = redis.call('HGETALL', ARGV[1] .. session) end
            return {seq, session, redis.call('HMGET', KEYS[2], 'menu', 'menu-overlay'), sessionState}
            """);

    private final ReactiveRedisDataSource redis;
    private final GatewayConfig.Journal config;
    private final ObjectMapper json;

    public FrameJournal(ReactiveRedisDataSource redis, GatewayConfig config, ObjectMapper json) {
        this.redis = redis;
        this.config = config.journal();
        this.json = json;
    }

    /**
     * Appends one event's frame and publishes it; completes with its position, or 0 when the event had been
     * journaled already (a redelivery).
     */
    public Uni<Long> append(UUID eventId, String creatorId, String sessionId, String event, Object creatorData,
                            Object overlayData, StateChange change, String goalId) {
        String session = sessionId == null ? "" : sessionId;
        String sessionState = SESSION_STATE + creatorId + ":" + session;
        return APPEND.run(redis,
                List.of(JOURNALED + eventId, SEQ + creatorId, JOURNAL + creatorId, STATE + creatorId, sessionState),
                List.of(seconds(config.dedupeTtl()), seconds(config.idleTtl()), Integer.toString(config.maxEntries()),
                        CHANNEL, creatorId, session, event, write(creatorData), write(overlayData),
                        Long.toString(System.currentTimeMillis()), change.scriptName(), goalId == null ? "" : goalId))
                .map(Response::toLong);
    }

    /** The creator's current position and the entries after {@code since} still in the buffer, oldest first. */
    public Uni<Since> since(String creatorId, long since) {
        return SINCE.run(redis, List.of(SEQ + creatorId, JOURNAL + creatorId), List.of(Long.toString(since + 1)))
                .map(reply -> new Since(reply.get(0).toLong(), entries(creatorId, reply.get(1))));
    }

    /** Entries {@code from}..{@code to} (inclusive; {@code to} null: up to the newest). */
    public Uni<List<JournalEntry>> range(String creatorId, long from, Long to) {
        return redis.execute("XRANGE", JOURNAL + creatorId, from + "-0", to == null ? "+" : to + "-0")
                .map(reply -> entries(creatorId, reply));
    }

    /** The creator's state now: a session's (the active one when {@code sessionId} is null) and the menu. */
    public Uni<State> state(String creatorId, String sessionId) {
        return SNAPSHOT.run(redis, List.of(SEQ + creatorId, STATE + creatorId),
                List.of(SESSION_STATE + creatorId + ":", sessionId == null ? "" : sessionId)).map(reply -> {
                    String session = reply.get(1).toString();
                    Response menus = reply.get(2);
                    Map<String, String> sessionState = new LinkedHashMap<>();
                    Response fields = reply.get(3);
                    for (int i = 0; i + 1 < fields.size(); i += 2) {
                        sessionState.put(fields.get(i).toString(), fields.get(i + 1).toString());
                    }
                    return new State(reply.get(0).toLong(), session.isEmpty() ? null : session, sessionState,
                            text(menus.get(0)), text(menus.get(1)));
                });
    }

    /** An entry as {@link #APPEND} published it. */
    public JournalEntry published(String message) {
        try {
            Published published = json.readValue(message, Published.class);
            return new JournalEntry(published.creatorId(), published.position(),
                    published.sessionId() == null || published.sessionId().isEmpty() ? null : published.sessionId(),
                    published.event(), published.creatorData(), published.overlayData(), Long.parseLong(published.at()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a journal entry: " + message, e);
        }
    }

    public record Since(long head, List<JournalEntry> entries) {
    }

    /** What {@link #SNAPSHOT} read: position, session, its fields ({@code session}, {@code goal:<id>}...) and menus. */
    public record State(long head, String sessionId, Map<String, String> sessionFields, String menu, String overlayMenu) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Published(String creatorId, long position, String sessionId, String event, String creatorData,
                     String overlayData, String at) {
    }

    private static List<JournalEntry> entries(String creatorId, Response stream) {
        List<JournalEntry> entries = new ArrayList<>();
        if (stream == null) {
            return entries;
        }
        for (int e = 0; e < stream.size(); e++) {
            Response entry = stream.get(e);
            String id = entry.get(0).toString();
            Response pairs = entry.get(1);
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i + 1 < pairs.size(); i += 2) {
                fields.put(pairs.get(i).toString(), pairs.get(i + 1).toString());
            }
            String session = fields.getOrDefault("session", "");
            entries.add(new JournalEntry(creatorId, Long.parseLong(id.substring(0, id.indexOf('-'))),
                    session.isEmpty() ? null : session, fields.get("event"), fields.get("creator"),
                    fields.get("overlay"), Long.parseLong(fields.getOrDefault("at", "0"))));
        }
        return entries;
    }

    private static String text(Response response) {
        return response == null ? null : response.toString();
    }

    private String write(Object data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Frame data could not be written", e);
        }
    }

    private static String seconds(java.time.Duration duration) {
        return Long.toString(Math.max(1, duration.toSeconds()));
    }

    /** A Lua script run by its SHA-1, loaded again when Redis does not know it (a restart empties its cache). */
    private static final class Script {

        private final String source;
        private final String sha;

        Script(String source) {
            this.source = source;
            try {
                this.sha = HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        Uni<Response> run(ReactiveRedisDataSource redis, List<String> keys, List<String> args) {
            return redis.execute("EVALSHA", arguments(sha, keys, args))
                    .onFailure(failure -> String.valueOf(failure.getMessage()).startsWith("NOSCRIPT"))
                    .recoverWithUni(() -> redis.execute("EVAL", arguments(source, keys, args)));
        }

        private static String[] arguments(String script, List<String> keys, List<String> args) {
            List<String> all = new ArrayList<>(2 + keys.size() + args.size());
            all.add(script);
            all.add(Integer.toString(keys.size()));
            all.addAll(keys);
            all.addAll(args);
            return all.toArray(String[]::new);
        }
    }
}
