package cn.gov.ledger.api.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
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
                // Spring Boot's tests turn metric export off; OperationsTest reads /actuator/prometheus
                "management.prometheus.metrics.export.enabled=true"})
public abstract class LedgerIntegrationTest {

    protected static final String POSTER_KEY = "poster-key-0123456789abcdef";
    protected static final String VIEWER_KEY = "viewer-key-0123456789abcdef";
    protected static final String AUDITOR_KEY = "auditor-key-0123456789abcdef";

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

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
        LedgerClient.Answer answer = client.post("/api/v1/indicators", appropriation(indicator, unit, amount));
        assertThat(answer.status()).as("appropriate: %s", answer.body()).isEqualTo(201);
        return indicator;
    }

    public static Map<String, Object> appropriation(String indicator, String unit, String amount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("indicatorId", indicator);
        body.put("fiscalYear", 2024);
        body.put("unitCode", unit);
        body.put("fundSource", "GENERAL_BUDGET");
        body.put("functionalCode", "2150501");
        body.put("kind", "BASIC");
        body.put("amount", amount);
        body.put("effectiveDate", "2024-01-05");
        return body;
    }

    public static Map<String, Object> expenditure(String expenditureId, String indicator, String amount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("expenditureId", expenditureId);
        body.put("indicatorId", indicator);
        body.put("amount", amount);
        body.put("economicCode", "30201");
        body.put("effectiveDate", "2024-02-01");
        return body;
    }

    /** Reads an indicator once the read model has the given sequence. */
    protected LedgerClient.Answer readIndicator(String indicator, long minSequence) {
        return client.get("/api/v1/indicators/" + indicator + "?minSequence=" + minSequence);
    }

    protected long eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    protected long eventCount(String indicator) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, indicator);
    }
}
