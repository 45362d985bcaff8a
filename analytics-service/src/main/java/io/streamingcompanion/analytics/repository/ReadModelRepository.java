package io.streamingcompanion.analytics.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.contracts.goal.GoalCompleted;
import io.streamingcompanion.contracts.tip.TipReceived;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Writes of the tip and goal facts and their rollups, inside the consumer's transaction. Plain SQL
 * upserts: the rollups are counters that many tips add to, which an entity read-modify-write would
 * serialise for no gain.
 */
@ApplicationScoped
@WithSession
public class ReadModelRepository {

    /** Native SQL is not prefixed by Hibernate's default schema, so the statements name it. */
    public static final String SCHEMA = "analytics_service";

    /** Every table the consumers write: a rebuild empties them all. */
    public static final List<String> TABLES = List.of("analytics_session", "analytics_tip", "tip_quarter_hour",
            "tipper_day", "session_tips", "goal_completion", "tip_amount_day", "tip_amount_month", "tipper", "tipper_bits_day",
            "tipper_bits_month");

    private static final long QUARTER_HOUR_SECONDS = 15 * 60;

    /** Stores the tip once; false when this tip id is already in (its rollups must then not move). */
    public Uni<Boolean> insertTip(TipReceived tip) {
        TipReceived.MenuItemRef item = tip.menuItem();
        return execute("INSERT INTO " + SCHEMA + ".analytics_tip (tip_id, creator_id, session_id, amount_cents,"
                        + " tipper_name, message, source, menu_item_id, menu_item_title, menu_item_category, received_at)"
                        + " VALUES (:tipId, :creatorId, :sessionId, :amount, :tipper, :message, :source, :itemId,"
                        + " :itemTitle, :itemCategory, :receivedAt) ON CONFLICT (tip_id) DO NOTHING",
                Map.ofEntries(
                        Map.entry("tipId", tip.tipId()),
                        Map.entry("creatorId", tip.creatorId()),
                        Map.entry("sessionId", tip.sessionId()),
                        Map.entry("amount", tip.amountCents()),
                        Map.entry("tipper", nullable(tipperName(tip))),
                        Map.entry("message", nullable(tip.message())),
                        Map.entry("source", nullable(tip.source())),
                        Map.entry("itemId", nullable(item == null ? null : item.id())),
                        Map.entry("itemTitle", nullable(item == null ? null : item.title())),
                        Map.entry("itemCategory", nullable(item == null ? null : item.category())),
                        Map.entry("receivedAt", tip.receivedAt())))
                .map(inserted -> inserted == 1);
    }

    /** Adds a stored tip to every rollup; call once per tip, in the transaction that stored it. */
    public Uni<Void> addToRollups(TipReceived tip) {
        long epoch = tip.receivedAt().getEpochSecond();
        Instant bucket = Instant.ofEpochSecond(epoch - Math.floorMod(epoch, QUARTER_HOUR_SECONDS));
        Uni<Integer> quarterHour = execute("INSERT INTO " + SCHEMA + ".tip_quarter_hour"
                        + " (creator_id, bucket_start, session_id, tip_count, total_cents)"
                        + " VALUES (:creatorId, :bucket, :sessionId, 1, :amount)"
                        + " ON CONFLICT (creator_id, bucket_start, session_id) DO UPDATE SET"
                        + " tip_count = tip_quarter_hour.tip_count + 1,"
                        + " total_cents = tip_quarter_hour.total_cents + excluded.total_cents",
                Map.of("creatorId", tip.creatorId(), "bucket", bucket, "sessionId", tip.sessionId(),
                        "amount", tip.amountCents()));
        Uni<Integer> session = execute("INSERT INTO " + SCHEMA + ".session_tips"
                        + " (session_id, creator_id, tip_count, total_cents) VALUES (:sessionId, :creatorId, 1, :amount)"
                        + " ON CONFLICT (session_id) DO UPDATE SET tip_count = session_tips.tip_count + 1,"
                        + " total_cents = session_tips.total_cents + excluded.total_cents",
                Map.of("creatorId", tip.creatorId(), "sessionId", tip.sessionId(), "amount", tip.amountCents()));
        String tipper = tipperName(tip);
        Uni<Integer> tipperDay = tipper == null ? Uni.createFrom().item(0) : execute("INSERT INTO " + SCHEMA
                        + ".tipper_day (creator_id, day, session_id, tipper_name, tip_count, total_cents, last_tip_at)"
                        + " VALUES (:creatorId, :day, :sessionId, :tipper, 1, :amount, :at)"
                        + " ON CONFLICT (creator_id, day, session_id, tipper_name) DO UPDATE SET"
                        + " tip_count = tipper_day.tip_count + 1,"
                        + " total_cents = tipper_day.total_cents + excluded.total_cents,"
                        + " last_tip_at = greatest(tipper_day.last_tip_at, excluded.last_tip_at)",
                Map.of("creatorId", tip.creatorId(), "day", LocalDate.ofInstant(tip.receivedAt(), ZoneOffset.UTC),
                        "sessionId", tip.sessionId(), "tipper", tipper, "amount", tip.amountCents(),
                        "at", tip.receivedAt()));
        Uni<Integer> amount = execute("INSERT INTO " + SCHEMA + ".tip_amount_day"
                        + " (creator_id, day, session_id, amount_cents, tip_count) VALUES (:creatorId, :day, :sessionId, :amount, 1)"
                        + " ON CONFLICT (creator_id, day, session_id, amount_cents) DO UPDATE SET"
                        + " tip_count = tip_amount_day.tip_count + 1",
                Map.of("creatorId", tip.creatorId(), "day", LocalDate.ofInstant(tip.receivedAt(), ZoneOffset.UTC),
                        "sessionId", tip.sessionId(), "amount", tip.amountCents()));
        Uni<Integer> amountMonth = execute("INSERT INTO " + SCHEMA + ".tip_amount_month"
                        + " (creator_id, month, amount_cents, tip_count) VALUES (:creatorId, :month, :amount, 1)"
                        + " ON CONFLICT (creator_id, month, amount_cents) DO UPDATE SET"
                        + " tip_count = tip_amount_month.tip_count + 1",
                Map.of("creatorId", tip.creatorId(),
                        "month", LocalDate.ofInstant(tip.receivedAt(), ZoneOffset.UTC).withDayOfMonth(1),
                        "amount", tip.amountCents()));
        // One statement at a time: a reactive session runs one query at a time.
        return quarterHour.chain(() -> session).chain(() -> tipperDay).chain(() -> amount).chain(() -> amountMonth)
                .chain(() -> tipper == null ? Uni.createFrom().voidItem() : addToTipperSets(tip, tipper));
    }

    /**
     * The tipper's number (a new tipper gets the creator's next one; two new tippers of one creator at once
     * collide on the unique number, and the retry takes the next) and lifetime totals, then its bit in the
     * day's and the month's tipper bitmaps, grown to hold it.
     */
    private Uni<Void> addToTipperSets(TipReceived tip, String tipper) {
        LocalDate day = LocalDate.ofInstant(tip.receivedAt(), ZoneOffset.UTC);
        // The next number is looked up with a list parameter on purpose: Hibernate caches no plan for a native query
        // with one, and cached, this typed query would add a plan on every tip that equals no other (see outbox's
        // AdvisoryLocks): the 2,048 plans of the service were all copies of it.
        return Panache.getSession().chain(session -> session.createNativeQuery("INSERT INTO " + SCHEMA + ".tipper"
                                + " (creator_id, tipper_name, tipper_no, tip_count, total_cents, last_tip_at)"
                                + " VALUES (:creatorId, :tipper, (SELECT coalesce(max(tipper_no), -1) + 1 FROM " + SCHEMA
                                + ".tipper WHERE creator_id IN (:creatorIds)), 1, :amount, :at)"
                                + " ON CONFLICT (creator_id, tipper_name) DO UPDATE SET tip_count = tipper.tip_count + 1,"
                                + " total_cents = tipper.total_cents + excluded.total_cents,"
                                + " last_tip_at = greatest(tipper.last_tip_at, excluded.last_tip_at) RETURNING tipper_no", Integer.class)
                        .setParameter("creatorId", tip.creatorId())
                        .setParameter("creatorIds", List.of(tip.creatorId()))
                        .setParameter("tipper", tipper)
                        .setParameter("amount", tip.amountCents())
                        .setParameter("at", tip.receivedAt())
                        .getSingleResult())
                .chain(number -> execute("INSERT INTO " + SCHEMA + ".tipper_bits_day (creator_id, day, session_id, bits)"
                                + " VALUES (:creatorId, :day, :sessionId, " + setBit("decode(repeat('00', CAST(:no AS integer) / 8 + 1), 'hex')") + ")"
                                + " ON CONFLICT (creator_id, day, session_id) DO UPDATE SET bits = " + setBit(grown("tipper_bits_day.bits")),
                                Map.of("creatorId", tip.creatorId(), "day", day, "sessionId", tip.sessionId(), "no", number))
                        .chain(() -> execute("INSERT INTO " + SCHEMA + ".tipper_bits_month (creator_id, month, bits)"
                                        + " VALUES (:creatorId, :month, " + setBit("decode(repeat('00', CAST(:no AS integer) / 8 + 1), 'hex')") + ")"
                                        + " ON CONFLICT (creator_id, month) DO UPDATE SET bits = " + setBit(grown("tipper_bits_month.bits")),
                                Map.of("creatorId", tip.creatorId(), "month", day.withDayOfMonth(1), "no", number))))
                .replaceWithVoid();
    }

    private static String setBit(String bytes) {
        return "set_bit(" + bytes + ", CAST(:no AS integer), 1)";
    }

    /** The bitmap, with zero bytes added when the tipper's number is past its end. */
    private static String grown(String bits) {
        return "CASE WHEN length(" + bits + ") > CAST(:no AS integer) / 8 THEN " + bits + " ELSE " + bits
                + " || decode(repeat('00', CAST(:no AS integer) / 8 + 1 - length(" + bits + ")), 'hex') END";
    }

    public Uni<Void> insertGoalCompletion(GoalCompleted goal) {
        return execute("INSERT INTO " + SCHEMA + ".goal_completion"
                        + " (goal_id, session_id, creator_id, title, target_cents, completed_at)"
                        + " VALUES (:goalId, :sessionId, :creatorId, :title, :target, :at) ON CONFLICT (goal_id) DO NOTHING",
                Map.of("goalId", goal.goalId(), "sessionId", goal.sessionId(), "creatorId", goal.creatorId(),
                        "title", nullable(goal.title()), "target", goal.targetCents(), "at", goal.completedAt()))
                .replaceWithVoid();
    }

    /** Anonymous tips count towards every total, but not as a tipper. */
    public static String tipperName(TipReceived tip) {
        String name = tip.tipperName();
        return name == null || name.isBlank() ? null : name;
    }

    private Uni<Integer> execute(String sql, Map<String, Object> parameters) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql);
            parameters.forEach((name, value) -> query.setParameter(name, value == ABSENT ? null : value));
            return query.executeUpdate();
        });
    }

    /** Map.of refuses nulls; this stands for an absent value (PostgreSQL types the null from its column). */
    private static final Object ABSENT = new Object();

    private static Object nullable(Object value) {
        return value == null ? ABSENT : value;
    }
}
