package io.streamingcompanion.analytics.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The dashboard's figures for a range and for the period of equal length before it. */
public record Summary(String timeZone, String platform, Figures current, Figures previous) {

    /**
     * Money in cents; {@code averageTipCents} and {@code medianTipCents} rounded half up to a whole cent
     * (null without tips); viewers are weighted by time over the ended sessions that started in the range.
     */
    public record Figures(
            LocalDate from,
            LocalDate to,
            long grossTipsCents,
            long tipCount,
            Long averageTipCents,
            Long medianTipCents,
            long uniqueTippers,
            long sessions,
            long secondsStreamed,
            BigDecimal hoursStreamed,
            BigDecimal tipsPerHourStreamed,
            int peakViewers,
            BigDecimal averageViewers,
            List<Day> days) {
    }

    /** One day of the creator's time zone: tips received that day, sessions started that day. */
    public record Day(LocalDate date, long grossTipsCents, long tipCount, long sessions) {
    }
}
