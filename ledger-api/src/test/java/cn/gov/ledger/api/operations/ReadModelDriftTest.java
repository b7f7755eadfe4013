package cn.gov.ledger.api.operations;

import static cn.gov.ledger.api.testing.Postings.carryForward;
import static cn.gov.ledger.api.testing.Postings.expenditure;
import static cn.gov.ledger.api.testing.Postings.transfer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.LedgerIntegrationTest;
import cn.gov.ledger.projections.reconciliation.DriftDetector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Read models that cannot drift silently. Provokes the pitfall of Axon's streaming processors on a
 * relational event store for real: an event whose transaction commits after the processor gave up
 * waiting for its global index is skipped for good. The reconciliation finds it (on its schedule and
 * on demand, in its metric and health), repairs the read models by replay, and then every figure
 * equals the sums of the events again.
 *
 * <p>Its own server: Axon gives up on a gap here after 5 s (instead of 60 s) once a token holds more
 * than one gap (instead of 250), and the schedule checks every second without repairing, so that
 * the test sees the drift before it asks for the repair.
 */
@TestPropertySource(properties = {
        "ledger.event-store.gap-timeout=5s",
        "ledger.event-store.gap-cleaning-threshold=1",
        "ledger.reconciliation.interval=1s",
        "ledger.reconciliation.repair=false"})
class ReadModelDriftTest extends LedgerIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RECONCILE = "/api/v1/operations/reconciliation";
    @Autowired
    private DataSource dataSource;

    @Autowired
    private DriftDetector detector;

    @Test
    void anEventCommittedAfterTheGapTimeoutIsSkippedThenFoundAndRepairedByReplay() throws Exception {
        String unit = newUnit();
        String late = newIndicator(unit, "1000.00");
        String other = newIndicator(unit, "1000.00");
        LedgerClient.Answer income = client.post("/api/v1/indicators/" + late + "/incomes",
                Map.of("incomeId", LedgerClient.id("I"), "amount", "100.00", "effectiveDate", "2024-03-04"));
        assertThat(income.status()).as("%s", income.body()).isEqualTo(201);
        long template = income.body().path("sequence").asLong();
        assertThat(readIndicator(late, template).text("income")).isEqualTo("100.00");

        long lateIndex;
        long committedAt;
        try (Connection held = dataSource.getConnection()) {
            held.setAutoCommit(false);
            // 1. A posting's transaction takes its global index and does not commit yet: an income
            //    of 123.45 on `late`, as the service writes it (a copy of the income above).
            lateIndex = insertIncome(held, template, late, 12_345);
            // A transaction that rolled back leaves an index nobody writes: a second gap, so that
            // the token holds more gaps than the cleaning threshold (1 here, 250 by default).
            try (ResultSet burnt = held.createStatement().executeQuery(
                    "SELECT nextval(pg_get_serial_sequence('domain_event_entry', 'global_index'))")) {
                burnt.next();
                assertThat(burnt.getLong(1)).isEqualTo(lateIndex + 1);
            }

            // 2. Later postings commit first: the processor passes the index and waits for it (a gap).
            long passed = heartbeat(other);
            assertThat(passed).isGreaterThan(lateIndex + 1);
            assertThat(readIndicator(other, passed).status()).isEqualTo(200);
            assertThat(detector.coverage().gaps()).contains(lateIndex, lateIndex + 1);

            // 3. It keeps processing (a posting now and then) until Axon has given up on the gap:
            //    the token covers the index and no longer waits for it.
            int[] heartbeats = {0};
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                heartbeats[0]++;
                heartbeat(other);
                return detector.coverage().covers(lateIndex);
            });
            System.out.printf("ReadModelDriftTest: Axon gave up on gap %d after %d heartbeat postings%n",
                    lateIndex, heartbeats[0]);

            // 4. Now the late transaction commits.
            held.commit();
            committedAt = System.nanoTime();
        }

        // The event is in the store, the processor has moved on, and the read model never got it.
        long head = heartbeat(other);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE global_index = ?",
                Long.class, lateIndex)).isOne();
        LedgerClient.Answer skipped = readIndicator(late, head);
        assertThat(skipped.status()).isEqualTo(200);
        assertThat(skipped.text("income")).as("the read model lacks the late income").isEqualTo("100.00");
        String lateEvent = jdbc.queryForObject(
                "SELECT event_identifier FROM domain_event_entry WHERE global_index = ?", String.class, lateIndex);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM rm_movement WHERE event_id = ?", Long.class,
                lateEvent)).isZero();
        assertThat(client.get("/api/v1/audit/indicators/" + late + "/replay").text("income"))
                .as("the events themselves have it").isEqualTo("223.45");

        // The schedule (every second here) finds it: the health goes DOWN, the gauge counts it.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> "DOWN".equals(readModelsHealth().path("status").asText()));
        long detectedMillis = (System.nanoTime() - committedAt) / 1_000_000;
        JsonNode health = readModelsHealth();
        assertThat(health.path("details").path("state").asText()).isEqualTo("DRIFTED");
        assertThat(health.path("details").path("missingEvents").asLong()).isOne();
        assertThat(health.path("details").path("firstMissing").get(0).asLong()).isEqualTo(lateIndex);
        assertThat(client.get("/actuator/health").text("status")).isEqualTo("DOWN");
        assertThat(metric("ledger.readmodel.drift", "")).isEqualTo(1.0);

        // On demand, without repairing: the same finding.
        LedgerClient.Answer report = client.post(RECONCILE + "?repair=false", Map.of());
        assertThat(report.status()).as("%s", report.body()).isEqualTo(200);
        assertThat(report.text("state")).isEqualTo("DRIFTED");
        assertThat(report.body().path("missingEvents").asLong()).isOne();
        assertThat(report.body().path("missingMovements").asLong()).isOne();
        assertThat(report.body().path("missingClosures").asLong()).isZero();
        assertThat(report.body().path("firstMissing").get(0).asLong()).isEqualTo(lateIndex);
        assertThat(report.body().path("checkedUpTo").asLong()).isGreaterThanOrEqualTo(head);
        assertThat(report.body().has("repair")).isFalse();
        long checkMillis = report.body().path("tookMillis").asLong();

        // On demand, repairing: a replay, after which nothing is missing.
        double repairsBefore = metric("ledger.readmodel.repairs", "?tag=outcome:repaired");
        long repairStarted = System.nanoTime();
        LedgerClient.Answer repaired = client.post(RECONCILE + "?repair=true", Map.of());
        long repairMillis = (System.nanoTime() - repairStarted) / 1_000_000;
        assertThat(repaired.status()).as("%s", repaired.body()).isEqualTo(200);
        assertThat(repaired.text("state")).as("%s", repaired.body()).isEqualTo("REPAIRED");
        assertThat(repaired.body().path("missingEvents").asLong()).isOne();
        JsonNode repair = repaired.body().path("repair");
        assertThat(repair.path("caughtUp").asBoolean()).isTrue();
        assertThat(repair.path("failure").isNull()).isTrue();
        assertThat(repair.path("replayedUpTo").asLong()).isGreaterThanOrEqualTo(head);
        assertThat(repair.path("after").path("missingEvents").asLong()).isZero();
        assertThat(repair.path("after").path("checkedUpTo").asLong()).isGreaterThanOrEqualTo(head);

        assertThat(metric("ledger.readmodel.repairs", "?tag=outcome:repaired")).isEqualTo(repairsBefore + 1);
        assertThat(metric("ledger.readmodel.drift", "")).isZero();
        assertThat(readModelsHealth().path("status").asText()).isEqualTo("UP");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM rm_movement WHERE event_id = ?", Long.class,
                lateEvent)).isOne();

        // Every figure of both indicators equals the sums of their events again.
        long now = head();
        for (String indicator : List.of(late, other)) {
            LedgerClient.Answer read = readIndicator(indicator, now);
            assertThat(read.status()).isEqualTo(200);
            Map<String, Long> sums = sumsOfEvents(indicator);
            for (String figure : SUMMED_FIGURES) {
                assertThat(new BigDecimal(read.text(figure))).as("%s %s", indicator, figure)
                        .isEqualByComparingTo(BigDecimal.valueOf(sums.getOrDefault(figure, 0L), 2));
            }
        }
        assertThat(readIndicator(late, now).text("income")).isEqualTo("223.45");

        long events = eventCount();
        System.out.printf("ReadModelDriftTest: one skipped event (global index %d) detected %d ms after its late "
                        + "commit by the 1 s schedule (a check took %d ms), repaired by replaying %d events "
                        + "and checking again in %d ms%n", lateIndex, detectedMillis, checkMillis, events, repairMillis);
    }

    @Test
    void aHealthyLedgerHasNoDrift() {
        String unit = newUnit();
        String a = newIndicator(unit, "5000.00");
        String b = newIndicator(unit, "3000.00");
        assertThat(client.post("/api/v1/transfers", transfer(LedgerClient.id("T"), a, b, "700.00")).status())
                .isEqualTo(201);
        assertThat(client.post("/api/v1/indicators/" + b + "/incomes", Map.of("incomeId", LedgerClient.id("I"),
                "amount", "3700.00", "effectiveDate", "2024-05-02")).status()).isEqualTo(201);
        String e = LedgerClient.id("E");
        assertThat(client.post("/api/v1/expenditures", expenditure(e, b, "123.45")).status()).isEqualTo(201);
        assertThat(client.post("/api/v1/expenditures/" + e + "/reversals", Map.of("reversalId", LedgerClient.id("R"),
                "amount", "23.45", "reason", "冲销", "effectiveDate", "2024-06-01")).status()).isEqualTo(201);
        LedgerClient.Answer carried = client.post("/api/v1/indicators/" + b + "/carry-forward",
                carryForward(b + "-2025", null, "CARRY"));
        assertThat(carried.status()).as("%s", carried.body()).isEqualTo(201);
        long head = head();
        assertThat(readIndicator(b, head).status()).isEqualTo(200);

        LedgerClient.Answer report = client.post(RECONCILE + "?repair=false&deep=true", Map.of());
        assertThat(report.status()).as("%s", report.body()).isEqualTo(200);
        assertThat(report.text("state")).as("%s", report.body()).isEqualTo("CONSISTENT");
        assertThat(report.body().path("checkedUpTo").asLong()).isGreaterThanOrEqualTo(head);
        assertThat(report.body().path("missingEvents").asLong()).isZero();
        assertThat(report.body().path("firstMissing")).isEmpty();
        assertThat(report.body().path("deep").asBoolean()).isTrue();
        assertThat(report.body().path("mismatchedIndicators").asLong()).isZero();
        assertThat(client.get(RECONCILE).text("state")).isIn("CONSISTENT");
        assertThat(readModelsHealth().path("status").asText()).isEqualTo("UP");
        assertThat(metric("ledger.readmodel.drift", "")).isZero();
        String scrape = prometheus();
        assertThat(scrape).contains("ledger_readmodel_drift", "ledger_readmodel_repairs_total");
    }

    @Test
    void aLostClosureAndAWrongAmountAreFoundAndRepaired() {
        String unit = newUnit();
        String a = newIndicator(unit, "5000.00");
        String spent = LedgerClient.id("E");
        LedgerClient.Answer spending = client.post("/api/v1/expenditures", expenditure(spent, a, "300.00"));
        assertThat(spending.status()).isEqualTo(201);
        assertThat(client.post("/api/v1/indicators/" + a + "/incomes", Map.of("incomeId", LedgerClient.id("I"),
                "amount", "1000.00", "effectiveDate", "2024-03-04")).status()).isEqualTo(201);
        LedgerClient.Answer carried = client.post("/api/v1/indicators/" + a + "/carry-forward",
                carryForward(a + "-2025", null, "CARRY"));
        assertThat(carried.status()).as("%s", carried.body()).isEqualTo(201);
        long head = head();
        assertThat(readIndicator(a, head).text("status")).isEqualTo("CLOSED");
        long closure = jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND payload_type LIKE '%.CarriedForward'", Long.class, a);

        // the read model loses the closure and miscounts the expenditure
        jdbc.update("UPDATE rm_indicator SET closed_on = NULL, closed_at = NULL WHERE indicator_id = ?", a);
        assertThat(jdbc.update("UPDATE rm_movement SET amount = amount + 1 WHERE event_id ="
                + " (SELECT event_identifier FROM domain_event_entry WHERE global_index = ?)",
                spending.body().path("sequence").asLong())).isOne();

        LedgerClient.Answer shallow = client.post(RECONCILE + "?repair=false", Map.of());
        assertThat(shallow.text("state")).as("%s", shallow.body()).isEqualTo("DRIFTED");
        assertThat(shallow.body().path("missingClosures").asLong()).isOne();
        assertThat(shallow.body().path("missingMovements").asLong()).isZero();
        assertThat(shallow.body().path("firstMissing").get(0).asLong()).isEqualTo(closure);
        assertThat(shallow.body().has("mismatchedIndicators")).isFalse();

        LedgerClient.Answer deep = client.post(RECONCILE + "?repair=false&deep=true", Map.of());
        assertThat(deep.body().path("mismatchedIndicators").asLong()).as("%s", deep.body()).isOne();
        assertThat(deep.body().path("firstMismatched").get(0).asText()).isEqualTo(a);
        assertThat(readModelsHealth().path("status").asText()).isEqualTo("DOWN");

        LedgerClient.Answer repaired = client.post(RECONCILE + "?repair=true&deep=true", Map.of());
        assertThat(repaired.text("state")).as("%s", repaired.body()).isEqualTo("REPAIRED");
        JsonNode after = repaired.body().path("repair").path("after");
        assertThat(after.path("missingEvents").asLong()).isZero();
        assertThat(after.path("mismatchedIndicators").asLong()).isZero();
        LedgerClient.Answer read = readIndicator(a, head);
        assertThat(read.text("status")).isEqualTo("CLOSED");
        assertThat(read.text("spent")).isEqualTo("300.00");
        assertThat(readModelsHealth().path("status").asText()).isEqualTo("UP");
    }

    /** The pre-summed totals that reads without knownAt use must equal the journal they sum. */
    @Test
    void aDeepCheckFindsTotalsThatDoNotSumTheJournalAndTheRepairRebuildsThem() {
        String a = newIndicator(newUnit(), "1000.00");
        LedgerClient.Answer spending = client.post("/api/v1/expenditures", expenditure(LedgerClient.id("E"), a, "300.00"));
        assertThat(spending.status()).isEqualTo(201);
        long sequence = spending.body().path("sequence").asLong();
        assertThat(readIndicator(a, sequence).text("spent")).isEqualTo("300.00");

        // the spending is effective in February: a January sum off while the year's total is right,
        // which only reads as of a date in January would see
        assertThat(jdbc.update("UPDATE rm_year_total SET through_01 = through_01 + 1 WHERE indicator_id = ?"
                + " AND figure = 'SPENT'", a)).isOne();

        LedgerClient.Answer shallow = client.post(RECONCILE + "?repair=false", Map.of());
        assertThat(shallow.text("state")).as("%s", shallow.body()).isEqualTo("CONSISTENT");
        deepCheckFindsOnlyAndRepairs(a);
        assertThat(jdbc.queryForList("SELECT through_01 || ' ' || through_12 FROM rm_year_total WHERE indicator_id = ?"
                + " AND figure = 'SPENT'", String.class, a)).containsExactly("0 30000");
    }

    /** So must the checkpoint of the journal that reads with knownAt start from. */
    @Test
    void aDeepCheckFindsACheckpointThatDoesNotSumTheJournalAndTheRepairRebuildsIt() {
        String a = newIndicator(newUnit(), "1000.00");
        LedgerClient.Answer spending = client.post("/api/v1/expenditures", expenditure(LedgerClient.id("E"), a, "300.00"));
        assertThat(spending.status()).isEqualTo(201);
        assertThat(readIndicator(a, spending.body().path("sequence").asLong()).text("spent")).isEqualTo("300.00");

        // a checkpoint through now, as the processor writes one every 10,000 movements or more, one fen off
        int checkpoint = jdbc.queryForObject("SELECT max(checkpoint) + 1 FROM rm_known_checkpoint", Integer.class);
        jdbc.update("INSERT INTO rm_known_sum (checkpoint, key_id, amount) SELECT ?, key_id, sum(amount)"
                + " FROM rm_movement GROUP BY key_id", checkpoint);
        jdbc.update("INSERT INTO rm_known_checkpoint (checkpoint, known_through, movements_after, keys)"
                + " SELECT ?, max(recorded_at), 0, 0 FROM rm_movement", checkpoint);
        assertThat(jdbc.update("UPDATE rm_known_sum s SET amount = amount + 1 FROM rm_movement_key k"
                + " WHERE s.checkpoint = ? AND k.key_id = s.key_id AND k.indicator_id = ? AND k.figure = 'SPENT'",
                checkpoint, a)).isOne();

        deepCheckFindsOnlyAndRepairs(a);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM rm_known_checkpoint WHERE checkpoint > 0", Long.class))
                .isZero();
    }

    @Test
    void onlyAnAdminMayReconcile() {
        assertThat(new LedgerClient(port, POSTER_KEY).post(RECONCILE, Map.of()).status()).isEqualTo(403);
        assertThat(new LedgerClient(port, AUDITOR_KEY).post(RECONCILE, Map.of()).status()).isEqualTo(403);
        assertThat(new LedgerClient(port, VIEWER_KEY).get(RECONCILE).status()).isEqualTo(403);
        assertThat(new LedgerClient(port, null).post(RECONCILE, Map.of()).status()).isEqualTo(401);
        LedgerClient.Answer bad = client.post(RECONCILE + "?repair=maybe", Map.of());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("VALIDATION_FAILED");
    }

    // ------------------------------------------------------------------ helpers

    /** A deep check finds the figures of this indicator alone off, and a repair by replay leaves none off. */
    private void deepCheckFindsOnlyAndRepairs(String indicator) {
        LedgerClient.Answer deep = client.post(RECONCILE + "?repair=false&deep=true", Map.of());
        assertThat(deep.body().path("mismatchedIndicators").asLong()).as("%s", deep.body()).isOne();
        assertThat(deep.body().path("firstMismatched").get(0).asText()).isEqualTo(indicator);

        LedgerClient.Answer repaired = client.post(RECONCILE + "?repair=true&deep=true", Map.of());
        assertThat(repaired.text("state")).as("%s", repaired.body()).isEqualTo("REPAIRED");
        assertThat(repaired.body().path("repair").path("after").path("mismatchedIndicators").asLong()).isZero();
    }

    /** A small income on the indicator, committed; answers its global index. */
    private long heartbeat(String indicator) {
        LedgerClient.Answer answer = client.post("/api/v1/indicators/" + indicator + "/incomes",
                Map.of("incomeId", LedgerClient.id("HB"), "amount", "0.01", "effectiveDate", "2024-03-05"));
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(201);
        return answer.body().path("sequence").asLong();
    }

    /**
     * Inserts, in the given (uncommitted) transaction, an IncomeRecorded on the indicator in the
     * service's own format: a copy of the stored event at {@code template} with an id, amount,
     * sequence, identifier and time stamp of its own. Answers the global index it took.
     */
    private long insertIncome(Connection connection, long template, String indicator, long fen) throws Exception {
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM domain_event_entry WHERE global_index = ?", template);
        assertThat(row.get("payload_type").toString()).endsWith(".IncomeRecorded");
        ObjectNode payload = (ObjectNode) JSON.readTree((byte[]) row.get("payload"));
        payload.put("incomeId", LedgerClient.id("LATE"));
        ((ObjectNode) payload.path("amount")).put("fen", fen);
        ObjectNode metaData = (ObjectNode) JSON.readTree((byte[]) row.get("meta_data"));
        metaData.put("postingId", payload.path("incomeId").asText());
        long sequence = jdbc.queryForObject(
                "SELECT max(sequence_number) + 1 FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, indicator);
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO domain_event_entry (event_identifier, meta_data, payload, payload_revision, payload_type,
                    time_stamp, aggregate_identifier, sequence_number, type)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING global_index""")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setBytes(2, JSON.writeValueAsBytes(metaData));
            insert.setBytes(3, JSON.writeValueAsBytes(payload));
            insert.setObject(4, row.get("payload_revision"));
            insert.setString(5, row.get("payload_type").toString());
            insert.setString(6, DateTimeUtils.formatInstant(Instant.now()));
            insert.setString(7, indicator);
            insert.setLong(8, sequence);
            insert.setObject(9, row.get("type"));
            try (ResultSet inserted = insert.executeQuery()) {
                inserted.next();
                return inserted.getLong(1);
            }
        }
    }

    private JsonNode readModelsHealth() {
        return client.get("/actuator/health").body().path("components").path("readModels");
    }

    private double metric(String name, String query) {
        LedgerClient.Answer answer = client.get("/actuator/metrics/" + name + query);
        assertThat(answer.status()).as("%s %s", name, answer.body()).isEqualTo(200);
        return answer.body().path("measurements").get(0).path("value").asDouble();
    }
}
