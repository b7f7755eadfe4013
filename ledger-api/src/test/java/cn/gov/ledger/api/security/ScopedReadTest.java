package cn.gov.ledger.api.security;

import static cn.gov.ledger.api.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.LedgerIntegrationTest;
import cn.gov.ledger.api.testing.Postings;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keys limited to departments or units read inside their scope and are refused outside it with 403
 * SCOPE_NOT_ALLOWED, an answer that names nothing and is the same for what exists and what does not.
 */
class ScopedReadTest extends LedgerIntegrationTest {

    private String mine;
    private String mineA;
    private String mineB;
    private String theirs;
    private String theirUnit;
    private String myIndicator;
    private String theirIndicator;
    private long sequence;

    @BeforeEach
    void twoDepartments() {
        mine = LedgerClient.id("D");
        theirs = LedgerClient.id("D");
        mineA = unit(mine);
        mineB = unit(mine);
        theirUnit = unit(theirs);
        myIndicator = indicator(mineA, "100.00");
        indicator(mineB, "50.00");
        theirIndicator = indicator(theirUnit, "777.77");
        sequence = head();
    }

    @Test
    void aKeyOfADepartmentReadsItsUnitsAndNothingElse() {
        LedgerClient viewer = keyOf(List.of(mine), List.of());
        assertThat(viewer.get("/api/v1/indicators/" + myIndicator + "?minSequence=" + sequence).status()).isEqualTo(200);
        for (String read : List.of("/api/v1/balances", "/api/v1/execution-rates", "/api/v1/reports/final-accounts",
                "/api/v1/reports/project-execution")) {
            assertThat(viewer.get(read + "?fiscalYear=2024&departmentCode=" + mine).status()).as(read).isEqualTo(200);
            assertThat(viewer.get(read + "?fiscalYear=2024&unitCode=" + mineB).status()).as(read).isEqualTo(200);
        }
        LedgerClient.Answer balances = viewer.get("/api/v1/balances?fiscalYear=2024&departmentCode=" + mine
                + "&minSequence=" + sequence);
        assertThat(balances.body().path("rows")).extracting(row -> row.path("key").path("unit").asText())
                .containsExactlyInAnyOrder(mineA, mineB);

        List<LedgerClient.Answer> refusals = new ArrayList<>();
        refusals.add(viewer.get("/api/v1/indicators/" + theirIndicator));
        refusals.add(viewer.get("/api/v1/indicators/" + LedgerClient.id("IND-never")));
        for (String read : List.of("/api/v1/balances", "/api/v1/execution-rates", "/api/v1/reports/final-accounts",
                "/api/v1/reports/project-execution")) {
            refusals.add(viewer.get(read + "?fiscalYear=2024&departmentCode=" + theirs));
            refusals.add(viewer.get(read + "?fiscalYear=2024&unitCode=" + theirUnit));
            refusals.add(viewer.get(read + "?fiscalYear=2024&unitCode=" + LedgerClient.id("U-never")));
        }
        assertAllTheSameRefusal(refusals);
    }

    @Test
    void aKeyOfAUnitReadsThatUnitOnlyNotItsDepartment() {
        LedgerClient viewer = keyOf(List.of(), List.of(mineA));
        assertThat(viewer.get("/api/v1/balances?fiscalYear=2024&unitCode=" + mineA).status()).isEqualTo(200);
        assertThat(viewer.get("/api/v1/indicators/" + myIndicator + "?minSequence=" + sequence).status()).isEqualTo(200);
        assertAllTheSameRefusal(List.of(
                viewer.get("/api/v1/balances?fiscalYear=2024&unitCode=" + mineB),
                viewer.get("/api/v1/balances?fiscalYear=2024&departmentCode=" + mine),
                viewer.get("/api/v1/indicators/" + theirIndicator)));
    }

    /** A key of the configuration limited with {@code ledger.security.keys[i].departments}. */
    @Test
    void aConfiguredKeyIsScopedByItsDepartments() {
        String unit = unit(SCOPED_VIEWER_DEPARTMENT);
        LedgerClient viewer = new LedgerClient(port, SCOPED_VIEWER_KEY);
        assertThat(viewer.get("/api/v1/balances?fiscalYear=2024&unitCode=" + unit).status()).isEqualTo(200);
        assertThat(viewer.get("/api/v1/balances?fiscalYear=2024&departmentCode=" + SCOPED_VIEWER_DEPARTMENT).status())
                .isEqualTo(200);
        assertAllTheSameRefusal(List.of(viewer.get("/api/v1/balances?fiscalYear=2024&unitCode=" + theirUnit),
                viewer.get("/api/v1/indicators/" + theirIndicator)));
    }

    /** The list of units, a read without a department or unit, holds only the units in the key's scope. */
    @Test
    void anAggregateReadWithoutAFilterCoversOnlyTheScope() {
        LedgerClient viewer = keyOf(List.of(mine), List.of());
        LedgerClient.Answer units = viewer.get("/api/v1/units");
        assertThat(units.status()).isEqualTo(200);
        assertThat(units.body().path("rows")).extracting(row -> row.path("unitCode").asText())
                .containsExactlyInAnyOrder(mineA, mineB);
        assertThat(units.raw().body()).doesNotContain(theirs).doesNotContain(theirUnit);
        LedgerClient.Answer all = client.get("/api/v1/units");
        assertThat(all.body().path("rows")).extracting(row -> row.path("unitCode").asText())
                .contains(mineA, mineB, theirUnit);
    }

    /** An ETag the controller answered another key for another scope does not turn into a 304. */
    @Test
    void aCachedAnswerOfAnotherScopeIsNeverServed() {
        String question = "/api/v1/execution-rates?fiscalYear=2024&unitCode=" + theirUnit + "&minSequence=" + sequence;
        LedgerClient.Answer admin = client.get(question);
        assertThat(admin.status()).isEqualTo(200);
        String etag = admin.raw().headers().firstValue("ETag").orElseThrow();
        assertThat(client.get(question, Map.of("If-None-Match", etag)).status()).isEqualTo(304);
        LedgerClient viewer = keyOf(List.of(mine), List.of());
        assertAllTheSameRefusal(List.of(viewer.get(question, Map.of("If-None-Match", etag)), viewer.get(question)));
    }

    /** The same problem each time, save its {@code instance} (the path the caller sent), with nothing of the other department. */
    private void assertAllTheSameRefusal(List<LedgerClient.Answer> refusals) {
        ObjectNode first = withoutInstance(refusals.get(0));
        for (LedgerClient.Answer refusal : refusals) {
            assertProblem(refusal, 403, "SCOPE_NOT_ALLOWED");
            assertThat(withoutInstance(refusal)).isEqualTo(first);
            assertThat(withoutInstance(refusal).toString()).doesNotContain(theirs).doesNotContain(theirUnit)
                    .doesNotContain(theirIndicator).doesNotContain("777");
        }
    }

    private static ObjectNode withoutInstance(LedgerClient.Answer answer) {
        ObjectNode body = ((ObjectNode) answer.body()).deepCopy();
        body.remove("instance");
        return body;
    }

    private LedgerClient keyOf(List<String> departments, List<String> units) {
        LedgerClient.Answer issued = client.post("/api/v1/api-keys", Map.of("name", LedgerClient.id("viewer"),
                "role", "VIEWER", "departments", departments, "units", units));
        assertThat(issued.status()).as("%s", issued.body()).isEqualTo(201);
        return new LedgerClient(port, issued.text("secret"));
    }

    private String unit(String department) {
        String unit = LedgerClient.id("U");
        assertThat(client.put("/api/v1/units/" + unit, Map.of("name", "单位", "departmentCode", department,
                "departmentName", "部门")).status()).isEqualTo(201);
        return unit;
    }

    private String indicator(String unit, String amount) {
        String indicator = LedgerClient.id("IND");
        assertThat(client.post("/api/v1/indicators", Postings.appropriation(indicator, unit, amount)).status())
                .isEqualTo(201);
        return indicator;
    }
}
