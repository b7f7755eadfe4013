package cn.gov.ledger.api.demo;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.LedgerIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The second demo department (tools/demo-data/generate_education.py): a made-up education
 * department of another 类 than the worked example, loaded over HTTP as a user would, two years.
 * Nothing of it is published, so its report is checked against the identities every final accounts
 * must satisfy (docs/final-accounts.md, the 审核公式), exactly in 元: the proof that nothing in the
 * ledger is tuned to one department.
 */
class SecondDepartmentTest extends LedgerIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEPARTMENT = "905";
    private static long loadedAt;

    @BeforeEach
    void loadOnce() throws IOException {
        if (loadedAt > 0) {
            return;
        }
        for (JsonNode unit : JSON.readTree(resource(DemoData.SECOND_UNITS))) {
            LedgerClient.Answer put = client.put("/api/v1/units/" + unit.path("unitCode").asText(), unit);
            assertThat(put.status()).as("%s", put.body()).isIn(200, 201);
        }
        String batch = new String(resource(DemoData.SECOND_POSTINGS).readAllBytes(), StandardCharsets.UTF_8);
        LedgerClient.Answer answer = client.post("/api/v1/postings:batch", batch);
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        answer.body().path("results").forEach(r -> assertThat(r.path("status").asInt()).as("%s", r).isEqualTo(201));
        loadedAt = answer.body().path("sequence").asLong();
    }

    @ParameterizedTest
    @ValueSource(ints = {2024, 2025})
    void table01BalancesAndAgreesWith02And03(int year) {
        JsonNode tables = report(year);
        JsonNode t01 = tables.path("01");
        assertThat(amount(t01, "income", "总计")).isEqualByComparingTo(amount(t01, "expenditure", "总计"));
        assertThat(amount(t01, "income", "本年收入合计")).isEqualByComparingTo(
                sum(t01, r -> "income".equals(r.path("section").asText()) && r.path("name").asText().endsWith("收入")
                        && !r.path("name").asText().equals("本年收入合计"), "amount"));
        assertThat(amount(t01, "expenditure", "本年支出合计"))
                .isEqualByComparingTo(sum(t01, r -> r.path("code").asText().length() == 3, "amount"));
        assertThat(amount(t01, "income", "本年收入合计")).isEqualByComparingTo(cell(first(tables.path("02")), "total"));
        assertThat(amount(t01, "expenditure", "本年支出合计")).isEqualByComparingTo(cell(first(tables.path("03")), "total"));
        assertThat(amount(t01, "income", "本年收入合计")).isPositive();
    }

    @ParameterizedTest
    @ValueSource(ints = {2024, 2025})
    void everyRowOf02And03AddsUpAcrossAndDown(int year) {
        JsonNode tables = report(year);
        for (JsonNode row : tables.path("02").path("rows")) {
            assertThat(cell(row, "total")).as("02 %s", row).isEqualByComparingTo(cell(row, "appropriation")
                    .add(cell(row, "superiorSubsidy")).add(cell(row, "business")).add(cell(row, "operating"))
                    .add(cell(row, "affiliate")).add(cell(row, "other")));
        }
        for (JsonNode row : tables.path("03").path("rows")) {
            assertThat(cell(row, "total")).as("03 %s", row).isEqualByComparingTo(cell(row, "basic")
                    .add(cell(row, "project")).add(cell(row, "remittance")).add(cell(row, "operatingExpense"))
                    .add(cell(row, "subsidy")));
        }
        for (String table : List.of("02", "03", "05")) {
            assertFunctionalRollUp(table, tables.path(table));
        }
        assertThat(cell(first(tables.path("02")), "business")).as("the school's 事业收入").isPositive();
        assertThat(cell(first(tables.path("03")), "project")).isPositive();
    }

    @ParameterizedTest
    @ValueSource(ints = {2024, 2025})
    void appropriationTablesAgree(int year) {
        JsonNode tables = report(year);
        JsonNode t04 = tables.path("04");
        for (JsonNode row : t04.path("rows")) {
            assertThat(cell(row, "total")).as("04 %s", row)
                    .isEqualByComparingTo(cell(row, "general").add(cell(row, "fund")).add(cell(row, "capital")));
        }
        assertThat(cell(row(t04, "income", "总计"), "total")).isEqualByComparingTo(cell(row(t04, "expenditure", "总计"), "total"));
        assertThat(cell(row(t04, "income", "本年收入合计"), "total")).isEqualByComparingTo(cell(first(tables.path("02")), "appropriation"));
        assertThat(cell(row(t04, "expenditure", "本年支出合计"), "general")).isEqualByComparingTo(cell(first(tables.path("05")), "total"));
        BigDecimal basicOf06 = sum(tables.path("06"), r -> "total".equals(r.path("group").asText()), "amount");
        assertThat(cell(first(tables.path("05")), "basic")).as("06 is 05's basic expenditure").isEqualByComparingTo(basicOf06);
        JsonNode t09 = tables.path("09");
        for (String column : List.of("budget", "actual")) {
            BigDecimal parts = cell(row(t09, null, "因公出国（境）费"), column).add(cell(row(t09, null, "公务用车购置及运行费"), column))
                    .add(cell(row(t09, null, "公务接待费"), column));
            assertThat(cell(row(t09, null, "合计"), column)).isEqualByComparingTo(parts);
            assertThat(cell(row(t09, null, "公务接待费"), column)).isPositive();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2024, 2025})
    void everyRowIsNamedFromTheCodeListOfItsYear(int year) {
        JsonNode tables = report(year);
        for (String table : List.of("01", "02", "03", "05", "06")) {
            for (JsonNode row : tables.path(table).path("rows")) {
                String name = row.path("name").asText();
                assertThat(name).as("table %s row %s", table, row).isNotBlank().isNotEqualTo(row.path("code").asText());
            }
        }
        assertThat(tables.path("03").path("rows").findValuesAsText("code")).contains("205", "20501", "2050101",
                "20502", "2050204", "20508", "2050803");
    }

    @Test
    void whatTheFirstYearLeftIsWhatTheSecondStartsWithLessTheSurplusTakenBack() {
        BigDecimal closing2024 = amount(report(2024).path("01"), "expenditure", "年末结转和结余");
        BigDecimal carriedIn2025 = amount(report(2025).path("01"), "income", "年初结转和结余");
        assertThat(carriedIn2025).isPositive().isLessThan(closing2024);
        assertThat(amount(report(2024).path("01"), "income", "年初结转和结余")).isZero();
    }

    @Test
    void closingTheSecondYearCarriesWhatItLeftIntoTheThirdAndChangesNothingOfIt() {
        JsonNode before = report(2025).path("01");
        LedgerClient.Answer close = client.post("/api/v1/fiscal-years/2025/close",
                Map.of("departmentCode", DEPARTMENT)).expect(200);
        assertThat(close.body().path("notClosable").asInt()).as("%s", close.body()).isZero();
        assertThat(close.body().path("carriedForward").asInt()).isPositive();
        loadedAt = close.body().path("sequence").asLong();
        assertThat(report(2025).path("01")).isEqualTo(before);
        assertThat(amount(report(2026).path("01"), "income", "年初结转和结余"))
                .isEqualByComparingTo(amount(before, "expenditure", "年末结转和结余")).isPositive();
    }

    @Test
    void byGovernmentEconomicSectionEachUnitIsMappedByItsType() {
        LedgerClient.Answer answer = client.get("/api/v1/balances?fiscalYear=2024&departmentCode=" + DEPARTMENT
                + "&groupBy=governmentEconomicSection&minSequence=" + loadedAt).expect(200);
        Map<String, BigDecimal> spent = new TreeMap<>();
        answer.body().path("rows").forEach(r -> spent.merge(r.path("key").path("governmentEconomicSection").asText(),
                new BigDecimal(r.path("spent").asText()), BigDecimal::add));
        // the 本级 (行政单位) and the 考试院 (参公) pay under 501/502, the school and the 电化教育馆 (事业单位) under 505/506
        assertThat(spent).containsKeys("50101", "50201", "50501", "50502", "50601");
        assertThat(spent.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(amount(report(2024).path("01"), "expenditure", "本年支出合计"));
    }

    /** 类 = Σ its 款, 款 = Σ its 项 and the first row (合计) = Σ 类, in every column. */
    private static void assertFunctionalRollUp(String name, JsonNode table) {
        Map<String, JsonNode> byCode = new TreeMap<>();
        table.path("rows").forEach(r -> {
            if (!r.path("code").asText().isEmpty()) {
                byCode.put(r.path("code").asText(), r);
            }
        });
        assertThat(byCode).as("table %s has rows", name).isNotEmpty();
        table.path("columns").forEach(column -> {
            String key = column.path("key").asText();
            for (Map.Entry<String, JsonNode> parent : byCode.entrySet()) {
                String code = parent.getKey();
                if (code.length() == 7) {
                    continue;
                }
                int childLength = code.length() + 2;
                BigDecimal children = byCode.entrySet().stream()
                        .filter(e -> e.getKey().length() == childLength && e.getKey().startsWith(code))
                        .map(e -> cell(e.getValue(), key)).reduce(BigDecimal.ZERO, BigDecimal::add);
                assertThat(cell(parent.getValue(), key)).as("%s %s %s", name, code, key).isEqualByComparingTo(children);
            }
            BigDecimal classes = byCode.entrySet().stream().filter(e -> e.getKey().length() == 3)
                    .map(e -> cell(e.getValue(), key)).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(cell(first(table), key)).as("%s 合计 %s", name, key).isEqualByComparingTo(classes);
        });
    }

    private JsonNode report(int year) {
        String path = "/api/v1/reports/final-accounts?fiscalYear=" + year + "&departmentCode=" + DEPARTMENT
                + "&unit=yuan&minSequence=" + loadedAt;
        LedgerClient.Answer answer = client.get(path);
        for (int tries = 0; answer.status() == 503 && tries < 30; tries++) { // each try waits for the sequence
            answer = client.get(path);
        }
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        return answer.body().path("tables");
    }

    private static JsonNode first(JsonNode table) {
        return table.path("rows").get(0);
    }

    private static JsonNode row(JsonNode table, String section, String name) {
        List<JsonNode> found = new ArrayList<>();
        table.path("rows").forEach(r -> {
            if ((section == null || section.equals(r.path("section").asText())) && name.equals(r.path("name").asText())) {
                found.add(r);
            }
        });
        assertThat(found).as("row %s/%s", section, name).hasSize(1);
        return found.get(0);
    }

    private static BigDecimal amount(JsonNode table, String section, String name) {
        return cell(row(table, section, name), "amount");
    }

    private static BigDecimal cell(JsonNode row, String column) {
        JsonNode value = row.path("cells").path(column);
        return value.isMissingNode() || value.isNull() ? BigDecimal.ZERO : new BigDecimal(value.asText());
    }

    private static BigDecimal sum(JsonNode table, Predicate<JsonNode> rows, String column) {
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode row : table.path("rows")) {
            if (rows.test(row)) {
                total = total.add(cell(row, column));
            }
        }
        return total;
    }

    private static InputStream resource(String path) {
        return SecondDepartmentTest.class.getResourceAsStream("/" + path);
    }
}
