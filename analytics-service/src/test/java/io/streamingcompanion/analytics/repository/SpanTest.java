package io.streamingcompanion.analytics.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamingcompanion.analytics.repository.AnalyticsQueryRepository.Span;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SpanTest {

    private static final LocalDate FEB_28 = LocalDate.parse("2026-02-28");
    private static final LocalDate MAR_1 = LocalDate.parse("2026-03-01");
    private static final LocalDate APR_1 = LocalDate.parse("2026-04-01");

    @Test
    void aBerlinRangeSplitsIntoPartialDaysWholeDaysAndTheWholeMonthBetween() {
        // 2026-02-28..2026-04-02 in Europe/Berlin: from 2026-02-27T23:00Z to 2026-04-01T22:00Z.
        Span span = Span.of(Instant.parse("2026-02-27T23:00:00Z"), Instant.parse("2026-04-01T22:00:00Z"), true);
        assertEquals(new Span(FEB_28, APR_1, Instant.parse("2026-02-28T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"),
                MAR_1, APR_1), span);
    }

    @Test
    void withoutMonthsEveryWholeDayIsADay() {
        Span span = Span.of(Instant.parse("2026-02-27T23:00:00Z"), Instant.parse("2026-04-01T22:00:00Z"), false);
        assertEquals(APR_1, span.firstMonth());
        assertEquals(APR_1, span.afterMonths());
        assertEquals(FEB_28, span.firstWholeDay());
    }

    @Test
    void aRangeInsideOneUtcDayHasOnlyRawTips() {
        Instant start = Instant.parse("2026-03-01T05:00:00Z");
        Instant end = Instant.parse("2026-03-02T04:00:00Z");
        Span span = Span.of(start, end, true);
        assertEquals(end, span.wholeStart());
        assertEquals(end, span.wholeEnd());
        assertEquals(span.firstWholeDay(), span.afterWholeDays());
        assertEquals(span.firstMonth(), span.afterMonths());
    }

    @Test
    void aRangeOfExactlyOneUtcMonthIsThatMonth() {
        Span span = Span.of(Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"), true);
        assertEquals(MAR_1, span.firstWholeDay());
        assertEquals(MAR_1, span.firstMonth());
        assertEquals(APR_1, span.afterMonths());
        assertEquals(APR_1, span.afterWholeDays());
    }
}
