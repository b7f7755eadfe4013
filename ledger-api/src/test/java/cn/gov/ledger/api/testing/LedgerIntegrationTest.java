package cn.gov.ledger.api.testing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.core.indicator.IndicatorEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Base of the tests that run the whole service over HTTP on a real PostgreSQL: the embedded
 * default, one server per test JVM (Spring caches the context), with every test using ids of its
 * own so tests do not see each other's indicators.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.data-dir=target/test-data/${random.uuid}",
                "ledger.security.admin-api-key=" + LedgerClient.ADMIN_KEY,
                "ledger.security.keys[0].key=" + LedgerIntegrationTest.POSTER_KEY,
                "ledger.security.keys[0].role=POSTER",
                "ledger.security.keys[0].units=SEC-UNIT-A, SEC-UNIT-C",
                "ledger.security.keys[0].name=finance-system-a",
                "ledger.security.keys[1].key=" + LedgerIntegrationTest.VIEWER_KEY,
                "ledger.security.keys[1].role=VIEWER",
                "ledger.security.keys[2].key=" + LedgerIntegrationTest.AUDITOR_KEY,
                "ledger.security.keys[2].role=AUDITOR",
                "ledger.security.keys[3].key=" + LedgerIntegrationTest.SCOPED_VIEWER_KEY,
                "ledger.security.keys[3].role=VIEWER",
                "ledger.security.keys[3].departments=" + LedgerIntegrationTest.SCOPED_VIEWER_DEPARTMENT,
                // Spring Boot's tests turn metric export off; OperationsTest reads /actuator/prometheus
                "management.prometheus.metrics.export.enabled=true"})
public abstract class LedgerIntegrationTest {

    protected static final String POSTER_KEY = "poster-key-0123456789abcdef";
    protected static final String VIEWER_KEY = "viewer-key-0123456789abcdef";
    protected static final String AUDITOR_KEY = "auditor-key-0123456789abcdef";
    /** A VIEWER key of the configuration limited to one department. */
    protected static final String SCOPED_VIEWER_KEY = "scoped-viewer-key-0123456789abcdef";
    protected static final String SCOPED_VIEWER_DEPARTMENT = "SCOPED-DEPT";

    /** The figures {@link #sumsOfEvents} recomputes from the events. */
    protected static final List<String> SUMMED_FIGURES = List.of("initialBudget", "adjustments", "carriedIn",
            "income", "spent", "surplusUsed", "allocated");

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    /** What {@link #figures} reads of an indicator. */
    private static final List<String> FIGURES = List.of("initialBudget", "adjustments", "carriedIn", "budget",
            "income", "spent", "authorityLeft", "fundsBalance", "status");

    protected LedgerClient client;

    @BeforeEach
    void connect() {
        client = new LedgerClient(port);
    }

    /** Registers a unit of a department of its own and answers its code. */
    protected String newUnit() {
        String unit = LedgerClient.id("U");
        LedgerClient.Answer answer = client.put("/api/v1/units/" + unit,
                Map.of("name", "测试单位", "departmentCode", "D" + unit, "departmentName", "测试部门"));
        assertThat(answer.status()).isEqualTo(201);
        return unit;
    }

    /** A BASIC indicator of 2024 for the unit, appropriated with the amount; answers its id. */
    protected String newIndicator(String unit, String amount) {
        String indicator = LedgerClient.id("IND");
        LedgerClient.Answer answer = client.post("/api/v1/indicators",
                Postings.appropriation(indicator, unit, amount));
        assertThat(answer.status()).as("appropriate: %s", answer.body()).isEqualTo(201);
        return indicator;
    }

    /** Reads an indicator once the read model has the given sequence. */
    protected LedgerClient.Answer readIndicator(String indicator, long minSequence) {
        return client.get("/api/v1/indicators/" + indicator + "?minSequence=" + minSequence);
    }

    /** The service's metrics as Prometheus scrapes them. */
    protected String prometheus() {
        LedgerClient.Answer answer = client.get("/actuator/prometheus", Map.of("Accept", "text/plain"));
        assertThat(answer.status()).isEqualTo(200);
        return answer.raw().body();
    }

    /** The figures of an indicator once the read model has everything the event store holds. */
    protected Map<String, String> figures(String indicator) {
        LedgerClient.Answer answer = readIndicator(indicator, head());
        assertThat(answer.status()).as("read %s: %s", indicator, answer.body()).isEqualTo(200);
        Map<String, String> figures = new LinkedHashMap<>();
        FIGURES.forEach(field -> figures.put(field, answer.text(field)));
        return figures;
    }

    /** What the ledger holds: its events and receipts, and the figures of some indicators. */
    protected record Snapshot(long events, long receipts, Map<String, Map<String, String>> figures) {
    }

    /** What the ledger holds now, with the figures of the indicators once the read model has it all. */
    protected Snapshot snapshot(String... indicators) {
        long events = eventCount();
        long receipts = receiptCount();
        Map<String, Map<String, String>> figures = new LinkedHashMap<>();
        for (String indicator : indicators) {
            figures.put(indicator, figures(indicator));
        }
        return new Snapshot(events, receipts, figures);
    }

    /** Asserts that nothing was written since: no event, no receipt, no figure of the indicators changed. */
    protected void assertNothingWrittenSince(Snapshot before) {
        Snapshot now = snapshot(before.figures().keySet().toArray(String[]::new));
        assertThat(now.events()).as("events after the refusal").isEqualTo(before.events());
        assertThat(now.receipts()).as("receipts after the refusal").isEqualTo(before.receipts());
        assertThat(now.figures()).as("figures after the refusal").isEqualTo(before.figures());
    }

    /** The newest global sequence in the event store: reading with it waits for everything stored. */
    protected long head() {
        return jdbc.queryForObject("SELECT COALESCE(max(global_index), 0) FROM domain_event_entry", Long.class);
    }

    protected long receiptCount() {
        return jdbc.queryForObject("SELECT count(*) FROM posting_receipt", Long.class);
    }

    protected long eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    protected long eventCount(String indicator) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, indicator);
    }

    /** Every indicator's figures in 分 (other streams' events, such as API keys', left out), summed straight from the event store's payloads without the service's code. */
    protected Map<String, Map<String, Long>> sumsOfEvents() {
        return sums("SELECT aggregate_identifier, payload_type, payload FROM domain_event_entry"
                + " WHERE payload_type = ANY (string_to_array(?, ',')) ORDER BY global_index",
                String.join(",", Arrays.stream(IndicatorEvent.class.getPermittedSubclasses()).map(Class::getName).toList()));
    }

    /** One indicator's figures in 分, summed as {@link #sumsOfEvents()} sums them. */
    protected Map<String, Long> sumsOfEvents(String indicator) {
        return sums("SELECT aggregate_identifier, payload_type, payload FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? ORDER BY global_index", indicator)
                .getOrDefault(indicator, Map.of());
    }

    private Map<String, Map<String, Long>> sums(String query, Object... arguments) {
        Map<String, Map<String, Long>> sums = new HashMap<>();
        for (Map<String, Object> row : jdbc.queryForList(query, arguments)) {
            String type = row.get("payload_type").toString();
            JsonNode payload = json((byte[]) row.get("payload"));
            Map<String, Long> figures = sums.computeIfAbsent(row.get("aggregate_identifier").toString(),
                    id -> new HashMap<>());
            long amount = payload.path("amount").path("fen").asLong();
            switch (type.substring(type.lastIndexOf('.') + 1)) {
                case "BudgetAppropriated" -> figures.merge(payload.path("initial").asBoolean()
                        ? "initialBudget" : "adjustments", amount, Long::sum);
                case "BudgetAdjusted", "BudgetTransferredIn" -> figures.merge("adjustments", amount, Long::sum);
                case "BudgetTransferredOut" -> figures.merge("adjustments", -amount, Long::sum);
                case "IncomeRecorded" -> figures.merge("income", amount, Long::sum);
                case "ExpenditureRecorded" -> figures.merge("spent", amount, Long::sum);
                case "ExpenditureReversed" -> figures.merge("spent", -amount, Long::sum);
                case "CarriedIn" -> figures.merge("carriedIn", amount, Long::sum);
                case "CarriedForward" -> { }
                case "IncomeReversed" -> figures.merge("income", -amount, Long::sum);
                case "AppropriationCorrected" -> figures.merge(payload.path("initial").asBoolean()
                        ? "initialBudget" : "adjustments", amount, Long::sum);
                case "ExpenditureMovedOut" -> figures.merge("spent", -amount, Long::sum);
                case "ExpenditureMovedIn" -> figures.merge("spent", amount, Long::sum);
                case "NonFiscalSurplusUsed" -> figures.merge("surplusUsed", amount, Long::sum);
                case "SurplusAllocated" -> figures.merge("allocated", amount, Long::sum);
                default -> throw new AssertionError("unknown event type " + type);
            }
        }
        return sums;
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
