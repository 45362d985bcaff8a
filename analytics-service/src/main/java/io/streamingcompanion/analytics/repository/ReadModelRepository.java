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

    /**
     * Stores the tip once and adds it to every rollup, in one statement: each part reads what the tip's insert
     * returned, so a tip id already in (a redelivered copy under another event id) inserts nothing and moves no
     * rollup. A new tipper gets the creator's next number (two new tippers of one creator at once collide on the
     * unique number, and the retry takes the next), then its bit in the day's and the month's tipper bitmaps,
     * grown to hold it. One round trip where there were up to nine (alone, on one connection: 2,400 tips/s against
     * 820); ~3,800 characters, kept prepared by outbox's {@code PostgresPools}.
     */
    public Uni<Void> recordTip(TipReceived tip) {
        TipReceived.MenuItemRef item = tip.menuItem();
        long epoch = tip.receivedAt().getEpochSecond();
        LocalDate day = LocalDate.ofInstant(tip.receivedAt(), ZoneOffset.UTC);
        return execute(RECORD_TIP, Map.ofEntries(
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
                Map.entry("receivedAt", tip.receivedAt()),
                Map.entry("bucket", Instant.ofEpochSecond(epoch - Math.floorMod(epoch, QUARTER_HOUR_SECONDS))),
                Map.entry("day", day),
                Map.entry("month", day.withDayOfMonth(1))))
                .replaceWithVoid();
    }

    /** The tipper's number as the bitmap upserts read it (the {@code numbered} part of {@link #RECORD_TIP}). */
    private static final String TIPPER_NO = "(SELECT tipper_no FROM numbered)";

    private static final String RECORD_TIP = "WITH new_tip AS ("
            + "INSERT INTO " + SCHEMA + ".analytics_tip (tip_id, creator_id, session_id, amount_cents, tipper_name, message,"
            + " source, menu_item_id, menu_item_title, menu_item_category, received_at)"
            + " VALUES (:tipId, :creatorId, :sessionId, :amount, :tipper, :message, :source, :itemId, :itemTitle,"
            + " :itemCategory, :receivedAt) ON CONFLICT (tip_id) DO NOTHING"
            + " RETURNING creator_id, session_id, amount_cents, tipper_name, received_at),"
            + " quarter_hour AS (INSERT INTO " + SCHEMA + ".tip_quarter_hour AS r"
            + " (creator_id, bucket_start, session_id, tip_count, total_cents)"
            + " SELECT creator_id, CAST(:bucket AS timestamptz), session_id, 1, amount_cents FROM new_tip"
            + " ON CONFLICT (creator_id, bucket_start, session_id) DO UPDATE SET tip_count = r.tip_count + 1,"
            + " total_cents = r.total_cents + excluded.total_cents),"
            + " session_total AS (INSERT INTO " + SCHEMA + ".session_tips AS r (session_id, creator_id, tip_count, total_cents)"
            + " SELECT session_id, creator_id, 1, amount_cents FROM new_tip"
            + " ON CONFLICT (session_id) DO UPDATE SET tip_count = r.tip_count + 1,"
            + " total_cents = r.total_cents + excluded.total_cents),"
            + " amount_day AS (INSERT INTO " + SCHEMA + ".tip_amount_day AS r (creator_id, day, session_id, amount_cents, tip_count)"
            + " SELECT creator_id, CAST(:day AS date), session_id, amount_cents, 1 FROM new_tip"
            + " ON CONFLICT (creator_id, day, session_id, amount_cents) DO UPDATE SET tip_count = r.tip_count + 1),"
            + " amount_month AS (INSERT INTO " + SCHEMA + ".tip_amount_month AS r (creator_id, month, amount_cents, tip_count)"
            + " SELECT creator_id, CAST(:month AS date), amount_cents, 1 FROM new_tip"
            + " ON CONFLICT (creator_id, month, amount_cents) DO UPDATE SET tip_count = r.tip_count + 1),"
            + " tipper_total AS (INSERT INTO " + SCHEMA + ".tipper_day AS r"
            + " (creator_id, day, session_id, tipper_name, tip_count, total_cents, last_tip_at)"
            + " SELECT creator_id, CAST(:day AS date), session_id, tipper_name, 1, amount_cents, received_at FROM new_tip"
            + " WHERE tipper_name IS NOT NULL"
            + " ON CONFLICT (creator_id, day, session_id, tipper_name) DO UPDATE SET tip_count = r.tip_count + 1,"
            + " total_cents = r.total_cents + excluded.total_cents,"
            + " last_tip_at = greatest(r.last_tip_at, excluded.last_tip_at)),"
            + " numbered AS (INSERT INTO " + SCHEMA + ".tipper AS r"
            + " (creator_id, tipper_name, tipper_no, tip_count, total_cents, last_tip_at)"
            + " SELECT creator_id, tipper_name, (SELECT coalesce(max(t.tipper_no), -1) + 1 FROM " + SCHEMA + ".tipper t"
            + " WHERE t.creator_id = new_tip.creator_id), 1, amount_cents, received_at FROM new_tip WHERE tipper_name IS NOT NULL"
            + " ON CONFLICT (creator_id, tipper_name) DO UPDATE SET tip_count = r.tip_count + 1,"
            + " total_cents = r.total_cents + excluded.total_cents,"
            + " last_tip_at = greatest(r.last_tip_at, excluded.last_tip_at) RETURNING tipper_no),"
            + " day_bits AS (INSERT INTO " + SCHEMA + ".tipper_bits_day AS r (creator_id, day, session_id, bits)"
            + " SELECT CAST(:creatorId AS varchar), CAST(:day AS date), CAST(:sessionId AS uuid), " + newBits("tipper_no") + " FROM numbered"
            + " ON CONFLICT (creator_id, day, session_id) DO UPDATE SET bits = " + setBit(grown("r.bits"))  + ")"
            + " INSERT INTO " + SCHEMA + ".tipper_bits_month AS r (creator_id, month, bits)"
            + " SELECT CAST(:creatorId AS varchar), CAST(:month AS date), " + newBits("tipper_no") + " FROM numbered"
            + " ON CONFLICT (creator_id, month) DO UPDATE SET bits = " + setBit(grown("r.bits"));

    /** A bitmap just long enough for bit {@code no}, with only that bit set. */
    private static String newBits(String no) {
        return "set_bit(decode(repeat('00', " + no + " / 8 + 1), 'hex'), " + no + ", 1)";
    }

    private static String setBit(String bytes) {
        return "set_bit(" + bytes + ", " + TIPPER_NO + ", 1)";
    }

    /** The bitmap, with zero bytes added when the tipper's number is past its end. */
    private static String grown(String bits) {
        return "CASE WHEN length(" + bits + ") > " + TIPPER_NO + " / 8 THEN " + bits + " ELSE " + bits
                + " || decode(repeat('00', " + TIPPER_NO + " / 8 + 1 - length(" + bits + ")), 'hex') END";
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
