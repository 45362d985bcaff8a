package io.streamingcompanion.analytics.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Whole days {@code from}..{@code to} (both included) in the creator's time zone. */
public record ReportRange(LocalDate from, LocalDate to, ZoneId zone) {

    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** Exclusive end: the start of the day after {@code to}. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /** The period of equal length just before this one, for comparisons. */
    public ReportRange previous() {
        return new ReportRange(from.minusDays(days()), from.minusDays(1), zone);
    }

    /** The instant each day of the range starts, in order (DST days are 23 or 25 hours long). */
    public List<Instant> dayStarts() {
        List<Instant> starts = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            starts.add(day.atStartOfDay(zone).toInstant());
        }
        return starts;
    }
}
