package io.streamingcompanion.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamingcompanion.contracts.EventEnvelope;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.Topics;
import io.streamingcompanion.contracts.tip.TipReceived;
import io.streamingcompanion.testsupport.DomainEventConsumer;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's generator bulk-loads raw tips and derives the rollups with {@code db/derive-rollups.sql};
 * this proves that derivation gives exactly the rows the consumers write tip by tip for the same events
 * (test tips, redeliveries, anonymous tips, several sessions and UTC days included).
 */
@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
class RollupDerivationTest {

    private static final String SCHEMA = "analytics_service.";
    /** Each rollup table with the columns that identify a row and those that count. */
    private static final List<String> ROLLUPS = List.of(
            SCHEMA + "tip_quarter_hour:creator_id, bucket_start, session_id, tip_count, total_cents",
            SCHEMA + "session_tips:creator_id, session_id, tip_count, total_cents",
            SCHEMA + "tipper_day:creator_id, day, session_id, tipper_name, tip_count, total_cents, last_tip_at",
            SCHEMA + "tip_amount_day:creator_id, day, session_id, amount_cents, tip_count",
            SCHEMA + "tip_amount_month:creator_id, month, amount_cents, tip_count",
            // Tipper numbers depend on arrival order; what must agree is who they stand for.
            SCHEMA + "tipper:creator_id, tipper_name, tip_count, total_cents, last_tip_at",
            members("tipper_bits_day", "b.day, b.session_id") + ":creator_id, day, session_id, tipper_name",
            members("tipper_bits_month", "b.month") + ":creator_id, month, tipper_name");

    /** The tippers a bitmap table's rows stand for, one row per bit set. */
    private static String members(String table, String key) {
        return "(SELECT b.creator_id, " + key + ", p.tipper_name FROM " + SCHEMA + table + " b"
                + " CROSS JOIN generate_series(0, length(b.bits) * 8 - 1) AS n(no)"
                + " JOIN " + SCHEMA + "tipper p ON p.creator_id = b.creator_id AND p.tipper_no = n.no"
                + " WHERE get_bit(b.bits, n.no) = 1) AS " + table;
    }

    @Inject
    Pool pool;

    @Test
    void derivedRollupsEqualTheConsumersRows() throws Exception {
        String consumed = "consumed-" + UUID.randomUUID();
        String derived = "derived-" + UUID.randomUUID();
        Random random = new Random(11);
        List<UUID> sessions = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        int counted = 0;
        for (int i = 0; i < 150; i++) {
            UUID session = sessions.get(i % 3);
            Instant at = Instant.parse("2026-06-01T21:00:00Z").plusSeconds(i % 3 * 86_400L + random.nextInt(6 * 3600));
            boolean test = i % 13 == 0;
            TipReceived tip = new TipReceived(UUID.randomUUID(), session, consumed, List.of(25L, 50L, 100L, 500L, 1_234L).get(random.nextInt(5)),
                    i % 7 == 0 ? null : "tipper" + random.nextInt(12), "m", "manual", null, test, at,
                    new TipReceived.SessionTotals(0, 0), null);
            EventEnvelope event = EventJson.envelope(EventTypes.TIP_RECEIVED, consumed, session.toString(), tip, Clock.fixed(at, ZoneOffset.UTC));
            DomainEventConsumer.publish(Topics.TIPS, event);
            if (i % 5 == 0) {
                DomainEventConsumer.publish(Topics.TIPS, event);
            }
            counted += test ? 0 : 1;
        }
        long expected = counted;
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(expected, single(
                "SELECT count(*) FROM " + SCHEMA + "analytics_tip WHERE creator_id = $1", consumed)));

        // The generator's path: the same tips stored for another creator (sessions renamed alike), then derived.
        execute("INSERT INTO " + SCHEMA + "analytics_tip (tip_id, creator_id, session_id, amount_cents, tipper_name, message,"
                + " source, menu_item_id, menu_item_title, menu_item_category, received_at)"
                + " SELECT gen_random_uuid(), $2, " + renamed("session_id") + ", amount_cents, tipper_name, message, source,"
                + " menu_item_id, menu_item_title, menu_item_category, received_at FROM " + SCHEMA + "analytics_tip WHERE creator_id = $1",
                Tuple.of(consumed, derived));
        for (String statement : deriveRollups()) {
            execute(statement, Tuple.of(derived));
        }

        for (String rollup : ROLLUPS) {
            String table = rollup.substring(0, rollup.lastIndexOf(':'));
            String columns = rollup.substring(rollup.lastIndexOf(':') + 1);
            String asDerived = columns.replace("creator_id", "$2::varchar AS creator_id").replace("session_id", renamed("session_id") + " AS session_id");
            long rows = single("SELECT count(*) FROM " + table + " WHERE creator_id = $1", consumed);
            assertTrue(rows > 0, table);
            assertEquals(rows, single("SELECT count(*) FROM " + table + " WHERE creator_id = $1", derived), table);
            String difference = "SELECT count(*) FROM ((SELECT " + asDerived + " FROM " + table + " WHERE creator_id = $1"
                    + " EXCEPT SELECT " + columns + " FROM " + table + " WHERE creator_id = $2)"
                    + " UNION ALL (SELECT " + columns + " FROM " + table + " WHERE creator_id = $2"
                    + " EXCEPT SELECT " + asDerived + " FROM " + table + " WHERE creator_id = $1)) AS differences";
            assertEquals(0, pool.preparedQuery(difference).execute(Tuple.of(consumed, derived)).await().atMost(Duration.ofSeconds(10))
                    .iterator().next().getLong(0), table + " rows differ");
        }
    }

    private static String renamed(String column) {
        return "md5(" + column + "::text || 'derived')::uuid";
    }

    static List<String> deriveRollups() throws IOException {
        try (InputStream in = RollupDerivationTest.class.getResourceAsStream("/db/derive-rollups.sql")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return java.util.Arrays.stream(text.replaceAll("(?m)^--.*$", "").split(";\\s*\\n"))
                    .map(String::strip).filter(statement -> !statement.isEmpty()).toList();
        }
    }

    private long single(String sql, String creator) {
        return pool.preparedQuery(sql).execute(Tuple.of(creator)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }

    private void execute(String sql, Tuple parameters) {
        pool.preparedQuery(sql).execute(parameters).await().atMost(Duration.ofSeconds(30));
    }
}
