package io.streamingcompanion.analytics.repository;

import static io.streamingcompanion.analytics.repository.ReadModelRepository.SCHEMA;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.analytics.domain.TopTipper;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The read side: aggregate SQL over the rollups, run on the reactive pool rather than a Hibernate session,
 * because it maps no entity, needs no transaction and must also serve an export that is streamed after
 * the request's own context has moved on. Every query names the creator first, so no row of another
 * creator can appear.
 */
@ApplicationScoped
public class AnalyticsQueryRepository {

    private static final String SESSION_PLATFORM = "($4::text IS NULL OR s.platform = $4)";

    /**
     * The sessions, joined only when a platform is asked for: unfiltered, the rollups are read alone, which
     * spares a join over every rollup row of the range. Goes with {@link #platformMatch}.
     */
    private static String sessionJoin(String alias, String platform) {
        return platform == null ? "" : " JOIN " + SCHEMA + ".analytics_session s ON s.id = " + alias + ".session_id";
    }

    private static String platformMatch(String platform) {
        // Unfiltered, $4 is null and named only so that every variant of a statement has the same parameters.
        return platform == null ? "$4::text IS NULL" : "s.platform = $4";
    }

    private final Pool pool;

    public AnalyticsQueryRepository(Pool pool) {
        this.pool = pool;
    }

    /** Tip count and gross per day; {@code dayStarts} are the instants the days begin, in order. */
    public Uni<List<long[]>> tipsPerDay(String creatorId, Instant start, Instant end, String platform, List<Instant> dayStarts) {
        String sql = "SELECT width_bucket(q.bucket_start, $5::timestamptz[]) AS day, sum(q.tip_count)::bigint AS tips,"
                + " sum(q.total_cents)::bigint AS gross FROM " + SCHEMA + ".tip_quarter_hour q" + sessionJoin("q", platform)
                + " WHERE q.creator_id = $1 AND q.bucket_start >= $2 AND q.bucket_start < $3 AND " + platformMatch(platform)
                + " GROUP BY day";
        return query(sql, Tuple.of(creatorId, utc(start), utc(end), platform, utc(dayStarts)))
                .map(rows -> perDay(rows, dayStarts.size(), row -> new long[] {row.getLong("tips"), row.getLong("gross")}));
    }

    /** Per day: sessions started, and of the ended ones: seconds streamed, viewer milliseconds, milliseconds, peak. */
    public Uni<List<long[]>> sessionsPerDay(String creatorId, Instant start, Instant end, String platform, List<Instant> dayStarts) {
        String sql = "SELECT width_bucket(s.started_at, $5::timestamptz[]) AS day, count(*) AS sessions,"
                + " coalesce(sum(s.duration_seconds) FILTER (WHERE s.ended_at IS NOT NULL), 0)::bigint AS seconds,"
                + " coalesce(sum(s.viewer_millis) FILTER (WHERE s.ended_at IS NOT NULL), 0)::bigint AS viewer_millis,"
                + " coalesce(sum((extract(epoch FROM s.ended_at - s.started_at) * 1000)::bigint), 0)::bigint AS millis,"
                + " coalesce(max(s.peak_viewers), 0) AS peak"
                + " FROM " + SCHEMA + ".analytics_session s"
                + " WHERE s.creator_id = $1 AND s.started_at >= $2 AND s.started_at < $3 AND " + SESSION_PLATFORM
                + " GROUP BY day";
        return query(sql, Tuple.of(creatorId, utc(start), utc(end), platform, utc(dayStarts)))
                .map(rows -> perDay(rows, dayStarts.size(), row -> new long[] {row.getLong("sessions"),
                        row.getLong("seconds"), row.getLong("viewer_millis"), row.getLong("millis"), row.getInteger("peak")}));
    }

    /**
     * The median tip of the range (the mean of the two middle tips for an even count); null without tips.
     * Merges the amount histograms of the range's whole UTC months (without a platform filter, which needs
     * sessions) and of its other whole UTC days with the partial days' raw tips, then walks the merged
     * histogram (a few thousand amounts at most) to the middle position(s).
     */
    public Uni<Double> medianTip(String creatorId, Instant start, Instant end, String platform) {
        Span span = Span.of(start, end, platform == null);
        String sql = "WITH amounts AS ("
                + " SELECT m.amount_cents AS amount, m.tip_count AS n FROM " + SCHEMA + ".tip_amount_month m"
                + " WHERE m.creator_id = $1 AND m.month >= $6 AND m.month < $9 AND $4::text IS NULL"
                + " UNION ALL"
                + " SELECT a.amount_cents, a.tip_count FROM " + SCHEMA + ".tip_amount_day a" + sessionJoin("a", platform)
                + " WHERE a.creator_id = $1 AND ((a.day >= $5 AND a.day < $6) OR (a.day >= $9 AND a.day < $10))"
                + " AND " + platformMatch(platform)
                + " UNION ALL"
                + " SELECT t.amount_cents, 1 FROM " + SCHEMA + ".analytics_tip t" + sessionJoin("t", platform)
                + " WHERE t.creator_id = $1 AND " + platformMatch(platform)
                + " AND ((t.received_at >= $2 AND t.received_at < $7) OR (t.received_at >= $8 AND t.received_at < $3))),"
                + " merged AS (SELECT amount, sum(n) AS n FROM amounts GROUP BY amount),"
                + " walked AS (SELECT amount, (sum(n) OVER (ORDER BY amount))::bigint AS upto, (sum(n) OVER ())::bigint AS total FROM merged)"
                + " SELECT (min(amount) FILTER (WHERE upto >= (total + 1) / 2)"
                + " + min(amount) FILTER (WHERE upto >= total / 2 + 1)) / 2.0 AS median FROM walked";
        return query(sql, span.parameters(creatorId, start, end, platform))
                .map(rows -> {
                    Object median = rows.iterator().next().getValue("median");
                    return median == null ? null : ((Number) median).doubleValue();
                });
    }

    /**
     * Named tippers with a tip in the range, exactly: the OR of the tipper bitmaps of the range's whole UTC
     * months (without a platform filter, which needs sessions) and of its other whole UTC days, plus the
     * tippers of the partial days' raw tips. The bitmaps are a few KB each and a range has a few dozen.
     */
    public Uni<Long> uniqueTippers(String creatorId, Instant start, Instant end, String platform) {
        Span span = Span.of(start, end, platform == null);
        boolean months = span.firstMonth().isBefore(span.afterMonths());
        Uni<RowSet<Row>> monthBits = months
                ? query("SELECT bits FROM " + SCHEMA + ".tipper_bits_month WHERE creator_id = $1 AND month >= $2 AND month < $3",
                        Tuple.of(creatorId, span.firstMonth(), span.afterMonths()))
                : Uni.createFrom().nullItem();
        Uni<RowSet<Row>> dayBits = query("SELECT b.bits FROM " + SCHEMA + ".tipper_bits_day b" + sessionJoin("b", platform)
                        + " WHERE b.creator_id = $1 AND ((b.day >= $2 AND b.day < $3) OR (b.day >= $5 AND b.day < $6))"
                        + " AND " + platformMatch(platform),
                Tuple.tuple().addString(creatorId).addValue(span.firstWholeDay()).addValue(span.firstMonth()).addString(platform)
                        .addValue(span.afterMonths()).addValue(span.afterWholeDays()));
        // The partial days' tippers, then each one's number by its key (LIMIT 1 keeps the lookup a per-row index
        // probe): joined as a whole, PostgreSQL hashed all of the creator's 83,000 tippers to find a few hundred,
        // 60 ms of a 30-day summary's 80.
        Uni<RowSet<Row>> partialTippers = query("SELECT p.tipper_no FROM (SELECT DISTINCT t.tipper_name FROM "
                        + SCHEMA + ".analytics_tip t" + sessionJoin("t", platform)
                        + " WHERE t.creator_id = $1 AND t.tipper_name IS NOT NULL AND " + platformMatch(platform)
                        + " AND ((t.received_at >= $2 AND t.received_at < $5) OR (t.received_at >= $6 AND t.received_at < $3))) AS named"
                        + " CROSS JOIN LATERAL (SELECT tipper_no FROM " + SCHEMA + ".tipper"
                        + " WHERE creator_id = $1 AND tipper_name = named.tipper_name LIMIT 1) AS p",
                Tuple.tuple().addString(creatorId).addValue(utc(start)).addValue(utc(end)).addValue(platform)
                        .addValue(utc(span.wholeStart())).addValue(utc(span.wholeEnd())));
        return Uni.combine().all().unis(monthBits, dayBits, partialTippers).asTuple().map(parts -> {
            BitSet tippers = new BitSet();
            for (RowSet<Row> bitmaps : java.util.Arrays.asList(parts.getItem1(), parts.getItem2())) {
                if (bitmaps != null) {
                    for (Row row : bitmaps) {
                        tippers.or(BitSet.valueOf(row.getBuffer("bits").getBytes()));
                    }
                }
            }
            for (Row row : parts.getItem3()) {
                tippers.set(row.getInteger("tipper_no"));
            }
            return (long) tippers.cardinality();
        });
    }

    /** Ranges of more whole days than this rank candidates by lifetime total instead of every tipper. */
    static final int SHORT_RANGE_DAYS = 62;

    /**
     * Tippers of the range by total. A short range sums its tipper-days. A long one would sum hundreds of
     * thousands of them, so it asks the tippers with the highest lifetime totals first, sums the range
     * only for them, and stops once the next lifetime total is below the current last place: nobody left
     * can reach it, as a tipper's total in a range never exceeds their lifetime total. Exact either way.
     */
    public Uni<List<TopTipper>> topTippers(String creatorId, Instant start, Instant end, String platform, int limit) {
        if (platform != null || Duration.between(start, end).toDays() <= SHORT_RANGE_DAYS) {
            Tuple parameters = rangeParameters(creatorId, start, end, platform).addInteger(limit);
            return query("WITH " + tipperParts(platform) + " SELECT tipper_name, " + SCHEMA + ".exact_sum(total_cents) AS total,"
                    + " " + SCHEMA + ".exact_sum(tip_count) AS tips, max(last_tip_at) AS last_tip_at FROM parts"
                    + " GROUP BY tipper_name ORDER BY total DESC, tips DESC, tipper_name LIMIT $9", parameters)
                    .map(AnalyticsQueryRepository::tippers);
        }
        return byLifetime(creatorId, start, end, limit, 0, Math.max(2 * limit, 20), new HashMap<>());
    }

    private Uni<List<TopTipper>> byLifetime(String creatorId, Instant start, Instant end, int limit, int offset, int batch,
                                            Map<String, TopTipper> found) {
        return query("SELECT tipper_name, total_cents FROM " + SCHEMA + ".tipper WHERE creator_id = $1"
                + " ORDER BY total_cents DESC, tipper_name LIMIT $2 OFFSET $3", Tuple.of(creatorId, batch, offset)).chain(rows -> {
                    List<String> names = new ArrayList<>();
                    long lowestLifetime = Long.MAX_VALUE;
                    for (Row row : rows) {
                        names.add(row.getString("tipper_name"));
                        lowestLifetime = row.getLong("total_cents");
                    }
                    if (names.isEmpty()) {
                        return Uni.createFrom().item(ranked(found, limit));
                    }
                    long lifetimeLeft = lowestLifetime;
                    String sql = "SELECT tipper_name, sum(total_cents)::bigint AS total, sum(tip_count)::bigint AS tips,"
                            + " max(last_tip_at) AS last_tip_at FROM ("
                            + " SELECT d.tipper_name, d.total_cents, d.tip_count, d.last_tip_at FROM " + SCHEMA + ".tipper_day d"
                            + " WHERE d.creator_id = $1 AND d.tipper_name = ANY($4) AND d.day >= $5 AND d.day < $6"
                            + " UNION ALL"
                            + " SELECT t.tipper_name, t.amount_cents, 1, t.received_at FROM " + SCHEMA + ".analytics_tip t"
                            + " WHERE t.creator_id = $1 AND t.tipper_name = ANY($4)"
                            + " AND ((t.received_at >= $2 AND t.received_at < $7) OR (t.received_at >= $8 AND t.received_at < $3))"
                            + ") AS parts GROUP BY tipper_name";
                    return query(sql, rangeParameters(creatorId, start, end, names.toArray(String[]::new))).chain(totals -> {
                        for (TopTipper tipper : tippers(totals)) {
                            found.put(tipper.tipperName(), tipper);
                        }
                        List<TopTipper> ranked = ranked(found, limit);
                        boolean noneLeft = names.size() < batch;
                        boolean settled = ranked.size() == limit && lifetimeLeft < ranked.get(limit - 1).totalCents();
                        return noneLeft || settled ? Uni.createFrom().item(ranked)
                                : byLifetime(creatorId, start, end, limit, offset + batch, batch * 4, found);
                    });
                });
    }

    /** The order of the short-range query: total, then tip count, descending, then name. */
    private static List<TopTipper> ranked(Map<String, TopTipper> tippers, int limit) {
        return tippers.values().stream()
                .sorted(Comparator.comparingLong(TopTipper::totalCents).reversed()
                        .thenComparing(Comparator.comparingLong(TopTipper::tipCount).reversed())
                        .thenComparing(TopTipper::tipperName))
                .limit(limit).toList();
    }

    private static List<TopTipper> tippers(RowSet<Row> rows) {
        List<TopTipper> tippers = new ArrayList<>();
        for (Row row : rows) {
            tippers.add(new TopTipper(row.getString("tipper_name"), row.getLong("total"),
                    row.getLong("tips"), row.getOffsetDateTime("last_tip_at").toInstant()));
        }
        return tippers;
    }

    /**
     * Whole UTC days of the range come from {@code tipper_day}; the partial days at either end (when the
     * range's days are not UTC days) from the tips themselves, so the result is exact in any time zone.
     */
    private static String tipperParts(String platform) {
        return "parts AS ("
                + " SELECT d.tipper_name, d.total_cents, d.tip_count, d.last_tip_at FROM " + SCHEMA + ".tipper_day d"
                + sessionJoin("d", platform)
                + " WHERE d.creator_id = $1 AND d.day >= $5 AND d.day < $6 AND " + platformMatch(platform)
                + " UNION ALL"
                + " SELECT t.tipper_name, t.amount_cents, 1, t.received_at FROM " + SCHEMA + ".analytics_tip t"
                + sessionJoin("t", platform)
                + " WHERE t.creator_id = $1 AND t.tipper_name IS NOT NULL AND " + platformMatch(platform)
                + " AND ((t.received_at >= $2 AND t.received_at < $7) OR (t.received_at >= $8 AND t.received_at < $3)))";
    }

    /**
     * $1 creator, $2..$3 the range, $4 platform, $5..$6 its whole UTC days, $7 where the first whole day
     * starts and $8 where the last one ends (the partial days are $2..$7 and $8..$3).
     */
    private static Tuple rangeParameters(String creatorId, Instant start, Instant end, Object platform) {
        Span span = Span.of(start, end, false);
        return Tuple.tuple().addString(creatorId).addValue(utc(start)).addValue(utc(end)).addValue(platform)
                .addValue(span.firstWholeDay()).addValue(span.afterWholeDays())
                .addValue(utc(span.wholeStart())).addValue(utc(span.wholeEnd()));
    }

    /**
     * How a range splits over the rollups: the partial UTC days at its ends ({@code start..wholeStart} and
     * {@code wholeEnd..end}, read from the raw tips), its whole UTC days ({@code firstWholeDay..afterWholeDays}),
     * and among those, when month rollups may be used, its whole UTC months ({@code firstMonth..afterMonths});
     * the whole days outside them are {@code firstWholeDay..firstMonth} and {@code afterMonths..afterWholeDays}.
     * Without months, or without a whole day, the empty ranges sit at {@code afterWholeDays}.
     */
    record Span(LocalDate firstWholeDay, LocalDate afterWholeDays, Instant wholeStart, Instant wholeEnd,
                LocalDate firstMonth, LocalDate afterMonths) {

        static Span of(Instant start, Instant end, boolean months) {
            LocalDate firstWholeDay = LocalDate.ofInstant(start.minusNanos(1), ZoneOffset.UTC).plusDays(1);
            LocalDate afterWholeDays = LocalDate.ofInstant(end, ZoneOffset.UTC);
            Instant wholeStart = firstWholeDay.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant wholeEnd = afterWholeDays.atStartOfDay(ZoneOffset.UTC).toInstant();
            if (!wholeStart.isBefore(wholeEnd)) {
                // No whole UTC day inside: the tips of the range are read directly, once.
                return new Span(afterWholeDays, afterWholeDays, end, end, afterWholeDays, afterWholeDays);
            }
            LocalDate firstMonth = firstWholeDay.getDayOfMonth() == 1 ? firstWholeDay : firstWholeDay.withDayOfMonth(1).plusMonths(1);
            LocalDate afterMonths = afterWholeDays.withDayOfMonth(1);
            if (!months || !firstMonth.isBefore(afterMonths)) {
                return new Span(firstWholeDay, afterWholeDays, wholeStart, wholeEnd, afterWholeDays, afterWholeDays);
            }
            return new Span(firstWholeDay, afterWholeDays, wholeStart, wholeEnd, firstMonth, afterMonths);
        }

        /**
         * $1 creator, $2..$3 the range, $4 platform, $5 first whole day, $6..$9 the whole months, $10 after the
         * whole days, $7 where the first whole day starts and $8 where the last one ends.
         */
        Tuple parameters(String creatorId, Instant start, Instant end, String platform) {
            return Tuple.tuple().addString(creatorId).addValue(utc(start)).addValue(utc(end)).addValue(platform)
                    .addValue(firstWholeDay).addValue(firstMonth).addValue(utc(wholeStart)).addValue(utc(wholeEnd))
                    .addValue(afterMonths).addValue(afterWholeDays);
        }
    }

    public Uni<Row> session(String creatorId, UUID sessionId) {
        String sql = "SELECT s.*, coalesce(t.tip_count, 0)::bigint AS tips, coalesce(t.total_cents, 0)::bigint AS gross"
                + " FROM " + SCHEMA + ".analytics_session s LEFT JOIN " + SCHEMA + ".session_tips t ON t.session_id = s.id"
                + " WHERE s.creator_id = $1 AND s.id = $2";
        return query(sql, Tuple.of(creatorId, sessionId)).map(rows -> rows.size() == 0 ? null : rows.iterator().next());
    }

    public Uni<RowSet<Row>> sessionMinutes(String creatorId, UUID sessionId) {
        return query("SELECT date_trunc('minute', received_at) AS minute, count(*) AS tips, sum(amount_cents)::bigint AS gross"
                + " FROM " + SCHEMA + ".analytics_tip WHERE session_id = $2 AND creator_id = $1"
                + " GROUP BY minute ORDER BY minute", Tuple.of(creatorId, sessionId));
    }

    public Uni<List<TopTipper>> sessionTopTippers(String creatorId, UUID sessionId, int limit) {
        return query("SELECT tipper_name, sum(amount_cents)::bigint AS total, count(*) AS tips, max(received_at) AS last_tip_at"
                + " FROM " + SCHEMA + ".analytics_tip WHERE session_id = $2 AND creator_id = $1 AND tipper_name IS NOT NULL"
                + " GROUP BY tipper_name ORDER BY total DESC, tips DESC, tipper_name LIMIT $3", Tuple.of(creatorId, sessionId, limit))
                .map(rows -> {
                    List<TopTipper> tippers = new ArrayList<>();
                    for (Row row : rows) {
                        tippers.add(new TopTipper(row.getString("tipper_name"), row.getLong("total"),
                                row.getLong("tips"), row.getOffsetDateTime("last_tip_at").toInstant()));
                    }
                    return tippers;
                });
    }

    public Uni<RowSet<Row>> sessionGoals(String creatorId, UUID sessionId) {
        return query("SELECT goal_id, title, target_cents, completed_at FROM " + SCHEMA + ".goal_completion"
                + " WHERE session_id = $2 AND creator_id = $1 ORDER BY completed_at, goal_id", Tuple.of(creatorId, sessionId));
    }

    public Uni<RowSet<Row>> sessionMenuItems(String creatorId, UUID sessionId) {
        return query("SELECT menu_item_id, max(menu_item_title) AS title, max(menu_item_category) AS category,"
                + " count(*) AS bought, sum(amount_cents)::bigint AS total FROM " + SCHEMA + ".analytics_tip"
                + " WHERE session_id = $2 AND creator_id = $1 AND menu_item_id IS NOT NULL"
                + " GROUP BY menu_item_id ORDER BY bought DESC, total DESC, menu_item_id", Tuple.of(creatorId, sessionId));
    }

    /** Tips of the range in time order, the page after ({@code afterTime}, {@code afterId}). */
    public Uni<RowSet<Row>> tipPage(String creatorId, Instant start, Instant end, Instant afterTime, UUID afterId, int size) {
        return query("SELECT t.*, s.platform FROM " + SCHEMA + ".analytics_tip t"
                + " LEFT JOIN " + SCHEMA + ".analytics_session s ON s.id = t.session_id"
                + " WHERE t.creator_id = $1 AND t.received_at >= $2 AND t.received_at < $3"
                + " AND (t.received_at, t.tip_id) > ($4, $5) ORDER BY t.received_at, t.tip_id LIMIT $6",
                Tuple.of(creatorId, utc(start), utc(end), utc(afterTime), afterId, size));
    }

    /** Sessions started in the range in time order, the page after ({@code afterTime}, {@code afterId}). */
    public Uni<RowSet<Row>> sessionPage(String creatorId, Instant start, Instant end, Instant afterTime, UUID afterId, int size) {
        return query("SELECT s.*, coalesce(t.tip_count, 0)::bigint AS tips, coalesce(t.total_cents, 0)::bigint AS gross"
                + " FROM " + SCHEMA + ".analytics_session s LEFT JOIN " + SCHEMA + ".session_tips t ON t.session_id = s.id"
                + " WHERE s.creator_id = $1 AND s.started_at >= $2 AND s.started_at < $3"
                + " AND (s.started_at, s.id) > ($4, $5) ORDER BY s.started_at, s.id LIMIT $6",
                Tuple.of(creatorId, utc(start), utc(end), utc(afterTime), afterId, size));
    }

    private Uni<RowSet<Row>> query(String sql, Tuple parameters) {
        return pool.preparedQuery(sql).execute(parameters);
    }

    private static List<long[]> perDay(RowSet<Row> rows, int days, java.util.function.Function<Row, long[]> values) {
        List<long[]> result = new ArrayList<>(days);
        for (int i = 0; i < days; i++) {
            result.add(null);
        }
        for (Row row : rows) {
            int day = row.getInteger("day");
            if (day >= 1 && day <= days) {
                result.set(day - 1, values.apply(row));
            }
        }
        return result;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static OffsetDateTime[] utc(List<Instant> instants) {
        return instants.stream().map(AnalyticsQueryRepository::utc).toArray(OffsetDateTime[]::new);
    }
}
