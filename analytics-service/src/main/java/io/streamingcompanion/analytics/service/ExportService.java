package io.streamingcompanion.analytics.service;

import de.siegmar.fastcsv.writer.CsvWriter;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.analytics.config.AnalyticsConfig;
import io.streamingcompanion.analytics.domain.ReportRange;
import io.streamingcompanion.analytics.repository.AnalyticsQueryRepository;
import io.streamingcompanion.commons.problem.ApiException;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * CSV exports (RFC 4180: comma, double quotes, CRLF; written by FastCSV), streamed one page of rows at a
 * time so that a creator's whole history never sits in memory.
 */
@ApplicationScoped
public class ExportService {

    /** Before every real id, so the first page starts at the range's first row. */
    private static final UUID FIRST_ID = new UUID(Long.MIN_VALUE, Long.MIN_VALUE);

    static final List<String> TIP_COLUMNS = List.of("tip_id", "received_at", "received_local", "session_id",
            "platform", "tipper_name", "amount_cents", "message", "source", "menu_item");
    static final List<String> SESSION_COLUMNS = List.of("session_id", "platform", "title", "started_at", "ended_at",
            "duration_seconds", "tip_count", "gross_tips_cents", "peak_viewers", "average_viewers");

    private final AnalyticsQueryRepository queries;
    private final AnalyticsConfig config;

    public ExportService(AnalyticsQueryRepository queries, AnalyticsConfig config) {
        this.queries = queries;
        this.config = config;
    }

    /** A checked export: its parameters are validated before the response starts, so errors stay 400s. */
    public Export export(String creatorId, String from, String to, String tz, String type) {
        ReportRange range = ReportRequests.range(from, to, tz, config.defaultRangeDays(), config.maxRangeDays());
        String kind = type == null || type.isEmpty() ? "tips" : type;
        String filename = "analytics-" + kind + "-" + range.from() + "-to-" + range.to() + ".csv";
        return switch (kind) {
            case "tips" -> new Export(filename, csv(TIP_COLUMNS, after -> queries.tipPage(creatorId, range.start(),
                    range.end(), after.time, after.id, config.exportPageSize()), "received_at", "tip_id",
                    row -> tipRecord(row, range.zone())));
            case "sessions" -> new Export(filename, csv(SESSION_COLUMNS, after -> queries.sessionPage(creatorId,
                    range.start(), range.end(), after.time, after.id, config.exportPageSize()), "started_at", "id",
                    ExportService::sessionRecord));
            default -> throw ApiException.badRequest("type must be sessions or tips");
        };
    }

    public record Export(String filename, Multi<String> body) {
    }

    private static final class Cursor {
        Instant time = Instant.EPOCH;
        UUID id = FIRST_ID;
    }

    private Multi<String> csv(List<String> header, Function<Cursor, Uni<RowSet<Row>>> page, String timeColumn,
                              String idColumn, Function<Row, List<String>> record) {
        int size = config.exportPageSize();
        Multi<String> rows = Multi.createBy().repeating()
                .uni(Cursor::new, cursor -> page.apply(cursor).map(found -> {
                    List<List<String>> records = new ArrayList<>(found.size());
                    for (Row row : found) {
                        records.add(record.apply(row));
                        cursor.time = row.getOffsetDateTime(timeColumn).toInstant();
                        cursor.id = row.getUUID(idColumn);
                    }
                    return records;
                }))
                .whilst(records -> records.size() == size)
                .filter(records -> !records.isEmpty())
                .map(ExportService::write);
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(write(List.of(header))), rows);
    }

    private static String write(List<List<String>> records) {
        StringWriter out = new StringWriter();
        try (CsvWriter csv = CsvWriter.builder().build(out)) {
            for (List<String> record : records) {
                csv.writeRecord(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static List<String> tipRecord(Row row, ZoneId zone) {
        OffsetDateTime received = row.getOffsetDateTime("received_at");
        return List.of(row.getUUID("tip_id").toString(), received.toInstant().toString(),
                received.atZoneSameInstant(zone).toLocalDateTime().toString(), row.getUUID("session_id").toString(),
                text(row.getString("platform")), text(row.getString("tipper_name")),
                Long.toString(row.getLong("amount_cents")), text(row.getString("message")), text(row.getString("source")),
                text(row.getString("menu_item_title")));
    }

    private static List<String> sessionRecord(Row row) {
        OffsetDateTime started = row.getOffsetDateTime("started_at");
        OffsetDateTime ended = row.getOffsetDateTime("ended_at");
        String averageViewers = "";
        if (ended != null) {
            long millis = Duration.between(started, ended).toMillis();
            averageViewers = millis <= 0 ? "" : BigDecimal.valueOf(row.getLong("viewer_millis"))
                    .divide(BigDecimal.valueOf(millis), 2, RoundingMode.HALF_UP).toPlainString();
        }
        Long duration = row.getLong("duration_seconds");
        return List.of(row.getUUID("id").toString(), text(row.getString("platform")), text(row.getString("title")),
                started.toInstant().toString(), ended == null ? "" : ended.toInstant().toString(),
                duration == null ? "" : duration.toString(), Long.toString(row.getLong("tips")),
                Long.toString(row.getLong("gross")), Integer.toString(row.getInteger("peak_viewers")), averageViewers);
    }

    /**
     * Text a creator's viewers typed (tipper names, messages, titles) must stay text in a spreadsheet: a
     * cell that starts like a formula gets a leading apostrophe, which spreadsheets show as plain text.
     */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }
}
