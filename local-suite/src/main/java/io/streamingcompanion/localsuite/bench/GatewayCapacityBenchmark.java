package io.streamingcompanion.localsuite.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamingcompanion.contracts.EventEnvelope;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.Topics;
import io.streamingcompanion.contracts.tip.TipReceived;
import io.streamingcompanion.localsuite.LocalSuite;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The gateway target, "one gateway: 10,000 sockets and 50,000 delivered messages/s with p99 delivery
 * under 100 ms, and a second replica adding capacity", measured on realtime-gateway alone. Run with
 * {@code ./run-benchmark.sh --gateway} (options in that script).
 *
 * <p>Tip events go straight into {@code streaming.tips}, written as tip-service's outbox writes them (envelope,
 * key, headers, producer settings); the gateway journals each in Redis once and every replica fans it out to
 * its own overlay sockets, {@code tip_received} each. Overlay sockets join on the gateway's port, not through
 * the origin, with the overlay key session-service issued to their creator. Every socket keeps what it got:
 * each event carries its creator, its number and the moment it was produced (the tip's {@code receivedAt}), so
 * missing and duplicate deliveries are counted per socket and each delivery's latency is its arrival minus
 * that moment, on the same clock.
 *
 * <p>Only PostgreSQL, Kafka, Redis, session-service and the gateway run. session-service issues the overlay keys
 * and opens a real session per creator, and is stopped once every socket has joined: it also consumes every
 * tip (a locked update and an outbox row each), and that work, like the other consumers', belongs to other
 * machines; here it would take the two cores the gateway is measured on.
 */
public final class GatewayCapacityBenchmark {

    static final int TARGET_SOCKETS = 10_000;
    static final int TARGET_DELIVERED_PER_SECOND = 50_000;
    static final long TARGET_P99_MICROS = 100_000;

    private static final String GATEWAY = "realtime-gateway";
    private static final String SESSIONS = "session-service";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private static final byte[] EVENT_FIELD = ascii("\"event\":\"");
    private static final byte[] TIP_RECEIVED = ascii("tip_received\"");
    private static final byte[] MESSAGE_FIELD = ascii("\"message\":\"");
    private static final byte[] RECEIVED_AT_FIELD = ascii("\"receivedAt\":\"");
    private static final byte[] CODE_FIELD = ascii("\"code\":\"");

    record Settings(int sockets, int creators, int deliveredPerSecond, Duration warmup, Duration duration, int replicas,
                    Duration drain, int connectWindow, int runs) {

        static Settings parse(String[] args) {
            Map<String, String> options = new HashMap<>();
            for (String arg : args) {
                if (!arg.startsWith("--") || !arg.contains("=")) {
                    throw new IllegalArgumentException("Options are --name=value, not " + arg);
                }
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
            Settings settings = new Settings(
                    Integer.parseInt(options.getOrDefault("sockets", "10000")),
                    Integer.parseInt(options.getOrDefault("creators", "100")),
                    Integer.parseInt(options.getOrDefault("rate", "50000")),
                    // 30 s: after 10 s the gateway's and the broker's JIT still took a quarter of their CPU while measured.
                    Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "30"))),
                    Duration.ofSeconds(Long.parseLong(options.getOrDefault("duration", "30"))),
                    Integer.parseInt(options.getOrDefault("replicas", "1")),
                    Duration.ofSeconds(Long.parseLong(options.getOrDefault("drain", "30"))),
                    Integer.parseInt(options.getOrDefault("connect-window", "200")),
                    // One run's tail swings several-fold on a machine this load keeps ~85 % busy: judge on several.
                    Integer.parseInt(options.getOrDefault("runs", "3")));
            Set<String> known = Set.of("sockets", "creators", "rate", "warmup", "duration", "replicas", "drain", "connect-window",
                    "runs");
            if (!known.containsAll(options.keySet())) {
                throw new IllegalArgumentException("Unknown options " + options.keySet() + "; known: " + known);
            }
            if (settings.creators < 1 || settings.sockets < settings.creators || settings.replicas < 1
                    || settings.deliveredPerSecond < 1 || settings.duration.isZero() || settings.runs < 1) {
                throw new IllegalArgumentException("Need 1 <= creators <= sockets, replicas >= 1, rate >= 1, duration > 0,"
                        + " runs >= 1: " + settings);
            }
            return settings;
        }

        /** Events round-robin over the creators, each delivered to all of its creator's sockets: this many make the rate. */
        double eventsPerSecond() {
            return deliveredPerSecond * (double) creators / sockets;
        }
    }

    record Gateway(int number, int port, long pid) {
    }

    record Creator(int index, String id, UUID sessionId, String socketPath) {
    }

    private static final Duration MAX_EXTRA_WARMUP = Duration.ofSeconds(90);
    private static final double SETTLED_JIT_SHARE = 0.03;

    record Memory(long heapBytes, long residentBytes) {
    }

    /** One run's report and what the summary over several runs needs of it. */
    record Outcome(String report, long p99Micros, double gatewayCores, boolean judged, boolean met) {
    }

    /**
     * Every run's p99 and gateway CPU, and in how many the target was met; the median, not the best or worst run,
     * stands for the build. Empty for a single run, whose report says it all.
     */
    static String summary(List<Outcome> outcomes) {
        if (outcomes.size() < 2) {
            return "";
        }
        List<Long> sorted = outcomes.stream().map(Outcome::p99Micros).sorted().toList();
        long median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        StringBuilder text = new StringBuilder(String.format("%d runs, each on a fresh suite%n", outcomes.size()));
        text.append("delivery latency p99 (ms): ")
                .append(String.join(" / ", outcomes.stream().map(outcome -> millis(outcome.p99Micros())).toList()))
                .append(String.format(" (median %s)%n", millis(median)));
        text.append("gateway CPU (s per s): ")
                .append(String.join(" / ", outcomes.stream().map(outcome -> String.format("%.2f", outcome.gatewayCores())).toList()))
                .append('\n');
        if (outcomes.stream().allMatch(Outcome::judged)) {
            long met = outcomes.stream().filter(Outcome::met).count();
            text.append(String.format("Target met in %d of %d runs%n", met, outcomes.size()));
        } else {
            text.append("Target not judged on multi-replica runs (use --replicas=1)\n");
        }
        return text.toString();
    }

    /** CPU seconds used so far by each gateway, this JVM, Kafka, Redis and the whole machine, at one moment. */
    record Usage(long nanoTime, double[] gateways, double[] gatewaysJit, double benchmark, double kafka, double redis,
                 double machine) {
    }

    /**
     * {@code spanNanos}: the time the events were produced over, their scheduled span unless the producer ended
     * more than 0.5 % of it behind schedule (then the actual one, so a slow producer lowers the measured rate).
     */
    record Phase(long events, long spanNanos, long worstLagNanos) {
    }

    /**
     * The clock both ends use: wall time read once, then advanced by {@link System#nanoTime()}, so that a
     * produce time and an arrival read a few milliseconds apart are comparable to the microsecond and a clock
     * adjustment during the run cannot shift latencies.
     */
    static final class MicroClock {

        private final long wallMicrosAtStart = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        private final long nanosAtStart = System.nanoTime();

        long nowMicros() {
            return wallMicrosAtStart + (System.nanoTime() - nanosAtStart) / 1000;
        }
    }

    /** What one overlay socket received. Written on its event loop, read by the main thread: guarded by itself. */
    static final class OverlayTally {

        final int creator;
        final int replica;
        final BitSet seen = new BitSet();
        int duplicates;
        int foreign;
        int unreadable;
        boolean joined;
        boolean closed;
        String refusal;
        private boolean settled;

        OverlayTally(int creator, int replica) {
            this.creator = creator;
            this.replica = replica;
        }

        /** True the first time: the socket has joined or has failed to. */
        synchronized boolean settle() {
            boolean first = !settled;
            settled = true;
            return first;
        }
    }

    private final LocalSuite suite;
    private final Settings settings;
    private final MicroClock clock = new MicroClock();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<OverlayTally> tallies = new ArrayList<>();
    private final LongAdder distinctDeliveries = new LongAdder();
    private LatencyHistogram[] latencies;
    private LongAdder[] measuredDeliveries;
    private Runnable onSettled = () -> { };

    private GatewayCapacityBenchmark(LocalSuite suite, Settings settings) {
        this.suite = suite;
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        // The gateway as deployed: full JIT, not the launcher's quick-start C1.
        System.setProperty("streaming.service-jit", "-XX:+TieredCompilation");
        Path root = Path.of(System.getProperty("streaming.home", ".")).toAbsolutePath().normalize();
        Path out = root.resolve("local-suite/target/benchmark-gateway.txt");
        Files.createDirectories(out.getParent());
        List<Outcome> outcomes = new ArrayList<>();
        StringBuilder reports = new StringBuilder();
        String summary = "";
        for (int run = 1; run <= settings.runs(); run++) {
            Path work = Files.createTempDirectory("gateway-capacity-bench");
            System.out.printf("Run %d of %d. Starting PostgreSQL, Kafka, Redis, %s and %s (work dir %s)...%n",
                    run, settings.runs(), SESSIONS, GATEWAY, work);
            LocalSuite.Options options = LocalSuite.Options.ephemeral(root, work).withOnlyServices(Set.of(SESSIONS, GATEWAY));
            try (LocalSuite suite = LocalSuite.start(options)) {
                Outcome outcome = new GatewayCapacityBenchmark(suite, settings).run();
                outcomes.add(outcome);
                String report = (settings.runs() > 1 ? String.format("Run %d of %d%n", run, settings.runs()) : "")
                        + outcome.report();
                System.out.println();
                System.out.print(report);
                System.out.println("Service logs in " + work.resolve("logs"));
                reports.append(report).append('\n');
            }
            // Each run's reports so far, so an interrupted series keeps what it measured.
            summary = summary(outcomes);
            Files.writeString(out, reports.toString() + summary);
        }
        if (!summary.isEmpty()) {
            System.out.println();
            System.out.print(summary);
        }
        System.out.println("Written to " + out);
    }

    private Outcome run() throws Exception {
        List<Gateway> gateways = startGateways();
        latencies = new LatencyHistogram[gateways.size()];
        measuredDeliveries = new LongAdder[gateways.size()];
        for (int i = 0; i < gateways.size(); i++) {
            latencies[i] = new LatencyHistogram();
            measuredDeliveries[i] = new LongAdder();
        }
        List<Creator> creators = createCreators();
        List<Memory> beforeSockets = memory(gateways);
        long maxHeap = ProcessProbe.maxHeapBytes(gateways.get(0).pid());

        Vertx vertx = Vertx.vertx();
        try {
            long joinNanos = openSockets(vertx, gateways, creators);
            System.out.printf("%,d of %,d overlay sockets joined in %.1f s%n", joinedSockets(-1), settings.sockets(), joinNanos / 1e9);
            System.out.printf("Stopping %s: it has issued the keys and sessions, and would consume every tip%n", SESSIONS);
            suite.stop(SESSIONS);
            List<Memory> withSockets = memory(gateways);

            Phase measured;
            Usage start;
            Usage end;
            TipFeed feed;
            try (KafkaProducer<String, String> producer = producer()) {
                feed = new TipFeed(producer, creators);
                System.out.printf("Warm-up: %.0f tip events/s for %d s...%n", settings.eventsPerSecond(), settings.warmup().toSeconds());
                feed.produce('w', settings.warmup());
                warmUntilCompiled(feed, gateways);
                awaitDeliveries(feed, Duration.ofSeconds(10));
                System.out.printf("Measuring: %.0f tip events/s for %d s...%n", settings.eventsPerSecond(), settings.duration().toSeconds());
                start = usage(gateways);
                measured = feed.produce('m', settings.duration());
                end = usage(gateways);
                producer.flush();
            }
            System.out.println("Waiting for the last deliveries...");
            awaitDeliveries(feed, settings.drain());
            List<Memory> afterLoad = memory(gateways);
            Map<Integer, Double> journaled = journaledTips(gateways);
            LatencyHistogram pickup = journalPickup(creators);
            return report(gateways, creators, feed, measured, start, end, joinNanos, beforeSockets, withSockets, afterLoad,
                    maxHeap, journaled, pickup);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
    }

    private List<Gateway> startGateways() {
        List<Gateway> gateways = new ArrayList<>();
        gateways.add(new Gateway(1, suite.servicePorts().get(GATEWAY), suite.pid(GATEWAY)));
        for (int i = 2; i <= settings.replicas(); i++) {
            System.out.printf("Starting %s replica %d...%n", GATEWAY, i);
            LocalSuite.Replica replica = suite.startReplica(GATEWAY, READY_TIMEOUT);
            gateways.add(new Gateway(replica.number(), replica.port(), replica.pid()));
        }
        return gateways;
    }

    /** Each creator's overlay key and a live session of hers, from session-service as the dashboard gets them. */
    private List<Creator> createCreators() throws Exception {
        String sessionService = "http://127.0.0.1:" + suite.servicePorts().get(SESSIONS);
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<Creator> creators = new ArrayList<>();
        for (int i = 0; i < settings.creators(); i++) {
            String creatorId = "gw-bench-" + run + "-" + i;
            String token = suite.tokenFor(creatorId);
            JsonNode key = call(sessionService + "/api/overlay/key", token, null, 200);
            JsonNode session = call(sessionService + "/api/sessions", token, "{\"platform\":\"other\",\"title\":\"Gateway benchmark\"}", 201);
            creators.add(new Creator(i, creatorId, UUID.fromString(session.path("id").asText()), key.path("socketPath").asText()));
        }
        System.out.printf("%d creators with an overlay key and a live session%n", creators.size());
        return creators;
    }

    private JsonNode call(String url, String token, String json, int expectedStatus) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (json == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expectedStatus) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /**
     * Socket {@code i} belongs to creator {@code i % creators} and goes to replica {@code (i / creators) % replicas}:
     * each creator's overlays are spread over the replicas, as a load balancer would spread them.
     */
    private long openSockets(Vertx vertx, List<Gateway> gateways, List<Creator> creators) throws InterruptedException {
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(settings.sockets() + 10).setConnectTimeout(10_000));
        Semaphore window = new Semaphore(settings.connectWindow());
        CountDownLatch settled = new CountDownLatch(settings.sockets());
        onSettled = () -> {
            window.release();
            settled.countDown();
        };
        long started = System.nanoTime();
        for (int i = 0; i < settings.sockets(); i++) {
            OverlayTally tally = new OverlayTally(i % creators.size(), (i / creators.size()) % gateways.size());
            tallies.add(tally);
            window.acquire();
            Gateway gateway = gateways.get(tally.replica);
            client.connect(gateway.port(), "127.0.0.1", creators.get(tally.creator).socketPath()).onComplete(connected -> {
                if (connected.failed()) {
                    synchronized (tally) {
                        tally.refusal = "connect: " + connected.cause().getMessage();
                    }
                    settled(tally);
                    return;
                }
                connected.result().handler(frame -> received(tally, frame));
                connected.result().exceptionHandler(failure -> { });
                connected.result().closeHandler(ignored -> {
                    synchronized (tally) {
                        tally.closed = true;
                    }
                    settled(tally);
                });
            });
        }
        if (!settled.await(120, TimeUnit.SECONDS)) {
            System.out.printf("%d sockets had neither joined nor failed after 120 s%n", settled.getCount());
        }
        return System.nanoTime() - started;
    }

    private void settled(OverlayTally tally) {
        if (tally.settle()) {
            onSettled.run();
        }
    }

    /** One text frame on one socket; parsed by hand, since the load generator shares the cores with the gateway. */
    private void received(OverlayTally tally, Buffer buffer) {
        long arrivedMicros = clock.nowMicros();
        byte[] frame = buffer.getBytes();
        int event = valueAt(frame, EVENT_FIELD, 0);
        if (event >= 0 && startsWith(frame, event, TIP_RECEIVED)) {
            tipReceived(tally, frame, arrivedMicros);
            return;
        }
        String name = event < 0 ? "" : new String(frame, event, Math.max(0, indexOf(frame, (byte) '"', event) - event),
                StandardCharsets.UTF_8);
        synchronized (tally) {
            switch (name) {
                case "joined_overlay" -> tally.joined = true;
                case "snapshot" -> {
                    // The join's catch-up: from here on the socket receives live frames.
                }
                case "error" -> {
                    // Before joined_overlay it is the join's refusal; after it, nothing this benchmark counts.
                    if (!tally.joined) {
                        int code = valueAt(frame, CODE_FIELD, 0);
                        tally.refusal = code < 0 ? "error" : new String(frame, code,
                                indexOf(frame, (byte) '"', code) - code, StandardCharsets.UTF_8);
                    }
                }
                default -> {
                    // session_updated and the like: not what is measured.
                }
            }
        }
        if (name.equals("snapshot") || name.equals("error")) {
            settled(tally);
        }
    }

    private void tipReceived(OverlayTally tally, byte[] frame, long arrivedMicros) {
        int message = valueAt(frame, MESSAGE_FIELD, 0);
        int receivedAt = valueAt(frame, RECEIVED_AT_FIELD, 0);
        long producedMicros;
        int creator;
        int sequence;
        char phase;
        try {
            phase = (char) frame[message];
            int colon = indexOf(frame, (byte) ':', message);
            creator = digits(frame, message + 1, colon);
            sequence = digits(frame, colon + 1, indexOf(frame, (byte) '"', colon));
            producedMicros = epochMicros(frame, receivedAt);
        } catch (RuntimeException unreadable) {
            synchronized (tally) {
                tally.unreadable++;
            }
            return;
        }
        synchronized (tally) {
            if (creator != tally.creator) {
                tally.foreign++;
                return;
            }
            if (tally.seen.get(sequence)) {
                tally.duplicates++;
                return;
            }
            tally.seen.set(sequence);
        }
        distinctDeliveries.increment();
        if (phase == 'm') {
            measuredDeliveries[tally.replica].increment();
            latencies[tally.replica].record(arrivedMicros - producedMicros);
        }
    }

    /** Writes tip events as tip-service's outbox relay does, at a steady rate, round-robin over the creators. */
    private final class TipFeed {

        private final KafkaProducer<String, String> producer;
        private final List<Creator> creators;
        private final int[] produced;
        private final long[] totalCents;
        private final LongAdder failures = new LongAdder();
        private final AtomicReference<String> firstFailure = new AtomicReference<>();
        private long next;

        TipFeed(KafkaProducer<String, String> producer, List<Creator> creators) {
            this.producer = producer;
            this.creators = creators;
            this.produced = new int[creators.size()];
            this.totalCents = new long[creators.size()];
        }

        /** Events are due at fixed times from the start; one that falls behind is sent at once, and the lag is kept. */
        Phase produce(char phase, Duration length) {
            double intervalNanos = 1e9 / settings.eventsPerSecond();
            long start = System.nanoTime();
            long end = start + length.toNanos();
            long events = 0;
            long worstLag = 0;
            long lastSent = start;
            while (true) {
                long due = start + (long) (events * intervalNanos);
                if (due >= end) {
                    break;
                }
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                lastSent = System.nanoTime();
                worstLag = Math.max(worstLag, lastSent - due);
                send(phase, (int) (next++ % creators.size()));
                events++;
            }
            long scheduled = (long) (events * intervalNanos);
            long actual = lastSent - start;
            // A last event sent a few milliseconds late is jitter, not a lower rate (3 ms over 30 s read as 49,997/s).
            return new Phase(events, actual > scheduled + scheduled / 200 ? actual : scheduled, worstLag);
        }

        private void send(char phase, int creatorIndex) {
            Creator creator = creators.get(creatorIndex);
            int sequence = produced[creatorIndex]++;
            long amountCents = 100;
            totalCents[creatorIndex] += amountCents;
            long micros = clock.nowMicros();
            Instant producedAt = Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
            TipReceived tip = new TipReceived(UUID.randomUUID(), creator.sessionId(), creator.id(), amountCents, "bench",
                    phase + Integer.toString(creatorIndex) + ":" + sequence, "manual", null, false, producedAt,
                    new TipReceived.SessionTotals(totalCents[creatorIndex], sequence + 1), null);
            EventEnvelope envelope = EventJson.envelope(EventTypes.TIP_RECEIVED, creator.id(), creator.sessionId().toString(),
                    tip, Clock.fixed(producedAt, ZoneOffset.UTC));
            RecordHeaders headers = new RecordHeaders();
            headers.add(new RecordHeader("event-type", EventTypes.TIP_RECEIVED.name().getBytes(StandardCharsets.UTF_8)));
            headers.add(new RecordHeader("event-id", envelope.id().toString().getBytes(StandardCharsets.UTF_8)));
            producer.send(new ProducerRecord<>(Topics.TIPS, null, envelope.key(), EventJson.write(envelope), headers),
                    (metadata, failure) -> {
                        if (failure != null) {
                            failures.increment();
                            firstFailure.compareAndSet(null, failure.toString());
                        }
                    });
        }

        /** Read after producing stopped (the main thread is the only writer). */
        int producedFor(int creatorIndex) {
            return produced[creatorIndex];
        }
    }

    /** The outbox relay's producer settings (outbox's microprofile-config.properties). */
    private KafkaProducer<String, String> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.infrastructure().kafkaBootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "8000");
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "3000");
        return new KafkaProducer<>(config);
    }

    /** Until every joined socket has every event of its creator, or nothing new arrived for five seconds. */
    private void awaitDeliveries(TipFeed feed, Duration limit) throws InterruptedException {
        long expected = 0;
        for (OverlayTally tally : tallies) {
            if (isJoined(tally)) {
                expected += feed.producedFor(tally.creator);
            }
        }
        long deadline = System.nanoTime() + limit.toNanos();
        long lastCount = -1;
        long lastProgress = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long count = distinctDeliveries.sum();
            if (count >= expected) {
                return;
            }
            if (count != lastCount) {
                lastCount = count;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(5)) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private static boolean isJoined(OverlayTally tally) {
        synchronized (tally) {
            return tally.joined && tally.refusal == null;
        }
    }

    private int joinedSockets(int replica) {
        return (int) tallies.stream().filter(tally -> replica < 0 || tally.replica == replica)
                .filter(GatewayCapacityBenchmark::isJoined).count();
    }

    private List<Memory> memory(List<Gateway> gateways) {
        return gateways.stream().map(gateway -> new Memory(ProcessProbe.heapUsedAfterFullGc(gateway.pid()),
                ProcessProbe.residentBytes(gateway.pid()))).toList();
    }

    /**
     * Goes on warming up, 5 s at a time and at most {@link #MAX_EXTRA_WARMUP}, until no gateway spent more than
     * {@link #SETTLED_JIT_SHARE} of a core compiling in two steps in a row: measured before that, a round measures the JIT as much as
     * the gateway (a run after 30 s still compiled 0.16 s per s and missed the target that two others met).
     */
    private void warmUntilCompiled(TipFeed feed, List<Gateway> gateways) {
        Duration step = Duration.ofSeconds(5);
        int quietSteps = 0;
        for (Duration extra = Duration.ZERO; extra.compareTo(MAX_EXTRA_WARMUP) < 0; extra = extra.plus(step)) {
            double[] before = jitSeconds(gateways);
            feed.produce('w', step);
            double[] after = jitSeconds(gateways);
            double busiest = 0;
            for (int i = 0; i < gateways.size(); i++) {
                busiest = Math.max(busiest, (after[i] - before[i]) / step.toSeconds());
            }
            // Two quiet steps in a row: compilation comes in bursts, and one quiet step after 30 s was followed by
            // 0.12 s per s while measured.
            quietSteps = busiest <= SETTLED_JIT_SHARE ? quietSteps + 1 : 0;
            if (quietSteps == 2) {
                return;
            }
            System.out.printf("JIT compiler threads busy %.2f s per s: warming up 5 s more%n", busiest);
        }
        System.out.printf("The gateway was still compiling after %d s more warm-up; measuring anyway%n", MAX_EXTRA_WARMUP.toSeconds());
    }

    private static double[] jitSeconds(List<Gateway> gateways) {
        return gateways.stream().mapToDouble(gateway -> ProcessProbe.jitSeconds(gateway.pid())).toArray();
    }

    private Usage usage(List<Gateway> gateways) {
        double[] cpu = gateways.stream().mapToDouble(gateway -> ProcessProbe.cpuSeconds(gateway.pid())).toArray();
        return new Usage(System.nanoTime(), cpu, jitSeconds(gateways), ProcessProbe.cpuSeconds(ProcessHandle.current().pid()),
                childCpuSeconds("kafka.Kafka"), childCpuSeconds("redis-server"), ProcessProbe.machineBusySeconds());
    }

    /** The embedded broker and Redis are this JVM's children; -1 when not found (the figure then says so). */
    private static double childCpuSeconds(String commandPart) {
        return ProcessHandle.current().children()
                .filter(child -> ProcessProbe.commandLine(child.pid()).contains(commandPart))
                .mapToDouble(child -> ProcessProbe.cpuSeconds(child.pid())).findFirst().orElse(-1);
    }

    /** Which replica journaled how many tips: the shared consumer group splits the partitions between them. */
    private Map<Integer, Double> journaledTips(List<Gateway> gateways) {
        Map<Integer, Double> journaled = new ConcurrentHashMap<>();
        for (Gateway gateway : gateways) {
            try {
                HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + gateway.port() + "/q/metrics")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                double appends = metrics.body().lines()
                        .filter(line -> line.startsWith("gateway_journal_appends_total{") && line.contains("event=\"tip_received\""))
                        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
                journaled.put(gateway.number(), appends);
            } catch (Exception e) {
                System.out.printf("Metrics of gateway %d not read: %s%n", gateway.number(), e.getMessage());
            }
        }
        return journaled;
    }

    private LatencyHistogram journalPickup(List<Creator> creators) {
        try {
            return JournalProbe.pickupDelays(suite.infrastructure().redisUrl(), creators.stream().map(Creator::id).toList(), 'm');
        } catch (Exception e) {
            System.out.printf("The journal's append times could not be read: %s%n", e);
            return new LatencyHistogram();
        }
    }

    private Outcome report(List<Gateway> gateways, List<Creator> creators, TipFeed feed, Phase measured, Usage start, Usage end,
                          long joinNanos, List<Memory> beforeSockets, List<Memory> withSockets, List<Memory> afterLoad,
                          long maxHeap, Map<Integer, Double> journaled, LatencyHistogram pickup) {
        int replicas = gateways.size();
        long[] missing = new long[replicas];
        long[] duplicates = new long[replicas];
        long[] foreign = new long[replicas];
        long[] unreadable = new long[replicas];
        long[] closed = new long[replicas];
        Map<String, Integer> refusals = new HashMap<>();
        for (OverlayTally tally : tallies) {
            synchronized (tally) {
                if (tally.refusal != null || !tally.joined) {
                    refusals.merge(tally.refusal == null ? "no joined_overlay" : tally.refusal, 1, Integer::sum);
                    continue;
                }
                missing[tally.replica] += Math.max(0, feed.producedFor(tally.creator) - tally.seen.cardinality());
                duplicates[tally.replica] += tally.duplicates;
                foreign[tally.replica] += tally.foreign;
                unreadable[tally.replica] += tally.unreadable;
                closed[tally.replica] += tally.closed ? 1 : 0;
            }
        }
        LatencyHistogram all = new LatencyHistogram();
        for (LatencyHistogram histogram : latencies) {
            histogram.addTo(all);
        }
        double window = (end.nanoTime() - start.nanoTime()) / 1e9;
        double span = measured.spanNanos() / 1e9;
        long delivered = sum(measuredDeliveries);
        double deliveredPerSecond = delivered / span;
        long produceFailures = feed.failures.sum();

        StringBuilder text = new StringBuilder();
        text.append(String.format("Gateway capacity, %s, %d core(s): %d %s replica(s), PostgreSQL/Kafka/Redis and this load generator on"
                        + " the same machine%n", Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(),
                replicas, GATEWAY));
        text.append(String.format("%,d overlay sockets requested, %d creators (%,d to %,d sockets each), joined straight on the gateway"
                        + "%s in %.1f s%n", settings.sockets(), creators.size(), settings.sockets() / creators.size(),
                (settings.sockets() + creators.size() - 1) / creators.size(),
                replicas > 1 ? " (each creator's sockets spread over the replicas)" : "", joinNanos / 1e9));
        text.append(String.format("Offered: %,d delivered msgs/s = %,.1f tip_received events/s into %s x sockets per creator;"
                        + " %d s warm-up, %d s measured%n", settings.deliveredPerSecond(), settings.eventsPerSecond(), Topics.TIPS,
                settings.warmup().toSeconds(), settings.duration().toSeconds()));
        text.append(String.format("Produced (measured): %,d events in %.2f s = %,.1f events/s, worst lag behind schedule %.1f ms,"
                        + " %,d produce failures%s%n", measured.events(), span, measured.events() / span, measured.worstLagNanos() / 1e6,
                produceFailures, produceFailures == 0 ? "" : " (first: " + feed.firstFailure.get() + ")"));
        if (!refusals.isEmpty()) {
            text.append("Sockets not joined: ").append(refusals).append('\n');
        }
        text.append('\n');

        List<String> header = new ArrayList<>();
        for (Gateway gateway : gateways) {
            header.add("gateway " + gateway.number());
        }
        if (replicas > 1) {
            header.add("total");
        }
        Table table = new Table(header);
        table.row("sockets joined", replica -> String.format("%,d", joinedSockets(replica)));
        table.row("delivered msgs/s (measured events)", replica -> String.format("%,.0f",
                (replica < 0 ? delivered : measuredDeliveries[replica].sum()) / span));
        table.row("deliveries missing / duplicated", replica -> String.format("%,d / %,d", pick(missing, replica), pick(duplicates, replica)));
        table.row("frames for another creator / unreadable", replica -> String.format("%,d / %,d", pick(foreign, replica), pick(unreadable, replica)));
        table.row("sockets closed during the run", replica -> String.format("%,d", pick(closed, replica)));
        table.row("delivery latency p50 / p95 (ms)", replica -> String.format("%s / %s",
                millis(histogram(all, replica).percentileMicros(50)), millis(histogram(all, replica).percentileMicros(95))));
        table.row("delivery latency p99 / max (ms)", replica -> String.format("%s / %s",
                millis(histogram(all, replica).percentileMicros(99)), millis(histogram(all, replica).maxMicros())));
        table.row("gateway CPU (s per s)", replica -> String.format("%.2f", (replica < 0
                ? sumOf(end.gateways()) - sumOf(start.gateways())
                : end.gateways()[replica] - start.gateways()[replica]) / window));
        table.row("JIT compiler threads busy (s per s)", replica -> String.format("%.2f", (replica < 0
                ? sumOf(end.gatewaysJit()) - sumOf(start.gatewaysJit())
                : end.gatewaysJit()[replica] - start.gatewaysJit()[replica]) / window));
        table.row("tip events journaled by it (its metrics)", replica -> {
            if (replica < 0) {
                return String.format("%,.0f", journaled.values().stream().mapToDouble(Double::doubleValue).sum());
            }
            Double count = journaled.get(gateways.get(replica).number());
            return count == null ? "?" : String.format("%,.0f", count);
        });
        table.row("heap after full GC: no sockets (MB)", replica -> megabytes(beforeSockets, replica, Memory::heapBytes));
        table.row("heap after full GC: sockets open (MB)", replica -> megabytes(withSockets, replica, Memory::heapBytes));
        table.row("heap after full GC: after the load (MB)", replica -> megabytes(afterLoad, replica, Memory::heapBytes));
        table.row("heap per socket (KB)", replica -> perSocket(beforeSockets, withSockets, replica, Memory::heapBytes));
        table.row("RSS: no sockets / sockets open (MB)", replica -> megabytes(beforeSockets, replica, Memory::residentBytes)
                + " / " + megabytes(withSockets, replica, Memory::residentBytes));
        table.row("RSS after the load (MB)", replica -> megabytes(afterLoad, replica, Memory::residentBytes));
        table.row("RSS per socket (KB)", replica -> perSocket(beforeSockets, withSockets, replica, Memory::residentBytes));
        text.append(table.render());
        text.append(String.format("Gateway heap limit %,.0f MB (-Xmx of ServiceProcess). Machine busy %.2f of %d cores during the"
                        + " measured window (anything else running on it included); of it this load generator (sockets' reads,"
                        + " Kafka producer) %.2f, the Kafka broker %s, Redis %s.%n",
                maxHeap / 1048576.0, (end.machine() - start.machine()) / window, Runtime.getRuntime().availableProcessors(),
                (end.benchmark() - start.benchmark()) / window, cores(start.kafka(), end.kafka(), window),
                cores(start.redis(), end.redis(), window)));
        text.append(String.format("Latency: a socket's arrival of tip_received minus the event's receivedAt, set when it was handed to"
                + " the Kafka producer; every socket's delivery of every measured event counts (%,d deliveries).%n", all.count()));
        text.append(String.format("Of that, produced -> taken by the gateway's journal writer (Kafka and the shared journal consumer;"
                        + " the journal's own append times, ms resolution, %,d measured tips still in it): p50 %s / p99 %s / max %s ms;"
                        + " the rest is the Redis append, pub/sub and the fan-out to the sockets.%n", pickup.count(),
                millis(pickup.percentileMicros(50)), millis(pickup.percentileMicros(99)), millis(pickup.maxMicros())));

        long totalMissing = sumOf(missing);
        long totalDuplicates = sumOf(duplicates);
        List<String> unmet = new ArrayList<>();
        int joined = joinedSockets(-1);
        if (joined < TARGET_SOCKETS) {
            unmet.add(String.format("%,d sockets joined < %,d", joined, TARGET_SOCKETS));
        }
        if (deliveredPerSecond < TARGET_DELIVERED_PER_SECOND) {
            unmet.add(String.format("%,.0f delivered msgs/s < %,d", deliveredPerSecond, TARGET_DELIVERED_PER_SECOND));
        }
        long p99 = all.percentileMicros(99);
        if (p99 < 0 || p99 >= TARGET_P99_MICROS) {
            unmet.add(String.format("p99 %s ms >= %d ms", millis(p99), TARGET_P99_MICROS / 1000));
        }
        if (totalMissing > 0 || totalDuplicates > 0 || sumOf(foreign) > 0 || sumOf(unreadable) > 0) {
            unmet.add(String.format("%,d missing, %,d duplicated, %,d misdelivered, %,d unreadable", totalMissing, totalDuplicates,
                    sumOf(foreign), sumOf(unreadable)));
        }
        if (produceFailures > 0) {
            unmet.add(String.format("%,d events could not be produced", produceFailures));
        }
        String target = String.format("one gateway: >= %,d sockets, >= %,d delivered msgs/s, p99 < %d ms, 0 missing",
                TARGET_SOCKETS, TARGET_DELIVERED_PER_SECOND, TARGET_P99_MICROS / 1000);
        if (replicas == 1) {
            text.append(String.format("Target (%s): %s%n", target, unmet.isEmpty() ? "MET" : "NOT MET (" + String.join("; ", unmet) + ")"));
        } else {
            text.append(String.format("Target (%s): not judged on a %d-replica run (use --replicas=1). With %d replicas: %s%n",
                    target, replicas, replicas, unmet.isEmpty() ? "every condition held for the total"
                            : "for the total, " + String.join("; ", unmet)));
        }
        return new Outcome(text.toString(), p99, (sumOf(end.gateways()) - sumOf(start.gateways())) / window, replicas == 1,
                unmet.isEmpty());
    }

    private LatencyHistogram histogram(LatencyHistogram all, int replica) {
        return replica < 0 ? all : latencies[replica];
    }

    private String perSocket(List<Memory> before, List<Memory> after, int replica, ToLongFunction<Memory> measure) {
        long grown = 0;
        for (int i = 0; i < before.size(); i++) {
            if (replica < 0 || replica == i) {
                grown += measure.applyAsLong(after.get(i)) - measure.applyAsLong(before.get(i));
            }
        }
        int sockets = joinedSockets(replica);
        return sockets == 0 ? "-" : String.format("%.1f", grown / 1024.0 / sockets);
    }

    private static String megabytes(List<Memory> memory, int replica, ToLongFunction<Memory> measure) {
        long bytes = replica < 0 ? memory.stream().mapToLong(measure).sum() : measure.applyAsLong(memory.get(replica));
        return String.format("%.1f", bytes / 1048576.0);
    }

    private static String cores(double start, double end, double window) {
        return start < 0 || end < 0 ? "?" : String.format("%.2f", (end - start) / window);
    }

    private static String millis(long micros) {
        return micros < 0 ? "-" : String.format("%.1f", micros / 1000.0);
    }

    private static long pick(long[] values, int replica) {
        return replica < 0 ? sumOf(values) : values[replica];
    }

    private static long sumOf(long[] values) {
        long sum = 0;
        for (long value : values) {
            sum += value;
        }
        return sum;
    }

    private static double sumOf(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum;
    }

    private static long sum(LongAdder[] adders) {
        long sum = 0;
        for (LongAdder adder : adders) {
            sum += adder.sum();
        }
        return sum;
    }

    /** Rows of per-replica figures, and their total when there is more than one replica. */
    private static final class Table {

        private final List<String> header;
        private final List<List<String>> rows = new ArrayList<>();

        Table(List<String> header) {
            this.header = header;
        }

        /** {@code figure} is asked for each replica (0, 1, ...) and for the total (-1). */
        void row(String label, IntFunction<String> figure) {
            List<String> row = new ArrayList<>();
            row.add(label);
            int replicas = header.size() > 1 ? header.size() - 1 : 1;
            for (int replica = 0; replica < replicas; replica++) {
                row.add(figure.apply(replica));
            }
            if (header.size() > 1) {
                row.add(figure.apply(-1));
            }
            rows.add(row);
        }

        String render() {
            int labelWidth = rows.stream().mapToInt(row -> row.get(0).length()).max().orElse(0);
            int columnWidth = Math.max(14, rows.stream().flatMap(row -> row.subList(1, row.size()).stream())
                    .mapToInt(String::length).max().orElse(0) + 2);
            StringBuilder text = new StringBuilder(" ".repeat(labelWidth));
            header.forEach(name -> text.append(String.format("%" + columnWidth + "s", name)));
            text.append('\n');
            for (List<String> row : rows) {
                text.append(String.format("%-" + labelWidth + "s", row.get(0)));
                row.subList(1, row.size()).forEach(cell -> text.append(String.format("%" + columnWidth + "s", cell)));
                text.append('\n');
            }
            return text.toString();
        }
    }

    static int valueAt(byte[] frame, byte[] field, int from) {
        int at = indexOf(frame, field, from);
        return at < 0 ? -1 : at + field.length;
    }

    static int indexOf(byte[] frame, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= frame.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (frame[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static int indexOf(byte[] frame, byte wanted, int from) {
        for (int i = Math.max(0, from); i < frame.length; i++) {
            if (frame[i] == wanted) {
                return i;
            }
        }
        throw new IllegalArgumentException("No '" + (char) wanted + "' after " + from);
    }

    static boolean startsWith(byte[] frame, int at, byte[] prefix) {
        if (at + prefix.length > frame.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (frame[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static int digits(byte[] frame, int from, int to) {
        if (from >= to) {
            throw new IllegalArgumentException("No digits at " + from);
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = frame[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new IllegalArgumentException("Not a digit at " + i);
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** An ISO-8601 instant as Jackson writes {@link Instant} ({@code 2026-11-24T10:15:30.123456Z}) to epoch micros. */
    static long epochMicros(byte[] frame, int at) {
        if (at < 0) {
            throw new IllegalArgumentException("No receivedAt");
        }
        long seconds = LocalDate.of(digits(frame, at, at + 4), digits(frame, at + 5, at + 7), digits(frame, at + 8, at + 10))
                .toEpochDay() * 86_400
                + digits(frame, at + 11, at + 13) * 3600L + digits(frame, at + 14, at + 16) * 60L + digits(frame, at + 17, at + 19);
        int i = at + 19;
        long fraction = 0;
        int places = 0;
        if (frame[i] == '.') {
            for (i++; i < frame.length && frame[i] >= '0' && frame[i] <= '9'; i++, places++) {
                if (places < 6) {
                    fraction = fraction * 10 + (frame[i] - '0');
                }
            }
        }
        for (; places < 6; places++) {
            fraction *= 10;
        }
        if (frame[i] != 'Z') {
            throw new IllegalArgumentException("Not an instant at " + at);
        }
        return seconds * 1_000_000 + fraction;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
