package io.streamingcompanion.analytics.service;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.analytics.config.AnalyticsConfig;
import io.streamingcompanion.analytics.domain.ReportRange;
import io.streamingcompanion.analytics.domain.SessionReport;
import io.streamingcompanion.analytics.domain.Summary;
import io.streamingcompanion.analytics.domain.TopTipper;
import io.streamingcompanion.analytics.repository.AnalyticsQueryRepository;
import io.streamingcompanion.commons.problem.ApiException;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The creator's figures, read from the rollups; every lookup is scoped to the creator. */
@ApplicationScoped
public class AnalyticsService {

    private final AnalyticsQueryRepository queries;
    private final AnalyticsConfig config;

    public AnalyticsService(AnalyticsQueryRepository queries, AnalyticsConfig config) {
        this.queries = queries;
        this.config = config;
    }

    public Uni<Summary> summary(String creatorId, String from, String to, String tz, String platformValue) {
        ReportRange range = ReportRequests.range(from, to, tz, config.defaultRangeDays(), config.maxRangeDays());
        String platform = ReportRequests.platform(platformValue);
        // The queries read the pool, not a session: both periods and all their parts run at once.
        return Uni.combine().all().unis(figures(creatorId, range, platform), figures(creatorId, range.previous(), platform))
                .asTuple().map(periods -> new Summary(range.zone().getId(), platform, periods.getItem1(), periods.getItem2()));
    }

    public Uni<List<TopTipper>> topTippers(String creatorId, String from, String to, String tz, String limitValue) {
        ReportRange range = ReportRequests.range(from, to, tz, config.defaultRangeDays(), config.maxRangeDays());
        int limit = ReportRequests.limit(limitValue, config.defaultTopTippers(), config.maxTopTippers());
        return queries.topTippers(creatorId, range.start(), range.end(), null, limit);
    }

    public Uni<SessionReport> session(String creatorId, UUID sessionId) {
        return queries.session(creatorId, sessionId).chain(row -> {
            if (row == null) {
                throw ApiException.notFound("Session " + sessionId);
            }
            return queries.sessionMinutes(creatorId, sessionId).chain(minutes ->
                    queries.sessionTopTippers(creatorId, sessionId, config.sessionTopTippers()).chain(tippers ->
                            queries.sessionGoals(creatorId, sessionId).chain(goals ->
                                    queries.sessionMenuItems(creatorId, sessionId).map(items ->
                                            report(row, minutes, tippers, goals, items)))));
        });
    }

    private static SessionReport report(Row session, Iterable<Row> minuteRows, List<TopTipper> tippers,
                                        Iterable<Row> goalRows, Iterable<Row> itemRows) {
        Instant started = session.getOffsetDateTime("started_at").toInstant();
        Instant ended = session.getOffsetDateTime("ended_at") == null ? null : session.getOffsetDateTime("ended_at").toInstant();
        long tipCount = session.getLong("tips");
        List<SessionReport.Minute> minutes = new ArrayList<>();
        for (Row row : minuteRows) {
            minutes.add(new SessionReport.Minute(row.getOffsetDateTime("minute").toInstant(), row.getLong("tips"), row.getLong("gross")));
        }
        List<SessionReport.Goal> goals = new ArrayList<>();
        for (Row row : goalRows) {
            goals.add(new SessionReport.Goal(row.getUUID("goal_id"), row.getString("title"), row.getLong("target_cents"),
                    row.getOffsetDateTime("completed_at").toInstant()));
        }
        List<SessionReport.MenuItem> items = new ArrayList<>();
        for (Row row : itemRows) {
            items.add(new SessionReport.MenuItem(row.getUUID("menu_item_id"), row.getString("title"),
                    row.getString("category"), row.getLong("bought"), row.getLong("total")));
        }
        long streamedMillis = ended == null ? 0 : Duration.between(started, ended).toMillis();
        BigDecimal perMinute = streamedMillis <= 0 ? null
                : ratio(BigDecimal.valueOf(tipCount).multiply(BigDecimal.valueOf(60_000)), BigDecimal.valueOf(streamedMillis));
        BigDecimal averageViewers = streamedMillis <= 0 ? null
                : ratio(BigDecimal.valueOf(session.getLong("viewer_millis")), BigDecimal.valueOf(streamedMillis));
        return new SessionReport(session.getUUID("id"), session.getString("platform"), session.getString("title"),
                ended == null ? "active" : "ended", started, ended, session.getLong("duration_seconds"),
                session.getLong("gross"), tipCount, perMinute, session.getInteger("peak_viewers"), averageViewers,
                minutes, tippers, goals, items);
    }

    private Uni<Summary.Figures> figures(String creatorId, ReportRange range, String platform) {
        Instant start = range.start();
        Instant end = range.end();
        List<Instant> dayStarts = range.dayStarts();
        return Uni.combine().all().unis(queries.tipsPerDay(creatorId, start, end, platform, dayStarts),
                        queries.sessionsPerDay(creatorId, start, end, platform, dayStarts),
                        queries.medianTip(creatorId, start, end, platform),
                        queries.uniqueTippers(creatorId, start, end, platform))
                .asTuple().map(parts -> figures(range, parts.getItem1(), parts.getItem2(), parts.getItem3(), parts.getItem4()));
    }

    private static Summary.Figures figures(ReportRange range, List<long[]> tipDays, List<long[]> sessionDays,
                                           Double median, long uniqueTippers) {
        long gross = 0;
        long tips = 0;
        long sessions = 0;
        long seconds = 0;
        long viewerMillis = 0;
        long streamedMillis = 0;
        int peak = 0;
        List<Summary.Day> days = new ArrayList<>();
        for (int i = 0; i < tipDays.size(); i++) {
            long[] tipDay = tipDays.get(i) == null ? new long[2] : tipDays.get(i);
            long[] sessionDay = sessionDays.get(i) == null ? new long[5] : sessionDays.get(i);
            tips += tipDay[0];
            gross += tipDay[1];
            sessions += sessionDay[0];
            seconds += sessionDay[1];
            viewerMillis += sessionDay[2];
            streamedMillis += sessionDay[3];
            peak = Math.max(peak, (int) sessionDay[4]);
            days.add(new Summary.Day(range.from().plusDays(i), tipDay[1], tipDay[0], sessionDay[0]));
        }
        Long average = tips == 0 ? null : roundHalfUp(gross, tips);
        Long medianCents = median == null ? null : Math.round(median);
        BigDecimal hours = ratio(BigDecimal.valueOf(seconds), BigDecimal.valueOf(3600));
        BigDecimal tipsPerHour = seconds == 0 ? null
                : ratio(BigDecimal.valueOf(tips).multiply(BigDecimal.valueOf(3600)), BigDecimal.valueOf(seconds));
        BigDecimal averageViewers = streamedMillis == 0 ? null
                : ratio(BigDecimal.valueOf(viewerMillis), BigDecimal.valueOf(streamedMillis));
        return new Summary.Figures(range.from(), range.to(), gross, tips, average, medianCents, uniqueTippers, sessions,
                seconds, hours, tipsPerHour, peak, averageViewers, days);
    }

    /** Whole cents, half up: what a creator expects of an average of amounts in cents. */
    static long roundHalfUp(long total, long count) {
        return BigDecimal.valueOf(total).divide(BigDecimal.valueOf(count), 0, RoundingMode.HALF_UP).longValueExact();
    }

    private static BigDecimal ratio(BigDecimal numerator, BigDecimal denominator) {
        return numerator.divide(denominator, 2, RoundingMode.HALF_UP);
    }
}
