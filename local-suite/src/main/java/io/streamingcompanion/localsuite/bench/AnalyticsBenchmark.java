package io.streamingcompanion.localsuite.bench;

import io.streamingcompanion.infra.EmbeddedInfrastructure;
import io.streamingcompanion.localsuite.LocalSuite;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The product target "summary and top tippers answer in under 50 ms for a creator with 1,000,000 tips over
 * two years", measured on the real suite: analytics-service as its own process on the embedded PostgreSQL,
 * called over HTTP with a creator's token, one request at a time. Run with {@code ./run-benchmark.sh --analytics}.
 */
public final class AnalyticsBenchmark {

    private static final String CREATOR = "bench-creator";

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        long tips = Long.parseLong(options.getOrDefault("tips", "1000000"));
        int requests = Integer.parseInt(options.getOrDefault("requests", "200"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "50"));
        String tz = options.getOrDefault("tz", "Europe/Berlin");
        Path root = Path.of(System.getProperty("streaming.home", ".")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("analytics-bench");

        System.out.printf("Starting the suite (work dir %s)...%n", work);
        try (LocalSuite suite = LocalSuite.start(LocalSuite.Options.ephemeral(root, work))) {
            EmbeddedInfrastructure.Endpoints db = suite.infrastructure();
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            long loadStart = System.nanoTime();
            AnalyticsDataGenerator.Generated data = AnalyticsDataGenerator.load(db.jdbcUrl(), db.dbUser(), db.dbPassword(),
                    CREATOR, tips, 730, today, 2026, root.resolve("analytics-service/src/main/resources/db/derive-rollups.sql"));
            String loaded = String.format("Data: %,d tips (%,d test tips generated and dropped), %,d sessions over 730 days,"
                            + " tipper pool %,d, gross %,d cents; loaded in %d s%n", data.tips(), data.testTips(), data.sessions(),
                    data.tipperPool(), data.grossCents(), (System.nanoTime() - loadStart) / 1_000_000_000);
            System.out.print(loaded);

            String base = "http://127.0.0.1:" + suite.servicePorts().get("analytics-service");
            String token = suite.tokenFor(CREATOR);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            StringBuilder report = new StringBuilder(loaded);
            report.append(String.format("analytics-service directly, sequential requests, tz %s, %d measured after %d warm-up each%n",
                    tz, requests, warmup));
            boolean met = true;
            for (int days : new int[] {30, 365, 730}) {
                String range = "from=" + today.minusDays(days) + "&to=" + today.minusDays(1) + "&tz=" + tz;
                for (String path : List.of("/api/analytics/summary?" + range, "/api/analytics/top-tippers?" + range,
                        "/api/analytics/summary?" + range + "&platform=chaturbate")) {
                    long[] micros = measure(http, base + path, token, warmup, requests);
                    met &= percentile(micros, 95) < 50_000 || path.contains("platform=");
                    report.append(String.format("  %-4s days %-48s p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  max %6.1f ms%n", days,
                            path.substring(0, path.indexOf('?')) + (path.contains("platform=") ? " (platform)" : ""),
                            percentile(micros, 50) / 1000.0, percentile(micros, 95) / 1000.0, percentile(micros, 99) / 1000.0,
                            Arrays.stream(micros).max().orElse(0) / 1000.0));
                }
            }
            report.append(String.format("Target: summary and top tippers p95 under 50 ms (without platform filter) — %s%n",
                    met ? "MET" : "NOT MET"));
            System.out.print(report);
            Path out = root.resolve("local-suite/target/benchmark-analytics.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report.toString());
            System.out.println("Written to " + out);
            if (options.containsKey("hold")) {
                // For EXPLAIN ANALYZE by hand on the same data: the suite stays up until this process is stopped.
                System.out.printf("Holding the suite: PostgreSQL %s (user %s), analytics-service %s, token %s%n",
                        db.jdbcUrl(), db.dbUser(), base, token);
                Thread.sleep(Long.parseLong(options.get("hold")) * 1000);
            }
        }
    }

    private static long[] measure(HttpClient http, String url, String token, int warmup, int requests) throws Exception {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < warmup + requests; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(30)).GET().build();
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long micros = (System.nanoTime() - start) / 1000;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
            }
            if (i >= warmup) {
                times.add(micros);
            }
        }
        return times.stream().mapToLong(Long::longValue).toArray();
    }

    private static long percentile(long[] values, int percentile) {
        if (values.length == 0) {
            return 0;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
    }
}
