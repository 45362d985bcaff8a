package io.streamingcompanion.chatbot.reply;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Cooldowns in Redis, so they hold across every replica of this service: a persona that just answered stays
 * silent (globally, per trigger and per sender) however the next message is routed. Checking and taking all
 * of them is one script, so two replicas cannot both pass the same cooldown.
 */
@ApplicationScoped
public class Cooldowns {

    private static final String TAKE_ALL = """
            for i, key in ipairs(KEYS) do
              if redis.call('EXISTS', key) == 1 then return 0 end
            end
            for i, key in ipairs(KEYS) do
              redis.call('SET', key, '1', 'EX', tonumber(ARGV[i]))
            end
            return 1""";

    private final ReactiveRedisDataSource redis;

    public Cooldowns(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /** True (and the cooldowns are started) when none of them is running; false when the persona must stay silent. */
    public Uni<Boolean> take(UUID personaId, int triggerIndex, String sender, int personaSeconds, int triggerSeconds,
                             int senderSeconds) {
        List<String> keys = new ArrayList<>();
        List<String> seconds = new ArrayList<>();
        String prefix = "chatbot:cooldown:" + personaId;
        add(keys, seconds, prefix, personaSeconds);
        add(keys, seconds, prefix + ":trigger:" + triggerIndex, triggerSeconds);
        if (sender != null) {
            add(keys, seconds, prefix + ":sender:" + sender.toLowerCase(java.util.Locale.ROOT), senderSeconds);
        }
        if (keys.isEmpty()) {
            return Uni.createFrom().item(true);
        }
        List<String> args = new ArrayList<>();
        args.add(TAKE_ALL);
        args.add(Integer.toString(keys.size()));
        args.addAll(keys);
        args.addAll(seconds);
        return redis.execute("EVAL", args.toArray(String[]::new)).map(response -> response != null && response.toInteger() == 1);
    }

    /** Which of a trigger's templates to use now: they take turns, across replicas. */
    public Uni<Integer> nextTemplate(UUID personaId, int triggerIndex, int templates) {
        String key = "chatbot:rotation:" + personaId + ":" + triggerIndex;
        return redis.execute("INCR", key)
                .call(ignored -> redis.execute("EXPIRE", key, "86400"))
                .map(Response::toLong)
                .map(count -> (int) ((count - 1) % templates));
    }

    private static void add(List<String> keys, List<String> seconds, String key, int ttl) {
        if (ttl > 0) {
            keys.add(key);
            seconds.add(Integer.toString(ttl));
        }
    }
}
