package io.streamingcompanion.localsuite.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamingcompanion.localsuite.LocalSuite;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Fault drill on the real suite (every service its own process, embedded PostgreSQL, Kafka and Redis, all
 * traffic through the local origin, loopback only). Tips are posted continuously while, one after the other,
 * tip-service, session-service, goal-menu-service and the realtime-gateway are killed with SIGKILL and
 * restarted, Kafka is stopped and started, and Redis is stopped and restarted (empty). Afterwards every
 * accepted tip must be counted exactly once by tip-service, session-service and the goal, every overlay must
 * have received every alert exactly once, no 5xx but the documented retryable 503 may have been seen, and the
 * readiness of every service using a stopped dependency must have gone DOWN during the outage and UP after.
 * Run with {@code ./run-fault-drill.sh}; it stops by itself and exits 1 on FAIL.
 */
public final class FaultDrill {

    static final String DEPENDENCY_UNAVAILABLE = "urn:streaming:problem:dependency-unavailable";
    static final List<String> KILLED = List.of("tip-service", "session-service", "goal-menu-service", "realtime-gateway");
    /** Services with a Redis readiness check (the others do not use Redis). */
    static final List<String> REDIS_USERS = List.of("realtime-gateway");
    /** A 503 is expected this long after a fault has been repaired (pooled connections, consumers rejoining). */
    static final double GRACE_SECONDS = 15;

    private static final ObjectMapper JSON = new ObjectMapper();

    record Options(int overlays, long intervalMillis, int inFlight, int downSeconds, int flowSeconds,
                   int infraDownSeconds, int maxInfraDownSeconds, int recoverSeconds, int settleSeconds,
                   int maxMinutes) {

        static Options parse(String[] args) {
            Map<String, String> given = new HashMap<>();
            for (String arg : args) {
                if (arg.startsWith("--") && arg.contains("=")) {
                    given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
                } else {
                    throw new IllegalArgumentException("Unknown argument " + arg + " (options are --name=value)");
                }
            }
            Options options = new Options(
                    Integer.parseInt(given.getOrDefault("overlays", "20")),
                    Long.parseLong(given.getOrDefault("interval-ms", "50")),
                    Integer.parseInt(given.getOrDefault("in-flight", "4")),
                    Integer.parseInt(given.getOrDefault("down-seconds", "3")),
                    Integer.parseInt(given.getOrDefault("flow-seconds", "5")),
                    Integer.parseInt(given.getOrDefault("infra-down-seconds", "10")),
                    Integer.parseInt(given.getOrDefault("max-infra-down-seconds", "45")),
                    Integer.parseInt(given.getOrDefault("recover-seconds", "60")),
                    Integer.parseInt(given.getOrDefault("settle-seconds", "120")),
                    Integer.parseInt(given.getOrDefault("max-minutes", "30")));
            given.keySet().removeAll(Set.of("overlays", "interval-ms", "in-flight", "down-seconds", "flow-seconds",
                    "infra-down-seconds", "max-infra-down-seconds", "recover-seconds", "settle-seconds", "max-minutes"));
            if (!given.isEmpty()) {
                throw new IllegalArgumentException("Unknown options " + given.keySet());
            }
            return options;
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path root = Path.of(System.getProperty("streaming.home", ".")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("fault-drill");
        // Whatever happens, the drill ends: the services and Kafka exit with this JVM (ExitWithParent).
        Thread watchdog = new Thread(() -> {
            try {
                TimeUnit.MINUTES.sleep(options.maxMinutes());
                System.out.println("FAIL: the drill did not finish within " + options.maxMinutes() + " minutes");
                Runtime.getRuntime().halt(2);
            } catch (InterruptedException e) {
                // finished in time
            }
        }, "fault-drill-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        Timeline timeline = new Timeline();
        timeline.log("Starting the suite (work dir %s, logs in %s)", work, work.resolve("logs"));
        boolean passed;
        String report;
        try (LocalSuite suite = LocalSuite.start(LocalSuite.Options.ephemeral(root, work))) {
            timeline.log("Suite up: origin %s, services %s", suite.baseUrl(), suite.servicePorts());
            FaultDrill drill = new FaultDrill(suite, options, timeline);
            try {
                drill.run();
            } catch (Exception e) {
                e.printStackTrace();
                drill.failures.add("The drill stopped early: " + e);
            }
            report = drill.report();
            passed = drill.failures.isEmpty();
        }
        System.out.println(report);
        Path out = root.resolve("local-suite/target/fault-drill.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, String.join("\n", timeline.lines()) + "\n\n" + report);
        System.out.println("Written to " + out + " (service logs kept in " + work.resolve("logs") + ")");
        watchdog.interrupt();
        System.exit(passed ? 0 : 1);
    }

    private final LocalSuite suite;
    private final Options options;
    private final Timeline timeline;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Fault> faults = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> figures = new ArrayList<>();
    private final String creator = "drill-" + Long.toHexString(System.nanoTime());
    private final String token;
    private String sessionId;
    private String goalId;
    private TipPoster poster;
    private final List<Overlay> overlays = new ArrayList<>();

    private FaultDrill(LocalSuite suite, Options options, Timeline timeline) {
        this.suite = suite;
        this.options = options;
        this.timeline = timeline;
        this.token = suite.tokenFor(creator);
    }

    // ------------------------------------------------------------------------------------------------ the run

    private void run() throws Exception {
        sessionId = json(call("POST", "/api/sessions", "{\"platform\":\"other\",\"title\":\"Fault drill\"}", 201)).path("id").asText();
        goalId = json(call("POST", "/api/goals", "{\"sessionId\":\"" + sessionId
                + "\",\"title\":\"Fault drill\",\"targetCents\":100000000}", 201)).path("id").asText();
        String socketPath = json(call("GET", "/api/overlay/key", null, 200)).path("socketPath").asText();
        timeline.log("Session %s, goal %s, creator %s", sessionId, goalId, creator);

        Vertx vertx = Vertx.vertx();
        try {
            WebSocketClient sockets = vertx.createWebSocketClient(new WebSocketClientOptions()
                    .setMaxConnections(options.overlays() * 2 + 10).setConnectTimeout(10_000));
            for (int i = 0; i < options.overlays(); i++) {
                Overlay overlay = new Overlay(i, vertx, sockets, suite.routerPort(), socketPath);
                overlays.add(overlay);
                overlay.connect();
            }
            if (!await(Duration.ofSeconds(60), () -> overlays.stream().allMatch(Overlay::isJoined))) {
                failures.add("Not every overlay joined within 60 s");
            }
            timeline.log("%d of %d overlays joined", overlays.stream().filter(Overlay::isJoined).count(), overlays.size());

            poster = new TipPoster();
            Thread posting = new Thread(poster, "fault-drill-tips");
            posting.setDaemon(true);
            posting.start();
            timeline.log("Posting tips every %d ms (at most %d in flight)", options.intervalMillis(), options.inFlight());
            TimeUnit.SECONDS.sleep(options.flowSeconds());

            for (String service : KILLED) {
                killAndRestart(service);
            }
            kafkaOutage();
            redisOutage();

            poster.stop();
            posting.join(TimeUnit.MINUTES.toMillis(5));
            timeline.log("Stopped posting: %d tips posted, %d accepted", poster.posted.get(), poster.accepted.size());
            settle();
            verify();
        } finally {
            if (poster != null) {
                poster.stop();
            }
            overlays.forEach(Overlay::close);
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private void killAndRestart(String service) throws Exception {
        Fault fault = new Fault("SIGKILL " + service, timeline.seconds());
        faults.add(fault);
        long pid = suite.pid(service);
        suite.kill(service);
        timeline.log("%s (pid %d) killed with SIGKILL", service, pid);
        TimeUnit.SECONDS.sleep(options.downSeconds());
        fault.repairStarted = timeline.seconds();
        timeline.log("Restarting %s", service);
        suite.restart(service, Duration.ofMinutes(3));
        fault.end = timeline.seconds();
        timeline.log("%s ready again (pid %d), %.1f s after the kill, %.1f s after the restart began",
                service, suite.pid(service), fault.end - fault.start, fault.end - fault.repairStarted);
        awaitCaughtUp(fault);
        TimeUnit.SECONDS.sleep(options.flowSeconds());
    }

    private void kafkaOutage() throws Exception {
        List<String> users = new ArrayList<>(suite.servicePorts().keySet());
        infrastructureOutage("Kafka", users, () -> suite.kafka().stop(), () -> suite.kafka().start());
    }

    private void redisOutage() throws Exception {
        infrastructureOutage("Redis", REDIS_USERS, () -> suite.redis().stop(), () -> suite.redis().restart());
    }

    private void infrastructureOutage(String name, List<String> users, Runnable stop, Runnable start) throws Exception {
        ReadinessPoller readiness = new ReadinessPoller(users);
        if (!await(Duration.ofSeconds(options.recoverSeconds()), readiness::allUpNow)) {
            failures.add(name + " outage: not every service was ready before it began: " + readiness.latest());
        }
        Fault fault = new Fault(name + " outage", timeline.seconds());
        faults.add(fault);
        Thread polling = new Thread(readiness, "fault-drill-readiness");
        polling.start();
        try {
            stop.run();
            double stopped = timeline.seconds();
            timeline.log("%s stopped (took %.1f s); watching the readiness of %s", name, stopped - fault.start, users);
            long minimum = TimeUnit.SECONDS.toMillis(options.infraDownSeconds());
            long maximum = TimeUnit.SECONDS.toMillis(options.maxInfraDownSeconds());
            long since = System.nanoTime();
            while (true) {
                long elapsed = (System.nanoTime() - since) / 1_000_000;
                if (elapsed >= maximum || (elapsed >= minimum && readiness.allSeenDownSince(fault.start))) {
                    break;
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
            fault.repairStarted = timeline.seconds();
            timeline.log("Starting %s again after %.1f s down", name, fault.repairStarted - stopped);
            start.run();
            fault.end = timeline.seconds();
            timeline.log("%s answering again (start took %.1f s)", name, fault.end - fault.repairStarted);
            await(Duration.ofSeconds(options.recoverSeconds()), () -> readiness.allUpSince(fault.end));
        } finally {
            readiness.stop();
            polling.join(10_000);
        }
        for (String service : users) {
            Double down = readiness.firstDownAfter(service, fault.start, fault.end);
            Double up = readiness.firstUpAfter(service, fault.end);
            String downText = down == null ? "never DOWN" : String.format("DOWN after %.1f s", down - fault.start);
            String upText = up == null ? "not UP within " + options.recoverSeconds() + " s" : String.format("UP %.1f s after the restart", up - fault.end);
            fault.readiness.put(service, downText + ", " + upText);
            timeline.log("  %s readiness: %s", service, fault.readiness.get(service));
            if (down == null) {
                failures.add(String.format("%s outage: %s readiness never went DOWN (%.1f s outage)", name, service,
                        fault.end - fault.start));
            }
            if (up == null) {
                failures.add(String.format("%s outage: %s readiness not UP within %d s after %s came back", name,
                        service, options.recoverSeconds(), name));
            } else {
                fault.recovered = Math.max(fault.recovered, up);
            }
        }
        awaitCaughtUp(fault);
        TimeUnit.SECONDS.sleep(options.flowSeconds());
    }

    /**
     * After a repair: waits (bounded) until the tips accepted so far are counted by session-service and the
     * goal and their alerts reached every overlay, so that each fault is measured on its own.
     */
    private void awaitCaughtUp(Fault fault) throws InterruptedException {
        Map<String, Accepted> accepted = poster.acceptedSnapshot();
        Set<String> ids = new HashSet<>();
        accepted.values().forEach(tip -> ids.add(tip.tipId()));
        long sum = accepted.values().stream().mapToLong(Accepted::amountCents).sum();
        boolean caughtUp = await(Duration.ofSeconds(options.settleSeconds()), () -> {
            try {
                JsonNode session = json(call("GET", "/api/sessions/" + sessionId, null, 200));
                JsonNode goal = json(call("GET", "/api/goals/" + goalId, null, 200));
                return session.path("tipCount").asLong() >= accepted.size() && goal.path("currentCents").asLong() >= sum
                        && overlays.stream().allMatch(overlay -> overlay.hasAll(ids));
            } catch (Exception e) {
                return false;
            }
        });
        double repaired = Math.max(fault.end, fault.recovered);
        fault.caughtUp = caughtUp ? timeline.seconds() - repaired : Double.NaN;
        timeline.log(caughtUp ? "Caught up %.1f s after the repair: session, goal and every overlay have all %d tips accepted so far"
                : "NOT caught up %.0f s after the repair (tips accepted so far: %d); going on", timeline.seconds() - repaired, accepted.size());
    }

    private void settle() throws Exception {
        Map<String, Accepted> accepted = poster.acceptedSnapshot();
        long sum = accepted.values().stream().mapToLong(Accepted::amountCents).sum();
        Set<String> ids = new HashSet<>();
        accepted.values().forEach(tip -> ids.add(tip.tipId()));
        double started = timeline.seconds();
        boolean settled = await(Duration.ofSeconds(options.settleSeconds()), () -> {
            try {
                JsonNode tips = json(call("GET", "/api/tips?sessionId=" + sessionId + "&page=0&size=1", null, 200));
                JsonNode session = json(call("GET", "/api/sessions/" + sessionId, null, 200));
                JsonNode goal = json(call("GET", "/api/goals/" + goalId, null, 200));
                JsonNode analytics = json(call("GET", "/api/analytics/sessions/" + sessionId, null, 200));
                return tips.path("total").asLong() == accepted.size()
                        && session.path("tipCount").asLong() == accepted.size()
                        && session.path("totalTipsCents").asLong() == sum
                        && goal.path("currentCents").asLong() == sum
                        && analytics.path("tipCount").asLong() == accepted.size()
                        && analytics.path("grossTipsCents").asLong() == sum
                        && overlays.stream().allMatch(overlay -> overlay.hasAll(ids));
            } catch (Exception e) {
                return false;
            }
        });
        timeline.log(settled ? "Totals and overlays settled %.1f s after posting stopped"
                : "Not settled after %.0f s: verifying what there is", timeline.seconds() - started);
    }

    // ------------------------------------------------------------------------------------------ verification

    private void verify() throws Exception {
        Map<String, Accepted> accepted = poster.acceptedSnapshot();
        long sum = accepted.values().stream().mapToLong(Accepted::amountCents).sum();
        Map<String, Long> acceptedAmounts = new HashMap<>();
        accepted.values().forEach(tip -> acceptedAmounts.put(tip.tipId(), tip.amountCents()));
        if (acceptedAmounts.size() != accepted.size()) {
            failures.add("Two accepted tips (different Idempotency-Keys) were answered with the same tip id");
        }
        figures.add(String.format("Tips: %d posted, %d accepted (2xx), %d needed a retry, %d attempts in all; "
                        + "%d refused (4xx), %d given up; accepted sum %d cents",
                poster.posted.get(), accepted.size(), poster.retried.get(), poster.attempts.get(),
                poster.refused.get(), poster.gaveUp.get(), sum));
        figures.add("Statuses seen: " + new TreeMap<>(poster.statusCounts()));
        poster.problems.forEach(failures::add);

        // 5xx: only tip-service's / the origin's documented retryable 503, and only while a fault lasts.
        int allowed = 0;
        for (Attempt attempt : poster.serverErrors()) {
            boolean documented = attempt.status() == 503 && DEPENDENCY_UNAVAILABLE.equals(attempt.type());
            Fault during = faultAt(attempt.at());
            if (documented && during != null) {
                allowed++;
                during.retryable503++;
            } else {
                failures.add(String.format("%d at %.1f s (%s) %s: %s", attempt.status(), attempt.at(),
                        during == null ? "no fault under way" : "during " + during.name,
                        documented ? "" : "undocumented", attempt.body()));
            }
        }
        figures.add(String.format("5xx: %d in all, %d of them the documented retryable 503 while a fault lasted",
                poster.serverErrors().size(), allowed));

        // tip-service: the same tips, each once.
        Map<String, Long> listed = new HashMap<>();
        int duplicatesListed = 0;
        long total = -1;
        for (int page = 0; page < 10_000; page++) {
            JsonNode body = json(call("GET", "/api/tips?sessionId=" + sessionId + "&page=" + page + "&size=100", null, 200));
            total = body.path("total").asLong();
            for (JsonNode tip : body.path("items")) {
                if (listed.put(tip.path("id").asText(), tip.path("amountCents").asLong()) != null) {
                    duplicatesListed++;
                }
            }
            if (page + 1 >= body.path("totalPages").asLong()) {
                break;
            }
        }
        Set<String> missing = new HashSet<>(acceptedAmounts.keySet());
        missing.removeAll(listed.keySet());
        Set<String> extra = new HashSet<>(listed.keySet());
        extra.removeAll(acceptedAmounts.keySet());
        long wrongAmount = acceptedAmounts.entrySet().stream()
                .filter(tip -> listed.containsKey(tip.getKey()) && !listed.get(tip.getKey()).equals(tip.getValue())).count();
        long listedSum = listed.values().stream().mapToLong(Long::longValue).sum();
        figures.add(String.format("tip-service: %d tips listed (total %d), sum %d cents; missing %d, extra %d, "
                + "listed twice %d, wrong amount %d", listed.size(), total, listedSum, missing.size(), extra.size(),
                duplicatesListed, wrongAmount));
        if (!missing.isEmpty() || !extra.isEmpty() || duplicatesListed > 0 || wrongAmount > 0 || total != accepted.size()) {
            failures.add(String.format("tip-service does not hold exactly the accepted tips: missing %s, extra %s, "
                    + "listed twice %d, wrong amount %d, total %d vs %d accepted", sample(missing), sample(extra),
                    duplicatesListed, wrongAmount, total, accepted.size()));
        }

        JsonNode session = json(call("GET", "/api/sessions/" + sessionId, null, 200));
        figures.add(String.format("session-service: tipCount %d, totalTipsCents %d (expected %d / %d)",
                session.path("tipCount").asLong(), session.path("totalTipsCents").asLong(), accepted.size(), sum));
        if (session.path("tipCount").asLong() != accepted.size() || session.path("totalTipsCents").asLong() != sum) {
            failures.add(String.format("session-service totals differ: tipCount %d vs %d, totalTipsCents %d vs %d",
                    session.path("tipCount").asLong(), accepted.size(), session.path("totalTipsCents").asLong(), sum));
        }

        JsonNode goal = json(call("GET", "/api/goals/" + goalId, null, 200));
        figures.add(String.format("goal-menu-service: goal currentCents %d (expected %d)", goal.path("currentCents").asLong(), sum));
        if (goal.path("currentCents").asLong() != sum) {
            failures.add(String.format("goal currentCents %d vs %d accepted", goal.path("currentCents").asLong(), sum));
        }
        // analytics-service: its read model is built from the same events, so it must come to the same figures
        // (settle() waited for it like for the others). No report at all counts as a mismatch.
        JsonNode report;
        try {
            report = json(call("GET", "/api/analytics/sessions/" + sessionId, null, 200));
        } catch (IllegalStateException noReport) {
            report = null;
        }
        long analyticsCount = report == null ? -1 : report.path("tipCount").asLong();
        long analyticsSum = report == null ? -1 : report.path("grossTipsCents").asLong();
        figures.add(String.format("analytics-service: tipCount %d, grossTipsCents %d (expected %d / %d)",
                analyticsCount, analyticsSum, accepted.size(), sum));
        if (analyticsCount != accepted.size() || analyticsSum != sum) {
            failures.add(String.format("analytics-service figures differ: tipCount %d vs %d, grossTipsCents %d vs %d",
                    analyticsCount, accepted.size(), analyticsSum, sum));
        }

        // Overlays: every accepted tip's alert, each exactly once.
        int clean = 0;
        for (Overlay overlay : overlays) {
            Overlay.Tally tally = overlay.tally(acceptedAmounts.keySet());
            if (tally.missing() == 0 && tally.duplicated() == 0 && tally.unknown() == 0) {
                clean++;
            }
            String line = String.format("overlay %2d: %d connects, %d drops, %d replay_truncated, %d snapshots; "
                            + "alerts received: missing %d, duplicated %d, unknown %d; as the OBS page draws them: missing %d%s",
                    overlay.index, tally.connects(), tally.drops(), tally.truncated(), tally.snapshots(), tally.missing(),
                    tally.duplicated(), tally.unknown(), tally.drawnMissing(),
                    tally.errors().isEmpty() ? "" : "; errors " + tally.errors());
            figures.add(line);
            if (tally.missing() > 0 || tally.duplicated() > 0) {
                failures.add((tally.truncated() > 0 ? "[overlay resynced from a snapshot after replay_truncated] " : "")
                        + line + (tally.missingSample().isEmpty() ? "" : "; missing e.g. " + tally.missingSample())
                        + (tally.duplicateSample().isEmpty() ? "" : "; duplicated e.g. " + tally.duplicateSample()));
            } else if (tally.drawnMissing() > 0) {
                failures.add("overlay " + overlay.index + ": the OBS page would not draw " + tally.drawnMissing()
                        + " alerts it received (their positions were not above the last one it had drawn)");
            }
        }
        figures.add(String.format("Overlays: %d of %d received every accepted alert exactly once", clean, overlays.size()));
    }

    private Fault faultAt(double at) {
        for (Fault fault : faults) {
            double end = Math.max(fault.end, fault.recovered);
            if (at >= fault.start && at <= end + GRACE_SECONDS) {
                return fault;
            }
        }
        return null;
    }

    private String maxAlertDelay(double from, double to) {
        if (poster == null || overlays.isEmpty()) {
            return "-";
        }
        double max = -1;
        for (Accepted tip : poster.acceptedSnapshot().values()) {
            double acceptedAt = tip.startedAt() + tip.latencySeconds();
            Double alerted = overlays.get(0).firstReceivedAt(tip.tipId());
            if (acceptedAt >= from && acceptedAt <= to && alerted != null) {
                max = Math.max(max, alerted - acceptedAt);
            }
        }
        return max < 0 ? "-" : String.format("%.2f s", max);
    }

    private String report() {
        StringBuilder text = new StringBuilder("\n===== Fault drill summary =====\n");
        text.append(String.format("%d overlays, a tip every %d ms (at most %d in flight), creator %s, session %s%n",
                options.overlays(), options.intervalMillis(), options.inFlight(), creator, sessionId));
        text.append("Faults:\n");
        for (Fault fault : faults) {
            text.append(String.format("  %-28s at %6.1f s: down %5.1f s (repair took %5.1f s); %d retryable 503; "
                            + "max tip latency (first attempt → 2xx) of tips begun meanwhile %s%n",
                    fault.name, fault.start, fault.repairStarted - fault.start, fault.end - fault.repairStarted,
                    fault.retryable503, poster == null ? "-" : poster.maxLatency(fault.start, Math.max(fault.end, fault.recovered) + GRACE_SECONDS)));
            text.append(String.format("      caught up (totals and every overlay) %s after the repair; max alert delay (accepted → overlay 0) "
                    + "of tips accepted meanwhile %s%n", Double.isNaN(fault.caughtUp) ? "NOT" : String.format("%.1f s", fault.caughtUp),
                    maxAlertDelay(fault.start, Math.max(fault.end, fault.recovered) + (Double.isNaN(fault.caughtUp) ? 0 : fault.caughtUp))));
            fault.readiness.forEach((service, text2) -> text.append(String.format("      readiness %-22s %s%n", service, text2)));
        }
        if (poster != null) {
            text.append(String.format("Tip latency (first attempt → 2xx) over the whole run: max %s%n",
                    poster.maxLatency(0, Double.MAX_VALUE)));
        }
        figures.forEach(line -> text.append(line).append('\n'));
        if (failures.isEmpty()) {
            text.append("RESULT: PASS\n");
        } else {
            text.append("RESULT: FAIL (").append(failures.size()).append(")\n");
            failures.stream().limit(60).forEach(line -> text.append("  - ").append(line).append('\n'));
            if (failures.size() > 60) {
                text.append("  ... and ").append(failures.size() - 60).append(" more\n");
            }
        }
        return text.toString();
    }

    // ------------------------------------------------------------------------------------------- tip poster

    record Accepted(int number, String tipId, long amountCents, double startedAt, double latencySeconds) {
    }

    record Attempt(double at, int status, String type, String body) {
    }

    /** Posts tips at a steady pace; each is retried with its own Idempotency-Key until a 2xx or a 4xx. */
    private final class TipPoster implements Runnable {

        private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
        private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(3);

        private volatile boolean running = true;
        private final Semaphore slots = new Semaphore(options.inFlight());
        private final ExecutorService workers = Executors.newFixedThreadPool(options.inFlight());
        private final String run = Long.toHexString(System.currentTimeMillis());
        final AtomicInteger posted = new AtomicInteger();
        final AtomicInteger attempts = new AtomicInteger();
        final AtomicInteger retried = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger gaveUp = new AtomicInteger();
        final Map<String, Accepted> accepted = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
        private final List<Attempt> serverErrors = Collections.synchronizedList(new ArrayList<>());
        final List<String> problems = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void run() {
            int number = 0;
            try {
                while (running) {
                    slots.acquire();
                    int tip = number++;
                    posted.incrementAndGet();
                    workers.execute(() -> {
                        try {
                            post(tip);
                        } catch (RuntimeException e) {
                            problems.add("tip " + tip + ": " + e);
                        } finally {
                            slots.release();
                        }
                    });
                    TimeUnit.MILLISECONDS.sleep(options.intervalMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                workers.shutdown();
                try {
                    if (!workers.awaitTermination(GIVE_UP_AFTER.toSeconds() + 60, TimeUnit.SECONDS)) {
                        problems.add("Tips still being retried when the drill stopped waiting for them");
                        workers.shutdownNow();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        void stop() {
            running = false;
        }

        private void post(int number) {
            String key = "drill-" + run + "-" + number;
            long amount = 100 + (number * 37L) % 4900;
            String body = "{\"sessionId\":\"" + sessionId + "\",\"amountCents\":" + amount + ",\"tipperName\":\"drill-"
                    + (number % 10) + "\",\"message\":\"fault drill tip " + number + "\"}";
            HttpRequest request = HttpRequest.newBuilder(URI.create(suite.baseUrl() + "/api/tips"))
                    .timeout(REQUEST_TIMEOUT)
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            double started = timeline.seconds();
            long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
            long backoff = 200;
            for (int attempt = 1; ; attempt++) {
                attempts.incrementAndGet();
                if (attempt == 2) {
                    retried.incrementAndGet();
                }
                try {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    int status = response.statusCode();
                    String type = problemType(response.body());
                    count(status + (status >= 300 && type != null ? " " + type.replace("urn:streaming:problem:", "") : "")
                            + (response.headers().firstValue("Idempotent-Replayed").isPresent() ? " (replayed)" : ""));
                    if (status >= 200 && status < 300) {
                        String tipId = JSON.readTree(response.body()).path("id").asText();
                        accepted.put(key, new Accepted(number, tipId, amount, started, timeline.seconds() - started));
                        return;
                    }
                    if (status >= 400 && status < 500) {
                        refused.incrementAndGet();
                        problems.add("tip " + number + " refused with " + status + " after " + attempt + " attempts: " + response.body());
                        return;
                    }
                    if (status >= 500) {
                        serverErrors.add(new Attempt(timeline.seconds(), status, type, abbreviate(response.body())));
                    } else {
                        problems.add("tip " + number + ": unexpected " + status + " " + response.body());
                        return;
                    }
                } catch (HttpTimeoutException e) {
                    count("no answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
                } catch (IOException e) {
                    count("connection error");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    problems.add("tip " + number + " interrupted");
                    return;
                }
                if (System.nanoTime() > deadline) {
                    gaveUp.incrementAndGet();
                    problems.add("tip " + number + " given up after " + attempt + " attempts (" + GIVE_UP_AFTER + ")");
                    return;
                }
                sleep(backoff);
                backoff = Math.min(backoff * 2, 2_000);
            }
        }

        private void count(String label) {
            statuses.computeIfAbsent(label, k -> new AtomicInteger()).incrementAndGet();
        }

        Map<String, Integer> statusCounts() {
            Map<String, Integer> counts = new LinkedHashMap<>();
            statuses.forEach((label, count) -> counts.put(label, count.get()));
            return counts;
        }

        List<Attempt> serverErrors() {
            synchronized (serverErrors) {
                return new ArrayList<>(serverErrors);
            }
        }

        Map<String, Accepted> acceptedSnapshot() {
            return new HashMap<>(accepted);
        }

        String maxLatency(double from, double to) {
            return accepted.values().stream().filter(tip -> tip.startedAt() >= from && tip.startedAt() <= to)
                    .mapToDouble(Accepted::latencySeconds).max()
                    .stream().mapToObj(max -> String.format("%.2f s", max)).findFirst().orElse("-");
        }
    }

    // ------------------------------------------------------------------------------------------------ overlays

    /**
     * One OBS overlay socket through the origin, behaving as the overlay page does: on a drop it reconnects
     * with backoff and rejoins with {@code &since=<last position>}. It counts every {@code tip_received} it
     * receives, and separately those the page would draw (positions above the last one drawn).
     */
    private final class Overlay {

        record Tally(int connects, int drops, int truncated, int snapshots, int missing, int duplicated, int unknown,
                     int drawnMissing, List<String> missingSample, List<String> duplicateSample, List<String> errors) {
        }

        final int index;
        private final Vertx vertx;
        private final WebSocketClient client;
        private final int port;
        private final String socketPath;
        private final Map<String, Integer> received = new HashMap<>();
        private final Map<String, Double> firstReceivedAt = new HashMap<>();
        private final Map<String, List<Long>> positions = new HashMap<>();
        private final Map<String, Integer> drawn = new HashMap<>();
        private final List<String> errors = new ArrayList<>();
        private Long lastPosition;
        private boolean joined;
        private boolean stopped;
        private WebSocket socket;
        private long retryDelay = 250;
        private int connects;
        private int drops;
        private int truncated;
        private int snapshots;

        Overlay(int index, Vertx vertx, WebSocketClient client, int port, String socketPath) {
            this.index = index;
            this.vertx = vertx;
            this.client = client;
            this.port = port;
            this.socketPath = socketPath;
        }

        synchronized void connect() {
            if (stopped) {
                return;
            }
            String uri = socketPath + (lastPosition == null ? "" : "&since=" + lastPosition);
            client.connect(port, "127.0.0.1", uri).onComplete(attempt -> {
                if (attempt.failed()) {
                    retryLater();
                    return;
                }
                WebSocket opened = attempt.result();
                synchronized (this) {
                    socket = opened;
                    if (stopped) {
                        opened.close();
                        return;
                    }
                }
                opened.textMessageHandler(this::onFrame);
                opened.closeHandler(v -> {
                    synchronized (this) {
                        joined = false;
                        drops++;
                    }
                    retryLater();
                });
            });
        }

        private synchronized void retryLater() {
            if (stopped) {
                return;
            }
            long delay = retryDelay;
            retryDelay = Math.min(retryDelay * 2, 5_000);
            vertx.setTimer(delay, id -> connect());
        }

        private synchronized void onFrame(String text) {
            JsonNode frame;
            try {
                frame = JSON.readTree(text);
            } catch (IOException e) {
                errors.add("not JSON: " + abbreviate(text));
                return;
            }
            String event = frame.path("event").asText();
            boolean isNew = true;
            if (frame.path("position").isNumber()) {
                long position = frame.path("position").asLong();
                // What overlay.html does: a snapshot resets the position, other frames at or below it are old.
                if (!event.equals("snapshot") && lastPosition != null && position <= lastPosition) {
                    isNew = false;
                } else {
                    lastPosition = position;
                }
            }
            switch (event) {
                case "joined_overlay" -> {
                    joined = true;
                    connects++;
                    retryDelay = 250;
                }
                case "tip_received" -> {
                    String tipId = frame.path("data").path("tip").path("id").asText();
                    received.merge(tipId, 1, Integer::sum);
                    firstReceivedAt.putIfAbsent(tipId, timeline.seconds());
                    positions.computeIfAbsent(tipId, id -> new ArrayList<>()).add(frame.path("position").asLong(-1));
                    if (isNew) {
                        drawn.merge(tipId, 1, Integer::sum);
                    }
                }
                case "replay_truncated" -> truncated++;
                case "snapshot" -> snapshots++;
                case "error" -> errors.add(frame.path("data").path("code").asText());
                default -> {
                    // goal_progress, session_updated, ...: not counted
                }
            }
        }

        synchronized boolean isJoined() {
            return joined;
        }

        synchronized boolean hasAll(Set<String> tipIds) {
            return received.keySet().containsAll(tipIds);
        }

        synchronized Double firstReceivedAt(String tipId) {
            return firstReceivedAt.get(tipId);
        }

        synchronized Tally tally(Set<String> tipIds) {
            int missing = 0;
            int duplicated = 0;
            int drawnMissing = 0;
            List<String> missingSample = new ArrayList<>();
            List<String> duplicateSample = new ArrayList<>();
            for (String tipId : tipIds) {
                int count = received.getOrDefault(tipId, 0);
                if (count == 0) {
                    missing++;
                    if (missingSample.size() < 3) {
                        missingSample.add(tipId);
                    }
                } else if (count > 1) {
                    duplicated++;
                    if (duplicateSample.size() < 3) {
                        duplicateSample.add(tipId + " at positions " + positions.get(tipId));
                    }
                }
                if (count > 0 && drawn.getOrDefault(tipId, 0) == 0) {
                    drawnMissing++;
                }
            }
            int unknown = (int) received.keySet().stream().filter(id -> !tipIds.contains(id)).count();
            return new Tally(connects, drops, truncated, snapshots, missing, duplicated, unknown, drawnMissing,
                    missingSample, duplicateSample, new ArrayList<>(errors));
        }

        void close() {
            WebSocket open;
            synchronized (this) {
                stopped = true;
                open = socket;
            }
            if (open != null) {
                open.close();
            }
        }
    }

    // ----------------------------------------------------------------------------------------------- readiness

    /** Polls {@code /q/health/ready} of some services on their own ports, twice a second, recording each answer. */
    private final class ReadinessPoller implements Runnable {

        record Sample(double at, boolean up) {
        }

        private final List<String> services;
        private final Map<String, List<Sample>> samples = new ConcurrentHashMap<>();
        private final HttpClient probe = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        private volatile boolean running = true;

        ReadinessPoller(List<String> services) {
            this.services = services;
            services.forEach(service -> samples.put(service, Collections.synchronizedList(new ArrayList<>())));
        }

        @Override
        public void run() {
            while (running) {
                for (String service : services) {
                    boolean up = isUp(service);
                    samples.get(service).add(new Sample(timeline.seconds(), up));
                }
                sleep(500);
            }
        }

        void stop() {
            running = false;
        }

        boolean isUp(String service) {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + suite.servicePorts().get(service)
                        + "/q/health/ready")).timeout(Duration.ofSeconds(3)).build();
                return probe.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        boolean allUpNow() {
            return services.stream().allMatch(this::isUp);
        }

        String latest() {
            Map<String, Boolean> latest = new LinkedHashMap<>();
            services.forEach(service -> latest.put(service, isUp(service)));
            return latest.toString();
        }

        boolean allSeenDownSince(double from) {
            return services.stream().allMatch(service -> firstDownAfter(service, from, Double.MAX_VALUE) != null);
        }

        boolean allUpSince(double from) {
            return services.stream().allMatch(service -> firstUpAfter(service, from) != null);
        }

        Double firstDownAfter(String service, double from, double to) {
            synchronized (samples.get(service)) {
                return samples.get(service).stream().filter(sample -> sample.at() >= from && sample.at() <= to && !sample.up())
                        .map(Sample::at).findFirst().orElse(null);
            }
        }

        Double firstUpAfter(String service, double from) {
            synchronized (samples.get(service)) {
                return samples.get(service).stream().filter(sample -> sample.at() >= from && sample.up())
                        .map(Sample::at).findFirst().orElse(null);
            }
        }
    }

    // --------------------------------------------------------------------------------------------- plumbing

    private static final class Fault {
        final String name;
        final double start;
        double repairStarted;
        double end;
        double recovered;
        double caughtUp = Double.NaN;
        int retryable503;
        final Map<String, String> readiness = new LinkedHashMap<>();

        Fault(String name, double start) {
            this.name = name;
            this.start = start;
        }
    }

    /** Seconds since the drill began, and every line it printed. */
    private static final class Timeline {
        private final long started = System.nanoTime();
        private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        double seconds() {
            return (System.nanoTime() - started) / 1e9;
        }

        void log(String format, Object... args) {
            String line = String.format("[%6.1f s] ", seconds()) + String.format(format, args);
            lines.add(line);
            System.out.println(line);
        }

        List<String> lines() {
            synchronized (lines) {
                return new ArrayList<>(lines);
            }
        }
    }

    private String call(String method, String path, String body, int expected) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(suite.baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    private static String problemType(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.path("type").isTextual() ? node.path("type").asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private static List<String> sample(Set<String> ids) {
        return ids.stream().limit(5).toList();
    }

    private static boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        return condition.getAsBoolean();
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
