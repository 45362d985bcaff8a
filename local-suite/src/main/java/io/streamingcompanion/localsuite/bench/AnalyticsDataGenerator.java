package io.streamingcompanion.localsuite.bench;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * A creator's two years as analytics-service's read model holds them: sessions on most days (platform,
 * duration, viewers), tips in them with amounts clustered on token packages plus a long tail, tippers from
 * a large pool with a heavy head and a long tail, anonymous tips, menu purchases, and test tips, which are
 * generated and dropped exactly as the consumers drop them.
 *
 * <p>Loaded in bulk, not through Kafka: 1,000,000 events through the consumers take most of an hour on two
 * cores, while the point is the query side. The raw sessions and tips go in with COPY, then every rollup is
 * derived by analytics-service's own {@code db/derive-rollups.sql}, which RollupDerivationTest proves equal
 * to what the consumers write for the same events.
 */
public final class AnalyticsDataGenerator {

    private static final long[] PACKAGES = {1, 5, 10, 11, 15, 20, 25, 35, 50, 69, 77, 88, 99, 100, 111, 150, 200, 222,
            250, 300, 333, 444, 500, 555, 666, 777, 1000, 2000};
    private static final String[] PLATFORMS = {"chaturbate", "chaturbate", "chaturbate", "chaturbate", "chaturbate",
            "stripchat", "stripchat", "stripchat", "other", "livekit"};
    /** Cents per token (Chaturbate's payout rate). */
    private static final long TOKEN_CENTS = 5;

    public record Generated(int sessions, long tips, long testTips, long grossCents, int tipperPool) {
    }

    private AnalyticsDataGenerator() {
    }

    /** Loads {@code tips} counted tips for {@code creator} over the {@code days} days before {@code end}. */
    public static Generated load(String jdbcUrl, String user, String password, String creator, long tips, int days,
                                 LocalDate end, long seed, Path deriveRollups) throws SQLException, IOException {
        Random random = new Random(seed);
        int tipperPool = (int) Math.max(1_000, tips / 12);
        record Session(UUID id, String platform, Instant start, Instant end, int peak, long viewerMillis, double weight) {
        }
        List<Session> sessions = new ArrayList<>();
        double weights = 0;
        for (LocalDate day = end.minusDays(days); day.isBefore(end); day = day.plusDays(1)) {
            if (random.nextInt(100) < 15) {
                continue;
            }
            Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(16 * 3600 + random.nextInt(7 * 3600));
            Duration length = Duration.ofMinutes(90 + random.nextInt(330));
            int peak = 30 + (int) (Math.exp(random.nextGaussian() * 0.8) * 300);
            double weight = length.toMinutes() * (0.5 + random.nextDouble());
            weights += weight;
            sessions.add(new Session(UUID.randomUUID(), PLATFORMS[random.nextInt(PLATFORMS.length)], start,
                    start.plus(length), peak, (long) (peak * 0.6 * length.toMillis()), weight));
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            connection.setAutoCommit(false);
            try (PreparedStatement clear = connection.prepareStatement("DELETE FROM analytics_service.analytics_session WHERE creator_id = ?")) {
                clear.setString(1, creator);
                clear.executeUpdate();
            }
            for (String table : List.of("analytics_tip", "tip_quarter_hour", "tipper_day", "session_tips", "tip_amount_day", "tipper",
                    "tipper_bits_day", "tipper_bits_month")) {
                try (PreparedStatement clear = connection.prepareStatement("DELETE FROM analytics_service." + table + " WHERE creator_id = ?")) {
                    clear.setString(1, creator);
                    clear.executeUpdate();
                }
            }
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder rows = new StringBuilder();
            for (Session session : sessions) {
                long seconds = Duration.between(session.start(), session.end()).toSeconds();
                rows.append(session.id()).append(',').append(csv(creator)).append(',').append(session.platform())
                        .append(",Show,").append(session.start()).append(',').append(session.end()).append(',').append(seconds)
                        .append(",0,0,").append(session.peak()).append(",0,").append(session.end()).append(',')
                        .append(session.viewerMillis()).append('\n');
            }
            copy.copyIn("COPY analytics_service.analytics_session (id, creator_id, platform, title, started_at, ended_at,"
                    + " duration_seconds, announced_tips_cents, announced_tip_count, peak_viewers, current_viewers,"
                    + " viewers_observed_at, viewer_millis) FROM STDIN WITH (FORMAT csv)", new StringReader(rows.toString()));

            long counted = 0;
            long testTips = 0;
            long gross = 0;
            String tipCopy = "COPY analytics_service.analytics_tip (tip_id, creator_id, session_id, amount_cents, tipper_name,"
                    + " message, source, menu_item_id, menu_item_title, menu_item_category, received_at) FROM STDIN WITH (FORMAT csv)";
            rows.setLength(0);
            // Each session's share of the tips by its length and a random appeal; rounding is topped up after.
            List<Session> order = new ArrayList<>(sessions);
            for (int pass = 0; counted < tips; pass++) {
                for (Session session : order) {
                    long share = pass == 0 ? Math.round(tips * session.weight() / weights) : 1;
                    long seconds = Duration.between(session.start(), session.end()).toSeconds();
                    for (long i = 0; i < share && counted < tips; ) {
                        if (random.nextInt(200) == 0) {
                            testTips++; // a creator's test tip: the consumers drop it, so the model never has it
                            continue;
                        }
                        i++;
                        long tokens = random.nextInt(100) < 65 ? PACKAGES[(int) (Math.pow(random.nextDouble(), 1.8) * PACKAGES.length)]
                                : Math.max(1, Math.min(10_000, Math.round(Math.exp(3.4 + random.nextGaussian() * 1.2))));
                        long amount = tokens * TOKEN_CENTS;
                        String tipper = random.nextInt(100) < 8 ? ""
                                : "fan" + (int) (Math.pow(random.nextDouble(), 3) * tipperPool);
                        boolean menu = random.nextInt(100) < 5;
                        Instant at = session.start().plusSeconds(random.nextLong(seconds));
                        rows.append(new UUID(random.nextLong(), random.nextLong())).append(',').append(csv(creator)).append(',')
                                .append(session.id()).append(',').append(amount).append(',').append(tipper).append(',')
                                .append(random.nextInt(100) < 30 ? "thanks" : "").append(",chaturbate,")
                                .append(menu ? new UUID(0, tokens % 7) + ",Item " + tokens % 7 + ",request" : ",,")
                                .append(',').append(at).append('\n');
                        counted++;
                        gross += amount;
                        if (rows.length() > 8_000_000) {
                            copy.copyIn(tipCopy, new StringReader(rows.toString()));
                            rows.setLength(0);
                        }
                    }
                }
            }
            copy.copyIn(tipCopy, new StringReader(rows.toString()));
            for (String statement : statements(deriveRollups)) {
                try (PreparedStatement derive = connection.prepareStatement(statement.replace("$1", "?"))) {
                    derive.setString(1, creator);
                    derive.executeUpdate();
                }
            }
            connection.commit();
            // What autovacuum does on a live system soon enough: statistics, and the visibility map that lets
            // covering indexes answer without visiting the rows.
            connection.setAutoCommit(true);
            try (var vacuum = connection.createStatement()) {
                vacuum.execute("VACUUM ANALYZE");
                // A row can only be marked visible to all once no open transaction predates it; the suite's
                // services had some open during the first pass (index-only scans still visited every row).
                Thread.sleep(2_000);
                vacuum.execute("VACUUM analytics_service.tipper_day, analytics_service.tip_amount_day,"
                        + " analytics_service.tip_amount_month, analytics_service.analytics_tip, analytics_service.tipper");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return new Generated(sessions.size(), counted, testTips, gross, tipperPool);
        }
    }

    private static List<String> statements(Path file) throws IOException {
        String text = Files.readString(file).replaceAll("(?m)^--.*$", "");
        return Arrays.stream(text.split(";\\s*\\n")).map(String::strip).filter(statement -> !statement.isEmpty()).toList();
    }

    private static String csv(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
