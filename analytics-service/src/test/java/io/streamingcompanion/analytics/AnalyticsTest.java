package io.streamingcompanion.analytics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.streamingcompanion.contracts.EventEnvelope;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.Topics;
import io.streamingcompanion.contracts.goal.GoalCompleted;
import io.streamingcompanion.contracts.session.SessionEnded;
import io.streamingcompanion.contracts.session.SessionStarted;
import io.streamingcompanion.contracts.session.SessionUpdated;
import io.streamingcompanion.contracts.tip.TipReceived;
import io.streamingcompanion.testsupport.DomainEventConsumer;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.streamingcompanion.testsupport.TestTokens;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.type.BindingContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Feeds sessions, tips and goals as the producing services would (with test tips, redeliveries and a tip
 * that arrives before its session) and checks every figure against what was published, to the cent.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String FORMULA = "=HYPERLINK(\"http://x\")";
    private static final List<String> TIPPERS = List.of("alice", "bob", "carol", "dave", FORMULA, "-minus", "@at", "");

    private final String creator = "creator-" + UUID.randomUUID();

    @Inject
    Mutiny.SessionFactory sessionFactory;

    /** What the model must hold: one entry per counted tip (test tips and redeliveries left out). */
    private final List<TipReceived> counted = new ArrayList<>();
    private final Map<UUID, Stream> sessions = new LinkedHashMap<>();
    private Stream early;

    private record Stream(UUID id, String platform, Instant start, Instant end, long viewerMillis, int peak) {
        long millis() {
            return Duration.between(start, end).toMillis();
        }
    }

    private static RequestSpecification as(String creatorId) {
        return given().header("Authorization", TestTokens.bearer(creatorId));
    }

    private static Instant at(String text) {
        return Instant.parse(text);
    }

    private static void publish(String topic, EventEnvelope envelope) {
        DomainEventConsumer.publish(topic, envelope);
    }

    private <P> EventEnvelope envelope(io.streamingcompanion.contracts.EventType<P> type, String key, P payload, Instant at) {
        return EventJson.envelope(type, creator, key, payload, Clock.fixed(at, ZoneOffset.UTC));
    }

    @BeforeAll
    void publishHistory() {
        Stream s1 = stream("chaturbate", at("2026-03-01T20:00:00Z"), at("2026-03-01T23:30:00Z"),
                new int[] {10, 30}, new Instant[] {at("2026-03-01T20:30:00Z"), at("2026-03-01T21:00:00Z")});
        Stream s2 = stream("stripchat", at("2026-03-02T22:30:00Z"), at("2026-03-03T01:15:00Z"),
                new int[] {50, 5}, new Instant[] {at("2026-03-02T22:45:00Z"), at("2026-03-03T00:10:00Z")});
        Random random = new Random(42);
        for (Stream stream : List.of(s1, s2)) {
            for (int i = 0; i < 40; i++) {
                long seconds = random.nextInt((int) (stream.millis() / 1000));
                TipReceived tip = tip(stream.id(), stream.start().plusSeconds(seconds), 100 + random.nextInt(4900),
                        TIPPERS.get(random.nextInt(TIPPERS.size())), random.nextInt(5) == 0, false);
                EventEnvelope event = envelope(EventTypes.TIP_RECEIVED, stream.id().toString(), tip, tip.receivedAt());
                publish(Topics.TIPS, event);
                if (i % 7 == 0) {
                    publish(Topics.TIPS, event);
                }
            }
            publish(Topics.TIPS, envelope(EventTypes.TIP_RECEIVED, stream.id().toString(),
                    tip(stream.id(), stream.start().plusSeconds(60), 99_999, "tester", false, true), stream.start()));
        }
        GoalCompleted goal = new GoalCompleted(UUID.randomUUID(), s1.id(), creator, "New outfit", 10_000, at("2026-03-01T21:05:00Z"));
        EventEnvelope goalEvent = envelope(EventTypes.GOAL_COMPLETED, s1.id().toString(), goal, goal.completedAt());
        publish(Topics.GOALS, goalEvent);
        publish(Topics.GOALS, goalEvent);

        // A tip of a session whose events come later: counted at once, its platform known once they arrive.
        UUID lateId = UUID.randomUUID();
        TipReceived lateTip = tip(lateId, at("2026-03-03T10:00:30Z"), 777, "bob", false, false);
        publish(Topics.TIPS, envelope(EventTypes.TIP_RECEIVED, lateId.toString(), lateTip, lateTip.receivedAt()));
        early = new Stream(lateId, "other", at("2026-03-03T10:00:00Z"), at("2026-03-03T11:00:00Z"), 0, 0);
    }

    private TipReceived tip(UUID sessionId, Instant at, long amount, String tipper, boolean menu, boolean test) {
        TipReceived.MenuItemRef item = menu ? new TipReceived.MenuItemRef(new UUID(0, amount % 3), "Item " + amount % 3, "request", amount) : null;
        TipReceived tip = new TipReceived(UUID.randomUUID(), sessionId, creator, amount, tipper.isEmpty() ? null : tipper,
                "msg " + amount, "manual", null, test, at, new TipReceived.SessionTotals(0, 0), item);
        if (!test) {
            counted.add(tip);
        }
        return tip;
    }

    /** Publishes a whole session: started, viewer updates, ended; returns what the model should derive. */
    private Stream stream(String platform, Instant start, Instant end, int[] viewers, Instant[] times) {
        return stream(UUID.randomUUID(), platform, start, end, viewers, times);
    }

    private Stream stream(UUID id, String platform, Instant start, Instant end, int[] viewers, Instant[] times) {
        String key = id.toString();
        publish(Topics.SESSIONS, envelope(EventTypes.SESSION_STARTED, key, new SessionStarted(id, creator, platform, "Show " + platform, start), start));
        long viewerMillis = 0;
        int current = 0;
        int peak = 0;
        Instant last = start;
        for (int i = 0; i < viewers.length; i++) {
            viewerMillis += current * Duration.between(last, times[i]).toMillis();
            current = viewers[i];
            last = times[i];
            peak = Math.max(peak, current);
            EventEnvelope update = envelope(EventTypes.SESSION_UPDATED, key, new SessionUpdated(id, creator, "active", platform,
                    "Show " + platform, null, Map.of(), 0, 0, current, peak, start, null), times[i]);
            publish(Topics.SESSIONS, update);
            publish(Topics.SESSIONS, update);
        }
        viewerMillis += current * Duration.between(last, end).toMillis();
        publish(Topics.SESSIONS, envelope(EventTypes.SESSION_ENDED, key, new SessionEnded(id, creator, platform, start, end,
                Duration.between(start, end).toSeconds(), 0, 0, peak), end));
        Stream stream = new Stream(id, platform, start, end, viewerMillis, peak);
        sessions.put(id, stream);
        return stream;
    }

    private JsonNode get(String creatorId, String path) throws Exception {
        Response response = as(creatorId).get(path);
        assertEquals(200, response.statusCode(), response.asString());
        return JSON.readTree(response.asString());
    }

    private void awaitModel() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode summary = get(creator, "/api/analytics/summary?from=2026-03-01&to=2026-03-03");
            assertEquals(counted.size(), summary.path("current").path("tipCount").asLong());
            assertEquals(sessions.size(), summary.path("current").path("sessions").asLong());
        });
    }

    @Test
    void aTipBeforeItsSessionCountsAtOnceAndGetsItsPlatformLater() throws Exception {
        awaitModel();
        String other = "/api/analytics/summary?from=2026-03-03&to=2026-03-03&platform=other";
        if (!sessions.containsKey(early.id())) {
            assertEquals(0, get(creator, other).path("current").path("tipCount").asLong());
            stream(early.id(), "other", early.start(), early.end(), new int[] {4}, new Instant[] {at("2026-03-03T10:30:00Z")});
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertEquals(1, get(creator, other).path("current").path("tipCount").asLong()));
        assertEquals(777, get(creator, other).path("current").path("grossTipsCents").asLong());
    }

    @Test
    void everyFigureEqualsThePublishedEvents() throws Exception {
        awaitModel();
        checkSummary("2026-03-01", "2026-03-03", "UTC", null);
        checkSummary("2026-03-02", "2026-03-03", "UTC", null);
        checkSummary("2026-03-01", "2026-03-02", "Asia/Kolkata", null);
        checkSummary("2026-03-02", "2026-03-02", "America/Los_Angeles", null);
        checkSummary("2026-02-27", "2026-03-03", "UTC", "chaturbate");
        checkSummary("2026-03-01", "2026-03-03", "Europe/Berlin", "stripchat");
        // Whole UTC months inside: their month rollups, the days around them and partial days at both ends.
        checkSummary("2026-02-15", "2026-04-10", "UTC", null);
        checkSummary("2026-02-28", "2026-04-02", "Europe/Berlin", null);
        checkSummary("2026-02-28", "2026-04-02", "Europe/Berlin", "chaturbate");
    }

    private void checkSummary(String from, String to, String tz, String platform) throws Exception {
        JsonNode summary = get(creator, "/api/analytics/summary?from=" + from + "&to=" + to + "&tz=" + tz
                + (platform == null ? "" : "&platform=" + platform));
        ZoneId zone = ZoneId.of(tz);
        LocalDate first = LocalDate.parse(from);
        LocalDate last = LocalDate.parse(to);
        long days = java.time.temporal.ChronoUnit.DAYS.between(first, last) + 1;
        checkFigures(summary.path("current"), first, last, zone, platform);
        checkFigures(summary.path("previous"), first.minusDays(days), first.minusDays(1), zone, platform);
    }

    private void checkFigures(JsonNode figures, LocalDate first, LocalDate last, ZoneId zone, String platform) {
        String where = first + ".." + last + " " + zone + " " + platform;
        Instant start = first.atStartOfDay(zone).toInstant();
        Instant end = last.plusDays(1).atStartOfDay(zone).toInstant();
        List<TipReceived> tips = counted.stream()
                .filter(tip -> !tip.receivedAt().isBefore(start) && tip.receivedAt().isBefore(end))
                .filter(tip -> platform == null || (sessions.containsKey(tip.sessionId()) && sessions.get(tip.sessionId()).platform().equals(platform)))
                .toList();
        List<Stream> streams = sessions.values().stream()
                .filter(s -> !s.start().isBefore(start) && s.start().isBefore(end))
                .filter(s -> platform == null || s.platform().equals(platform)).toList();
        long gross = tips.stream().mapToLong(TipReceived::amountCents).sum();
        assertEquals(gross, figures.path("grossTipsCents").asLong(), where);
        assertEquals(tips.size(), figures.path("tipCount").asLong(), where);
        if (tips.isEmpty()) {
            assertTrue(figures.path("averageTipCents").isNull(), where);
            assertTrue(figures.path("medianTipCents").isNull(), where);
        } else {
            assertEquals(BigDecimal.valueOf(gross).divide(BigDecimal.valueOf(tips.size()), 0, RoundingMode.HALF_UP).longValue(),
                    figures.path("averageTipCents").asLong(), where);
            List<Long> amounts = tips.stream().map(TipReceived::amountCents).sorted().toList();
            int n = amounts.size();
            long median = n % 2 == 1 ? amounts.get(n / 2) : (amounts.get(n / 2 - 1) + amounts.get(n / 2) + 1) / 2;
            assertEquals(median, figures.path("medianTipCents").asLong(), where);
        }
        assertEquals(tips.stream().map(TipReceived::tipperName).filter(name -> name != null).distinct().count(),
                figures.path("uniqueTippers").asLong(), where);
        assertEquals(streams.size(), figures.path("sessions").asLong(), where);
        long seconds = streams.stream().mapToLong(s -> s.millis() / 1000).sum();
        assertEquals(seconds, figures.path("secondsStreamed").asLong(), where);
        assertEquals(0, BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_UP)
                .compareTo(figures.path("hoursStreamed").decimalValue()), where);
        if (seconds == 0) {
            assertTrue(figures.path("tipsPerHourStreamed").isNull(), where);
            assertTrue(figures.path("averageViewers").isNull(), where);
        } else {
            assertEquals(0, BigDecimal.valueOf(tips.size() * 3600L).divide(BigDecimal.valueOf(seconds), 2, RoundingMode.HALF_UP)
                    .compareTo(figures.path("tipsPerHourStreamed").decimalValue()), where);
            long viewerMillis = streams.stream().mapToLong(Stream::viewerMillis).sum();
            long millis = streams.stream().mapToLong(Stream::millis).sum();
            assertEquals(0, BigDecimal.valueOf(viewerMillis).divide(BigDecimal.valueOf(millis), 2, RoundingMode.HALF_UP)
                    .compareTo(figures.path("averageViewers").decimalValue()), where);
        }
        assertEquals(streams.stream().mapToInt(Stream::peak).max().orElse(0), figures.path("peakViewers").asInt(), where);
        JsonNode days = figures.path("days");
        assertEquals(java.time.temporal.ChronoUnit.DAYS.between(first, last) + 1, days.size(), where);
        for (JsonNode day : days) {
            LocalDate date = LocalDate.parse(day.path("date").asText());
            List<TipReceived> ofDay = tips.stream().filter(tip -> LocalDate.ofInstant(tip.receivedAt(), zone).equals(date)).toList();
            assertEquals(ofDay.stream().mapToLong(TipReceived::amountCents).sum(), day.path("grossTipsCents").asLong(), where + " " + date);
            assertEquals(ofDay.size(), day.path("tipCount").asLong(), where + " " + date);
            assertEquals(streams.stream().filter(s -> LocalDate.ofInstant(s.start(), zone).equals(date)).count(),
                    day.path("sessions").asLong(), where + " " + date);
        }
    }

    /**
     * Each statement of the apply path is planned once: a tipper's upsert once cached a new plan per tip (a typed
     * native query's plan key equals no other), until the service's 2,048 cached plans were copies of it.
     */
    @Test
    void applyingTipsOverAndOverCachesEachStatementOnce() {
        awaitModel();
        String other = "creator-" + UUID.randomUUID();
        UUID sessionId = UUID.randomUUID();
        int before = cachedQueryPlans();
        int tips = 60;
        for (int i = 0; i < tips; i++) {
            Instant at = at("2026-04-01T20:00:00Z").plusSeconds(i);
            TipReceived tip = new TipReceived(UUID.randomUUID(), sessionId, other, 100 + i, "tipper " + (i % 7), null,
                    "manual", null, false, at, new TipReceived.SessionTotals(0, 0), null);
            publish(Topics.TIPS, EventJson.envelope(EventTypes.TIP_RECEIVED, other, sessionId.toString(), tip,
                    Clock.fixed(at, ZoneOffset.UTC)));
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(tips,
                get(other, "/api/analytics/summary?from=2026-04-01&to=2026-04-01").path("current").path("tipCount").asLong()));
        int after = cachedQueryPlans();
        assertTrue(after - before < 10, "query plans cached grew from " + before + " to " + after + " over " + tips + " tips");
    }

    private int cachedQueryPlans() {
        // The ORM session factory behind the reactive one, reached through its mapping metamodel.
        return ((BindingContext) sessionFactory.getMetamodel()).getTypeConfiguration().getSessionFactory()
                .getQueryEngine().getInterpretationCache().getNumberOfCachedQueryPlans();
    }

    @Test
    void topTippersRankByTotalWithCountAndLastTip() throws Exception {
        awaitModel();
        checkTopTippers("2026-03-01", "2026-03-03", "UTC", 100);
        checkTopTippers("2026-03-02", "2026-03-02", "Asia/Kolkata", 3);
        // Long ranges rank candidates by lifetime total; this one leaves out the first day's tips.
        checkTopTippers("2026-03-02", "2026-06-30", "UTC", 2);
        checkTopTippers("2026-01-01", "2026-06-30", "Europe/Berlin", 100);
    }

    private void checkTopTippers(String from, String to, String tz, int limit) throws Exception {
        ZoneId zone = ZoneId.of(tz);
        Instant start = LocalDate.parse(from).atStartOfDay(zone).toInstant();
        Instant end = LocalDate.parse(to).plusDays(1).atStartOfDay(zone).toInstant();
        Map<String, long[]> totals = new HashMap<>();
        Map<String, Instant> lastTip = new HashMap<>();
        for (TipReceived tip : counted) {
            if (tip.tipperName() == null || tip.receivedAt().isBefore(start) || !tip.receivedAt().isBefore(end)) {
                continue;
            }
            long[] total = totals.computeIfAbsent(tip.tipperName(), name -> new long[2]);
            total[0] += tip.amountCents();
            total[1]++;
            lastTip.merge(tip.tipperName(), tip.receivedAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
        List<String> ranked = totals.keySet().stream()
                .sorted(Comparator.<String>comparingLong(name -> -totals.get(name)[0])
                        .thenComparingLong(name -> -totals.get(name)[1]).thenComparing(name -> name))
                .limit(limit).toList();
        JsonNode top = get(creator, "/api/analytics/top-tippers?from=" + from + "&to=" + to + "&tz=" + tz + "&limit=" + limit);
        assertEquals(ranked.size(), top.size());
        for (int i = 0; i < ranked.size(); i++) {
            String name = ranked.get(i);
            assertEquals(name, top.get(i).path("tipperName").asText());
            assertEquals(totals.get(name)[0], top.get(i).path("totalCents").asLong(), name);
            assertEquals(totals.get(name)[1], top.get(i).path("tipCount").asLong(), name);
            assertEquals(lastTip.get(name), Instant.parse(top.get(i).path("lastTipAt").asText()), name);
        }
    }

    @Test
    void sessionReportAddsUpItsTipsGoalsAndMenuItems() throws Exception {
        awaitModel();
        Stream s1 = sessions.values().iterator().next();
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertEquals(1, get(creator, "/api/analytics/sessions/" + s1.id()).path("goalsCompleted").size()));
        JsonNode report = get(creator, "/api/analytics/sessions/" + s1.id());
        List<TipReceived> tips = counted.stream().filter(tip -> tip.sessionId().equals(s1.id())).toList();
        assertEquals(s1.platform(), report.path("platform").asText());
        assertEquals("ended", report.path("status").asText());
        assertEquals(s1.millis() / 1000, report.path("durationSeconds").asLong());
        assertEquals(tips.size(), report.path("tipCount").asLong());
        assertEquals(tips.stream().mapToLong(TipReceived::amountCents).sum(), report.path("grossTipsCents").asLong());
        assertEquals(s1.peak(), report.path("peakViewers").asInt());
        long perMinuteTotal = 0;
        for (JsonNode minute : report.path("tipsPerMinute")) {
            perMinuteTotal += minute.path("grossTipsCents").asLong();
        }
        assertEquals(tips.stream().mapToLong(TipReceived::amountCents).sum(), perMinuteTotal);
        assertEquals("New outfit", report.path("goalsCompleted").get(0).path("title").asText());
        assertEquals("2026-03-01T21:05:00Z", report.path("goalsCompleted").get(0).path("completedAt").asText());
        long bought = tips.stream().filter(tip -> tip.menuItem() != null).count();
        long reported = 0;
        for (JsonNode item : report.path("menuItems")) {
            reported += item.path("count").asLong();
        }
        assertEquals(bought, reported);
        assertTrue(report.path("topTippers").size() > 0);

        String intruder = "intruder-" + UUID.randomUUID();
        as(intruder).get("/api/analytics/sessions/" + s1.id()).then().statusCode(404).contentType("application/problem+json");
        JsonNode theirs = get(intruder, "/api/analytics/summary?from=2026-03-01&to=2026-03-03");
        assertEquals(0, theirs.path("current").path("tipCount").asLong());
        assertEquals(0, theirs.path("current").path("sessions").asLong());
        assertEquals(0, get(intruder, "/api/analytics/top-tippers?from=2026-03-01&to=2026-03-03").size());
        String csv = as(intruder).get("/api/analytics/export?from=2026-03-01&to=2026-03-03").then().statusCode(200).extract().asString();
        assertEquals(1, CsvReader.builder().ofCsvRecord(csv).stream().count());
    }

    @Test
    void tipExportParsesBackToTheSameRowsAndNeverHoldsAFormula() throws Exception {
        awaitModel();
        Response response = as(creator).get("/api/analytics/export?from=2026-03-01&to=2026-03-02&type=tips");
        assertEquals(200, response.statusCode(), response.asString());
        assertTrue(response.header("Content-Type").startsWith("text/csv"), response.header("Content-Type"));
        assertEquals("attachment; filename=\"analytics-tips-2026-03-01-to-2026-03-02.csv\"", response.header("Content-Disposition"));
        List<CsvRecord> records = CsvReader.builder().ofCsvRecord(response.asString()).stream().toList();
        assertEquals(List.of("tip_id", "received_at", "received_local", "session_id", "platform", "tipper_name",
                "amount_cents", "message", "source", "menu_item"), records.get(0).getFields());
        Instant end = at("2026-03-03T00:00:00Z");
        List<TipReceived> expected = counted.stream().filter(tip -> tip.receivedAt().isBefore(end))
                .sorted(Comparator.comparing(TipReceived::receivedAt).thenComparing(TipReceived::tipId)).toList();
        assertEquals(expected.size(), records.size() - 1);
        boolean sawFormula = false;
        for (int i = 0; i < expected.size(); i++) {
            TipReceived tip = expected.get(i);
            List<String> row = records.get(i + 1).getFields();
            assertEquals(tip.tipId().toString(), row.get(0));
            assertEquals(tip.receivedAt(), Instant.parse(row.get(1)));
            assertEquals(tip.sessionId().toString(), row.get(3));
            assertEquals(sessions.get(tip.sessionId()).platform(), row.get(4));
            String name = tip.tipperName() == null ? "" : tip.tipperName();
            boolean risky = !name.isEmpty() && "=+-@".indexOf(name.charAt(0)) >= 0;
            assertEquals(risky ? "'" + name : name, row.get(5));
            sawFormula |= FORMULA.equals(tip.tipperName());
            assertEquals(Long.toString(tip.amountCents()), row.get(6));
            assertEquals(tip.message(), row.get(7));
            assertEquals(tip.menuItem() == null ? "" : tip.menuItem().title(), row.get(9));
            for (String cell : row) {
                assertFalse(!cell.isEmpty() && "=+@\t\r".indexOf(cell.charAt(0)) >= 0, cell);
            }
        }
        assertTrue(sawFormula, "the data set holds the formula tipper");
    }

    @Test
    void sessionExportListsEverySessionWithItsTotals() {
        awaitModel();
        String csv = as(creator).get("/api/analytics/export?from=2026-03-01&to=2026-03-02&type=sessions")
                .then().statusCode(200).header("Content-Disposition", containsString("analytics-sessions-2026-03-01-to-2026-03-02.csv"))
                .extract().asString();
        List<CsvRecord> records = CsvReader.builder().ofCsvRecord(csv).stream().toList();
        assertEquals("session_id", records.get(0).getField(0));
        List<Stream> expected = sessions.values().stream().filter(s -> s.start().isBefore(at("2026-03-03T00:00:00Z")))
                .sorted(Comparator.comparing(Stream::start)).toList();
        assertEquals(expected.size(), records.size() - 1);
        for (int i = 0; i < expected.size(); i++) {
            Stream stream = expected.get(i);
            CsvRecord row = records.get(i + 1);
            assertEquals(stream.id().toString(), row.getField(0));
            assertEquals(stream.platform(), row.getField(1));
            assertEquals(Long.toString(stream.millis() / 1000), row.getField(5));
            List<TipReceived> tips = counted.stream().filter(tip -> tip.sessionId().equals(stream.id())).toList();
            assertEquals(Integer.toString(tips.size()), row.getField(6));
            assertEquals(Long.toString(tips.stream().mapToLong(TipReceived::amountCents).sum()), row.getField(7));
            assertEquals(Integer.toString(stream.peak()), row.getField(8));
        }
    }

    @Test
    void badRangesZonesAndLimitsAre400() {
        for (String query : List.of("summary?from=2026-13-01", "summary?from=2026-03-05&to=2026-03-01", "summary?tz=Mars/Base",
                "summary?tz=%2B05:30", "summary?platform=twitch", "summary?from=2020-01-01&to=2026-01-01",
                "summary?from=03/01/2026", "top-tippers?limit=0", "top-tippers?limit=101", "top-tippers?limit=abc",
                "top-tippers?to=1999-12-31", "export?type=xml", "export?from=2026-03-02&to=2026-03-01")) {
            as(creator).get("/api/analytics/" + query).then().statusCode(400).contentType("application/problem+json")
                    .body("status", equalTo(400));
        }
        as(creator).get("/api/analytics/summary").then().statusCode(200).body("timeZone", equalTo("UTC"))
                .body("current.days.size()", equalTo(30));
        given().get("/api/analytics/summary").then().statusCode(401);
    }
}
