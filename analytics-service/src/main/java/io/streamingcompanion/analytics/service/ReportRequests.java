package io.streamingcompanion.analytics.service;

import io.streamingcompanion.analytics.domain.ReportRange;
import io.streamingcompanion.commons.problem.ApiException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Set;

/** Query values of the analytics endpoints, checked once: anything wrong is a 400 that says what to fix. */
final class ReportRequests {

    static final Set<String> PLATFORMS = Set.of("chaturbate", "stripchat", "other", "livekit");

    /** Earliest day a range may start: nothing in the suite predates it, and it keeps arithmetic sane. */
    private static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final LocalDate LATEST = LocalDate.of(2999, 12, 31);

    private ReportRequests() {
    }

    /**
     * {@code from} and {@code to} are days (YYYY-MM-DD, both included) in {@code tz} (an IANA zone such as
     * {@code Europe/Berlin}, default UTC). Without {@code to}: today; without {@code from}: the
     * {@code defaultDays} days up to {@code to}.
     */
    static ReportRange range(String from, String to, String tz, int defaultDays, int maxDays) {
        ZoneId zone = zone(tz);
        LocalDate last = to == null || to.isEmpty() ? LocalDate.now(zone) : day("to", to);
        LocalDate first = from == null || from.isEmpty() ? last.minusDays(defaultDays - 1L) : day("from", from);
        if (first.isAfter(last)) {
            throw ApiException.badRequest("from must not be after to");
        }
        ReportRange range = new ReportRange(first, last, zone);
        if (range.days() > maxDays) {
            throw ApiException.badRequest("a range may cover at most " + maxDays + " days");
        }
        if (range.previous().from().isBefore(EARLIEST)) {
            throw ApiException.badRequest("from must be on or after " + EARLIEST.plusDays(range.days()));
        }
        return range;
    }

    static ZoneId zone(String tz) {
        if (tz == null || tz.isEmpty()) {
            return UTC;
        }
        // Region ids only: offsets such as "+05:30" would also parse, but mean something else to a calendar.
        if (!"UTC".equals(tz) && !ZoneId.getAvailableZoneIds().contains(tz)) {
            throw ApiException.badRequest("tz must be an IANA time zone such as Europe/Berlin or UTC");
        }
        try {
            return ZoneId.of(tz);
        } catch (DateTimeException e) {
            throw ApiException.badRequest("tz must be an IANA time zone such as Europe/Berlin or UTC");
        }
    }

    static String platform(String platform) {
        if (platform == null || platform.isEmpty()) {
            return null;
        }
        if (!PLATFORMS.contains(platform)) {
            throw ApiException.badRequest("platform must be one of chaturbate|stripchat|other|livekit");
        }
        return platform;
    }

    static int limit(String value, int fallback, int max) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        int limit;
        try {
            limit = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit must be a whole number");
        }
        if (limit < 1 || limit > max) {
            throw ApiException.badRequest("limit must be between 1 and " + max);
        }
        return limit;
    }

    private static LocalDate day(String name, String value) {
        LocalDate day;
        try {
            day = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " must be a day as YYYY-MM-DD");
        }
        if (day.isBefore(EARLIEST) || day.isAfter(LATEST)) {
            throw ApiException.badRequest(name + " must be between " + EARLIEST + " and " + LATEST);
        }
        return day;
    }
}
