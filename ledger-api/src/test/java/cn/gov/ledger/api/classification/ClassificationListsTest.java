package cn.gov.ledger.api.classification;

import static cn.gov.ledger.api.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.LedgerIntegrationTest;
import cn.gov.ledger.api.testing.Postings;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Code lists per fiscal year: an ADMIN loads a year's official lists as CSV, postings of that year
 * are checked against them (and only them), a bad or code-dropping load changes nothing, each load
 * is an event of the audit trail and the hash chain, reads and reports answer per year. Each test
 * loads years of its own (2901 to 2907), which no other test posts in; 2990 is a test fixture shipped
 * incomplete (src/test/resources/classification).
 */
class ClassificationListsTest extends LedgerIntegrationTest {

    private static final String CSV = "text/csv";
    private static final String GOVERNMENT = """
            code,name
            502,机关商品和服务支出
            50201,办公经费
            """;
    private static final String ECONOMIC = """
            code,name,governmentCode,institutionGovernmentCode
            302,商品和服务支出,,
            30201,办公费,50201,
            """;
    private static final String FUNCTIONAL = """
            # 支出功能分类科目 2901, as the bureau received it
            code,name
            205,教育支出
            20501,"教育管理事务"
            2050101,行政运行
            2050102,一般行政管理事务
            """;

    @Test
    void aLoadedYearTakesPostingsUnderItsOwnCodesOnly() {
        load(2901, "government-economic", GOVERNMENT).expect(200);
        load(2901, "economic", ECONOMIC).expect(200);
        JsonNode loaded = load(2901, "functional", FUNCTIONAL).expect(200).body();
        assertThat(loaded.path("complete").asBoolean()).isTrue();
        assertThat(loaded.path("rows")).hasSize(4);

        String unit = newUnit();
        String indicator = LedgerClient.id("IND");
        assertThat(client.post("/api/v1/indicators", appropriation(indicator, unit, 2901, "2050101")).status())
                .isEqualTo(201);
        Map<String, Object> spend = Postings.expenditure(LedgerClient.id("E"), indicator, "12.34");
        spend.put("effectiveDate", "2901-03-01");
        long sequence = client.post("/api/v1/expenditures", spend).expect(201).body().path("sequence").asLong();

        // a 2024 code, not in the 2901 list
        LedgerClient.Answer refused = client.post("/api/v1/indicators",
                appropriation(LedgerClient.id("IND"), unit, 2901, "2150501"));
        assertProblem(refused, 400, "UNKNOWN_CODE");
        assertThat(refused.text("detail")).isEqualTo("functional code 2150501 is not in the 2901 list");
        assertThat(refused.text("field")).isEqualTo("functionalCode");
        // an economic code of 2024 not in 2901's list, refused by the indicator of 2901
        Map<String, Object> other = Postings.expenditure(LedgerClient.id("E"), indicator, "1.00");
        other.put("effectiveDate", "2901-03-01");
        other.put("economicCode", "30217");
        LedgerClient.Answer otherRefused = client.post("/api/v1/expenditures", other);
        assertProblem(otherRefused, 400, "UNKNOWN_CODE");
        assertThat(otherRefused.text("detail")).isEqualTo("economic code 30217 is not in the 2901 list");
        // and 2901's new code in 2998, a year without lists
        LedgerClient.Answer noList = client.post("/api/v1/indicators",
                appropriation(LedgerClient.id("IND"), unit, 2998, "2050101"));
        assertProblem(noList, 400, "UNKNOWN_CODE");
        assertThat(noList.text("detail")).startsWith("functional code 2050101 is not in the 2998 list");

        // reports name rows by 2901's list; balances group by 政府预算支出经济分类
        String department = "D" + unit;
        JsonNode report = client.get("/api/v1/reports/final-accounts?fiscalYear=2901&departmentCode=" + department
                + "&unit=yuan&minSequence=" + sequence).expect(200).body();
        assertThat(rowName(report.path("tables").path("03"), "2050101")).isEqualTo("行政运行");
        assertThat(rowName(report.path("tables").path("03"), "20501")).isEqualTo("教育管理事务");
        JsonNode balances = client.get("/api/v1/balances?fiscalYear=2901&departmentCode=" + department
                + "&groupBy=governmentEconomicSection&minSequence=" + sequence).expect(200).body();
        assertThat(spentBy(balances, "governmentEconomicSection")).containsEntry("50201", "12.34");
    }

    @Test
    void malformedOrphanedOrDuplicatedListsAreRefusedWithTheirLinesAndNothingChanges() {
        load(2902, "functional", FUNCTIONAL).expect(200);
        long events = eventCount();
        String[] bad = {
                "code,name\n205,教育支出\n2050101,行政运行\n",              // 项 without its 款
                "code,name\n205,教育支出\n205,教育\n",                     // twice
                "code,name\n205,\n",                                      // no name
                "code,name\n20,教育支出\n",                                // 2 digits
                "name\n教育支出\n",                                        // no code column
                "code,name\n205,\"教育支出\n",                              // unclosed quote
                ""};
        for (String csv : bad) {
            LedgerClient.Answer answer = load(2902, "functional", csv);
            assertProblem(answer, 400, "CLASSIFICATION_INVALID");
            assertThat(answer.body().path("problems")).as(csv).isNotEmpty();
        }
        LedgerClient.Answer orphan = load(2902, "functional", "code,name\n205,教育支出\n2050101,行政运行\n");
        assertThat(orphan.body().path("problems").get(0).path("line").asInt()).isEqualTo(3);
        assertThat(orphan.body().path("problems").get(0).path("code").asText()).isEqualTo("2050101");
        // an economic list mapping to a code the year's government list does not hold
        LedgerClient.Answer unmapped = load(2902, "economic", ECONOMIC);
        assertProblem(unmapped, 400, "CLASSIFICATION_INVALID");
        assertThat(unmapped.body().path("problems").get(0).path("problem").asText()).contains("50201");

        assertThat(eventCount()).isEqualTo(events);
        assertThat(client.get("/api/v1/classifications/functional?fiscalYear=2902").expect(200).body().path("rows"))
                .hasSize(4);
        assertProblem(client.get("/api/v1/classifications/economic?fiscalYear=2902"), 404, "CLASSIFICATION_NOT_FOUND");
    }

    @Test
    void aLoadThatWouldDropACodeInUseIsRefused() {
        load(2903, "functional", FUNCTIONAL).expect(200);
        String unit = newUnit();
        assertThat(client.post("/api/v1/indicators", appropriation(LedgerClient.id("IND"), unit, 2903, "2050102"))
                .status()).isEqualTo(201);
        String without = FUNCTIONAL.replace("2050102,一般行政管理事务\n", "");
        LedgerClient.Answer refused = load(2903, "functional", without);
        assertProblem(refused, 409, "CLASSIFICATION_CODE_IN_USE");
        assertThat(refused.body().path("codes").toString()).isEqualTo("[\"2050102\"]");
        assertThat(client.get("/api/v1/classifications/functional?fiscalYear=2903").body().path("rows")).hasSize(4);
        // dropping an unused code is fine
        load(2903, "functional", FUNCTIONAL.replace("2050101,行政运行\n", "")).expect(200);
        assertThat(client.get("/api/v1/classifications/functional?fiscalYear=2903").body().path("rows")).hasSize(3);
    }

    @Test
    void aLoadIsAnEventOfTheAuditTrailAndTheHashChain() {
        long before = jdbc.queryForObject("SELECT COALESCE(max(global_index), 0) FROM domain_event_entry", Long.class);
        load(2904, "functional", FUNCTIONAL).expect(200);
        JsonNode events = new LedgerClient(port, AUDITOR_KEY).get("/api/v1/audit/events?afterSequence=" + before)
                .expect(200).body().path("rows");
        JsonNode loaded = null;
        for (JsonNode event : events) {
            if ("functional@2904".equals(event.path("indicatorId").asText())) {
                loaded = event;
            }
        }
        assertThat(loaded).as("%s", events).isNotNull();
        assertThat(loaded.path("type").asText()).isEqualTo("ClassificationListLoaded");
        assertThat(loaded.path("postedBy").asText()).isNotBlank();
        assertThat(loaded.path("payload").path("codes")).hasSize(4);
        assertThat(loaded.path("payload").path("fiscalYear").asInt()).isEqualTo(2904);

        long sequence = loaded.path("sequence").asLong();
        for (int poll = 0; poll < 200 && jdbc.queryForObject("SELECT count(*) FROM event_chain WHERE global_index = ?",
                Long.class, sequence) == 0; poll++) {
            client.get("/api/v1/audit/verify"); // a bounded poll while the event-chain processor catches up
        }
        JsonNode chain = client.get("/api/v1/audit/verify").expect(200).body();
        assertThat(chain.path("valid").asBoolean()).as("%s", chain).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM event_chain WHERE global_index = ?", Long.class, sequence))
                .isEqualTo(1);
    }

    @Test
    void readsAnswerPerYearWithWhetherCompleteAndTheSource() {
        JsonNode shipped = client.get("/api/v1/classifications/functional?fiscalYear=2024").expect(200).body();
        assertThat(shipped.path("fiscalYear").asInt()).isEqualTo(2024);
        assertThat(shipped.path("source").asText()).contains("2024");
        assertThat(shipped.path("loadedBy").isNull()).isTrue();
        JsonNode fixture = client.get("/api/v1/classifications/economic?fiscalYear=2990").expect(200).body();
        assertThat(fixture.path("complete").asBoolean()).isTrue();
        assertThat(fixture.path("rows").get(1).path("governmentCode").asText()).isEqualTo("50201");
        assertThat(fixture.path("rows").get(1).path("institutionGovernmentCode").asText()).isEqualTo("50502");
        assertThat(client.get("/api/v1/classifications/functional?fiscalYear=2990").body().path("complete")
                .asBoolean()).isFalse();
        assertProblem(client.get("/api/v1/classifications/functional?fiscalYear=2999"), 404, "CLASSIFICATION_NOT_FOUND");
        assertProblem(client.get("/api/v1/classifications/programmes"), 404, "CLASSIFICATION_NOT_FOUND");
        assertThat(client.get("/api/v1/classifications/functional").expect(200).body().path("rows")).isNotEmpty();

        JsonNode loaded = load(2905, "functional", FUNCTIONAL).expect(200).body();
        assertThat(loaded.path("source").asText()).startsWith("loaded by ");
        assertThat(loaded.path("loadedAt").asText()).isNotBlank();
        assertThat(new LedgerClient(port, VIEWER_KEY).get("/api/v1/classifications/functional?fiscalYear=2905")
                .expect(200).body()).isEqualTo(loaded);
    }

    @Test
    void theLoadedListsAreRebuiltFromTheirEvents(@Autowired YearClassifications lists) {
        load(2907, "functional", FUNCTIONAL).expect(200);
        JsonNode loaded = load(2907, "functional", FUNCTIONAL.replace("2050102,一般行政管理事务\n", "")).expect(200).body();
        jdbc.update("DELETE FROM classification_list WHERE fiscal_year = 2907");
        lists.rebuild();
        assertThat(client.get("/api/v1/classifications/functional?fiscalYear=2907").expect(200).body()).isEqualTo(loaded);
    }

    @Test
    void onlyAnAdminLoadsLists() {
        LedgerClient poster = new LedgerClient(port, POSTER_KEY);
        assertThat(poster.putRaw("/api/v1/classifications/2906/functional", FUNCTIONAL, CSV).status()).isEqualTo(403);
        assertThat(client.get("/api/v1/classifications/functional?fiscalYear=2906").status()).isEqualTo(404);
    }

    @Test
    void anUnlistedItemOfAnIncompleteShippedListIsAcceptedAndReportedUnderItsCode() {
        String unit = newUnit();
        String indicator = LedgerClient.id("IND");
        client.post("/api/v1/indicators", appropriation(indicator, unit, 2990, "2050198")).expect(201);
        Map<String, Object> spend = Postings.expenditure(LedgerClient.id("E"), indicator, "5.00");
        spend.put("effectiveDate", "2990-03-01");
        long sequence = client.post("/api/v1/expenditures", spend).expect(201).body().path("sequence").asLong();
        // an unlisted 款 is refused all the same
        assertProblem(client.post("/api/v1/indicators", appropriation(LedgerClient.id("IND"), unit, 2990, "2050201")),
                400, "UNKNOWN_CODE");
        JsonNode report = client.get("/api/v1/reports/final-accounts?fiscalYear=2990&departmentCode=D" + unit
                + "&unit=yuan&minSequence=" + sequence).expect(200).body();
        assertThat(rowName(report.path("tables").path("03"), "2050198")).isEqualTo("2050198");
        assertThat(rowName(report.path("tables").path("03"), "20501")).isEqualTo("教育管理事务");
    }

    private LedgerClient.Answer load(int year, String kind, String csv) {
        return client.putRaw("/api/v1/classifications/" + year + "/" + kind, csv, CSV);
    }

    static Map<String, Object> appropriation(String indicator, String unit, int year, String functionalCode) {
        Map<String, Object> body = Postings.appropriation(indicator, unit, "1000.00");
        body.put("fiscalYear", year);
        body.put("functionalCode", functionalCode);
        body.put("effectiveDate", year + "-01-05");
        return body;
    }

    private static String rowName(JsonNode table, String code) {
        for (JsonNode row : table.path("rows")) {
            if (code.equals(row.path("code").asText(null))) {
                return row.path("name").asText();
            }
        }
        List<String> codes = new ArrayList<>();
        table.path("rows").forEach(r -> codes.add(r.path("code").asText()));
        throw new AssertionError("no row " + code + " in " + codes);
    }

    private static Map<String, String> spentBy(JsonNode balances, String dimension) {
        Map<String, String> spent = new java.util.LinkedHashMap<>();
        balances.path("rows").forEach(r -> spent.put(r.path("key").path(dimension).asText(null),
                r.path("spent").asText()));
        return spent;
    }
}
