package cn.gov.ledger.api.reporting;

import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.LedgerIntegrationTest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The 2024 accounts of 辽宁省工业和信息化厅: the demo dataset, loaded over HTTP as a user would,
 * reproduces every cell of the published tables (test resources reference/), and answers as it
 * was known before a back-dated correction.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedAccountsAcceptanceTest extends LedgerIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEPARTMENT = "060";
    /** 公开01/04表 round 208 and 215 along another path than 03表 (seed-tail-differences.csv): the data follows 03表. */
    private static final Set<String> TAIL = Set.of("208", "215");
    private static long loadedAt;
    private static Instant knownBeforeCorrection;

    @BeforeEach
    void loadOnce() {
        loadedAt = WorkedExample.load(client);
    }

    @Test
    @Order(1)
    void theReportReproducesEveryPublishedCell() throws IOException {
        Reconciliation reconciliation = reconcile(report(null));
        assertThat(reconciliation.mismatches()).as(reconciliation.table()).isEmpty();
        assertThat(reconciliation.compared).isGreaterThan(200);
    }

    @Test
    @Order(2)
    void completionOfTheInitialBudgetPerItemAndKind() throws IOException {
        Map<String, String> byItem = new HashMap<>();
        rates("functionalItem", null).forEach(r -> byItem.put(r.path("key").path("functionalItem").asText(),
                r.path("rateOfInitial").asText(null)));
        Map<String, JsonNode> byKind = new HashMap<>();
        rates("kind", null).forEach(r -> byKind.put(r.path("key").path("kind").asText(), r));
        Reconciliation reconciliation = new Reconciliation();
        for (Map<String, String> row : csv("initial-budget-completion.csv")) {
            String published = row.get("completion_of_initial_budget_pct");
            String code = row.get("code");
            String computed = switch (code) {
                case "BASIC", "PROJECT" -> byKind.get(code).path("rateOfInitial").asText();
                case "TOTAL" -> totalRate(byKind);
                default -> byItem.get(code);
            };
            if (published.isEmpty()) {
                assertThat(computed).as("%s has no initial budget, so no rate", code).isNull();
            } else {
                reconciliation.compare("完成年初预算", code, "%", published, computed, false);
            }
        }
        assertThat(reconciliation.mismatches()).as(reconciliation.table()).isEmpty();
    }

    @Test
    @Order(3)
    void executionRatesAtMidYearEqualTheDatasetsPostingsUpToThen() throws IOException {
        Map<String, BigDecimal> expected = spentPerItemUpTo(LocalDate.of(2024, 6, 30));
        List<JsonNode> rows = rates("functionalItem", "2024-06-30");
        assertThat(rows).isNotEmpty();
        for (JsonNode row : rows) {
            String item = row.path("key").path("functionalItem").asText();
            assertThat(new BigDecimal(row.path("spent").asText())).as("spent on %s by 2024-06-30", item)
                    .isEqualByComparingTo(expected.getOrDefault(item, BigDecimal.ZERO));
            assertThat(row.path("timeProgress").asText()).isEqualTo("49.73"); // 182 of 366 days
        }
    }

    @Test
    @Order(4)
    void aBackDatedCorrectionChangesAsOfAnswersButNotWhatWasKnownBefore() throws IOException {
        BigDecimal yearBefore = yuanCell("03", "2150501", "total");
        knownBeforeCorrection = LedgerClient.knownAtBetweenPostings();
        String item = "2150501";
        String june = "2024-06-30";
        BigDecimal spentInJune = spent(rates("functionalItem", june), item);
        // a correction recorded now, effective in June: 1234.56 元 of a June expenditure on 行政运行 reversed
        String expenditureId = juneExpenditureOn(item);
        LedgerClient.Answer correction = client.post("/api/v1/expenditures/" + expenditureId + "/reversals",
                Map.of("reversalId", LedgerClient.id("CORR"), "amount", "1234.56", "reason", "更正：重复支付",
                        "effectiveDate", "2024-06-20"));
        assertThat(correction.status()).as("%s", correction.body()).isEqualTo(201);
        long sequence = correction.body().path("sequence").asLong();
        readIndicator(correction.body().path("indicatorId").asText(), sequence);

        // as known before it: the published accounts, cell for cell
        Reconciliation asKnown = reconcile(reportKnownAt(knownBeforeCorrection));
        assertThat(asKnown.mismatches()).as(asKnown.table()).isEmpty();
        assertThat(spent(ratesKnownAt(june, knownBeforeCorrection), item)).isEqualByComparingTo(spentInJune);
        // as known now: less spent from June on, in 元 exactly
        assertThat(spent(rates("functionalItem", june), item))
                .isEqualByComparingTo(spentInJune.subtract(new BigDecimal("1234.56")));
        assertThat(spent(rates("functionalItem", "2024-06-19"), item))
                .isEqualByComparingTo(spent(ratesKnownAt("2024-06-19", knownBeforeCorrection), item));
        BigDecimal yearAfter = yuanCell("03", item, "total");
        assertThat(yearBefore.subtract(yearAfter)).isEqualByComparingTo("1234.56");
    }

    // --- the comparison ---

    private Reconciliation reconcile(JsonNode wan) throws IOException {
        JsonNode tables = wan.path("tables");
        Reconciliation r = new Reconciliation();
        for (Map<String, String> row : csv("t01-income-expenditure-summary.csv")) {
            String item = row.get("item");
            String code = item.contains("(") ? item.substring(item.indexOf('(') + 1, item.indexOf(')')) : null;
            JsonNode found = code != null ? byCode(tables.path("01"), code, row.get("side"))
                    : byName(tables.path("01"), item, row.get("side"));
            if (code != null || !row.get("amount_wan").isEmpty()) {
                r.compare("01", item, "金额", row.get("amount_wan"), cell(found, "amount"), code != null && TAIL.contains(code));
            }
        }
        for (Map<String, String> row : csv("t02-income-by-function.csv")) {
            JsonNode found = row.get("code").isEmpty() ? tables.path("02").path("rows").get(0)
                    : byCode(tables.path("02"), row.get("code"), null);
            r.compare("02", label(row), "本年收入合计", row.get("total_income_wan"), cell(found, "total"), false);
            r.compare("02", label(row), "财政拨款收入", row.get("appropriation_income_wan"),
                    cell(found, "appropriation"), false);
        }
        for (String table : List.of("03", "05")) {
            for (Map<String, String> row : csv("t03-expenditure-by-function.csv")) {
                if (table.equals("05") && row.get("code").startsWith("223")) {
                    continue; // 05表 is 03表 without the 国有资本经营 row
                }
                JsonNode found = row.get("code").isEmpty() ? null : byCode(tables.path(table), row.get("code"), null);
                if (row.get("code").isEmpty()) {
                    if (table.equals("05")) {
                        continue; // its 合计 excludes 223
                    }
                    found = tables.path(table).path("rows").get(0);
                }
                r.compare(table, label(row), "本年支出合计", row.get("total_wan"), cell(found, "total"), false);
                r.compare(table, label(row), "基本支出", row.get("basic_wan"), cell(found, "basic"), false);
                r.compare(table, label(row), "项目支出", row.get("project_wan"), cell(found, "project"), false);
            }
        }
        JsonNode t04 = tables.path("04");
        List<JsonNode> t04Income = new ArrayList<>();
        t04.path("rows").forEach(x -> {
            if ("income".equals(x.path("section").asText())) {
                t04Income.add(x);
            }
        });
        for (Map<String, String> row : csv("t04-appropriation-summary.csv")) {
            JsonNode found;
            String item = row.get("item");
            if (row.get("side").equals("income")) {
                int line = Integer.parseInt(row.get("line_no"));
                int index = line <= 3 ? line - 1 : line == 27 ? 3 : line == 28 ? 4 : line <= 31 ? line - 24 : 8;
                found = t04Income.get(index);
            } else if (item.contains("(")) {
                found = byCode(t04, item.substring(item.indexOf('(') + 1, item.indexOf(')')), "expenditure");
            } else {
                found = byName(t04, item.trim(), "expenditure");
            }
            boolean tail = item.contains("(208)") || item.contains("(215)");
            for (String[] column : new String[][] {{"total_wan", "total"}, {"general_public_budget_wan", "general"},
                    {"government_fund_wan", "fund"}, {"state_capital_wan", "capital"}}) {
                if (!row.get(column[0]).isEmpty()) {
                    r.compare("04", item.trim(), column[1], row.get(column[0]), cell(found, column[1]), tail);
                }
            }
        }
        for (Map<String, String> row : csv("t06-basic-expenditure-by-economic.csv")) {
            JsonNode found = row.get("group").equals("total") ? byName(tables.path("06"), row.get("name"), null)
                    : byCode(tables.path("06"), row.get("code"), null);
            r.compare("06", label(row), "决算数", row.get("amount_wan"), cell(found, "amount"), false);
        }
        for (Map<String, String> row : csv("t08-state-capital.csv")) {
            JsonNode found = row.get("code").isEmpty() ? tables.path("08").path("rows").get(0)
                    : byCode(tables.path("08"), row.get("code"), null);
            r.compare("08", label(row), "本年支出合计", row.get("total_wan"), cell(found, "total"), false);
            r.compare("08", label(row), "基本支出", row.get("basic_wan"), cell(found, "basic"), false);
            r.compare("08", label(row), "项目支出", row.get("project_wan"), cell(found, "project"), false);
        }
        assertThat(tables.path("07").path("empty").asBoolean()).as("公开07表 is empty").isTrue();
        Map<String, BigDecimal[]> threePublic = new HashMap<>();
        for (Map<String, String> row : csv("t09-three-public.csv")) {
            JsonNode found = byName(tables.path("09"), row.get("item"), null);
            r.compare("09", row.get("item"), "预算数", row.get("budget_wan"), cell(found, "budget"), false);
            r.compare("09", row.get("item"), "决算数", row.get("actual_wan"), cell(found, "actual"), false);
            threePublic.put(row.get("item"), new BigDecimal[] {number(cell(found, "budget")),
                    number(cell(found, "actual"))});
        }
        for (Map<String, String> row : csv("narrative-figures.csv")) {
            String figure = row.get("figure");
            BigDecimal[] all = threePublic.get("合计");
            BigDecimal[] reception = threePublic.get("公务接待费");
            BigDecimal[] cars = threePublic.get("公务用车购置及运行费");
            BigDecimal computed = switch (figure) {
                case "三公经费完成预算" -> percent(all[1], all[0]);
                case "公务接待费占三公" -> percent(reception[1], all[1]);
                case "公务接待费完成预算" -> percent(reception[1], reception[0]);
                case "公务用车占三公" -> percent(cars[1], all[1]);
                case "公务用车完成预算" -> percent(cars[1], cars[0]);
                default -> null;
            };
            if (computed != null) {
                r.compare("正文", figure, "%", row.get("value"), computed.toPlainString(), false);
            }
        }
        return r;
    }

    /** One line per compared cell: published, computed, difference; the table is printed on failure. */
    private static final class Reconciliation {
        private final List<String> lines = new ArrayList<>();
        private final List<String> mismatches = new ArrayList<>();
        private int compared;

        void compare(String table, String row, String column, String published, String computed, boolean tail) {
            compared++;
            BigDecimal want = number(published);
            BigDecimal got = number(computed);
            BigDecimal difference = got == null ? null : got.subtract(want);
            boolean equal = difference != null && difference.signum() == 0;
            boolean tolerated = !equal && tail && difference != null
                    && difference.abs().compareTo(new BigDecimal("0.01")) <= 0;
            String line = String.format("%-4s %-40s %-12s published %12s computed %12s difference %8s%s", table, row,
                    column, want, computed, difference, tolerated ? "  (seed contradiction: 03表 side matched)" : "");
            lines.add(line);
            if (!equal && !tolerated) {
                mismatches.add(line);
            }
        }

        List<String> mismatches() {
            return mismatches;
        }

        String table() {
            return "reconciliation (" + compared + " cells, " + mismatches.size() + " differ):\n"
                    + String.join("\n", lines);
        }
    }

    // --- reading the service ---

    private JsonNode report(String asOf) {
        return get("/api/v1/reports/final-accounts?fiscalYear=2024&departmentCode=" + DEPARTMENT + "&unit=wan"
                + (asOf == null ? "" : "&asOf=" + asOf));
    }

    private JsonNode reportKnownAt(Instant knownAt) {
        return get("/api/v1/reports/final-accounts?fiscalYear=2024&departmentCode=" + DEPARTMENT
                + "&unit=wan&knownAt=" + knownAt);
    }

    private List<JsonNode> rates(String groupBy, String asOf) {
        return rows(get("/api/v1/execution-rates?fiscalYear=2024&departmentCode=" + DEPARTMENT + "&groupBy=" + groupBy
                + (asOf == null ? "" : "&asOf=" + asOf)));
    }

    private List<JsonNode> ratesKnownAt(String asOf, Instant knownAt) {
        return rows(get("/api/v1/execution-rates?fiscalYear=2024&departmentCode=" + DEPARTMENT
                + "&groupBy=functionalItem&asOf=" + asOf + "&knownAt=" + knownAt));
    }

    /** Reads once the read model has the whole dataset: each try waits up to ledger.read.max-wait. */
    private JsonNode get(String path) {
        LedgerClient.Answer answer = client.get(path + "&minSequence=" + loadedAt);
        for (int tries = 0; answer.status() == 503 && tries < 30; tries++) {
            answer = client.get(path + "&minSequence=" + loadedAt);
        }
        assertThat(answer.status()).as("%s: %s", path, answer.body()).isEqualTo(200);
        return answer.body();
    }

    private static List<JsonNode> rows(JsonNode answer) {
        List<JsonNode> rows = new ArrayList<>();
        answer.path("rows").forEach(rows::add);
        return rows;
    }

    private static BigDecimal spent(List<JsonNode> rows, String item) {
        return rows.stream().filter(r -> item.equals(r.path("key").path("functionalItem").asText()))
                .map(r -> new BigDecimal(r.path("spent").asText())).findFirst().orElse(BigDecimal.ZERO);
    }

    private static String totalRate(Map<String, JsonNode> byKind) {
        BigDecimal spent = BigDecimal.ZERO;
        BigDecimal initial = BigDecimal.ZERO;
        for (JsonNode row : byKind.values()) {
            spent = spent.add(new BigDecimal(row.path("spent").asText()));
            initial = initial.add(new BigDecimal(row.path("initialBudget").asText()));
        }
        return percent(spent, initial).toPlainString();
    }

    private BigDecimal yuanCell(String table, String code, String column) {
        JsonNode yuan = get("/api/v1/reports/final-accounts?fiscalYear=2024&departmentCode=" + DEPARTMENT + "&unit=yuan");
        return number(cell(byCode(yuan.path("tables").path(table), code, null), column));
    }

    private static JsonNode byCode(JsonNode table, String code, String section) {
        for (JsonNode row : table.path("rows")) {
            if (code.equals(row.path("code").asText(null))
                    && (section == null || section.equals(row.path("section").asText()))) {
                return row;
            }
        }
        return null;
    }

    private static JsonNode byName(JsonNode table, String name, String section) {
        for (JsonNode row : table.path("rows")) {
            if (row.path("name").asText().equals(name)
                    && (section == null || section.equals(row.path("section").asText()))) {
                return row;
            }
        }
        return null;
    }

    private static String cell(JsonNode row, String column) {
        return row == null ? null : row.path("cells").path(column).asText(null);
    }

    // --- the dataset and the published figures ---

    /** Spent per 项 up to a date, summed straight from the dataset file (expenditures less reversals). */
    private static Map<String, BigDecimal> spentPerItemUpTo(LocalDate date) throws IOException {
        JsonNode postings = JSON.readTree(resource("/demo/liaoning-miit-2024.json")).path("postings");
        Map<String, String> itemOf = new HashMap<>();
        Map<String, String> expenditureItem = new HashMap<>();
        Map<String, BigDecimal> spent = new HashMap<>();
        for (JsonNode p : postings) {
            switch (p.path("type").asText()) {
                case "APPROPRIATION" -> itemOf.put(p.path("indicatorId").asText(),
                        p.path("fiscalYear").asInt() + ":" + p.path("functionalCode").asText());
                case "CARRY_FORWARD" -> itemOf.put(p.path("targetIndicatorId").asText(),
                        "2024:" + itemOf.get(p.path("indicatorId").asText()).substring(5));
                case "EXPENDITURE", "REVERSAL" -> {
                    boolean reversal = p.path("type").asText().equals("REVERSAL");
                    String item = reversal ? expenditureItem.get(p.path("expenditureId").asText())
                            : itemOf.get(p.path("indicatorId").asText());
                    if (!reversal) {
                        expenditureItem.put(p.path("expenditureId").asText(), item);
                    }
                    if (item.startsWith("2024:") && !LocalDate.parse(p.path("effectiveDate").asText()).isAfter(date)) {
                        BigDecimal amount = new BigDecimal(p.path("amount").asText());
                        spent.merge(item.substring(5), reversal ? amount.negate() : amount, BigDecimal::add);
                    }
                }
                default -> { }
            }
        }
        return spent;
    }

    private static String juneExpenditureOn(String item) throws IOException {
        JsonNode postings = JSON.readTree(resource("/demo/liaoning-miit-2024.json")).path("postings");
        Map<String, String> itemOf = new HashMap<>();
        for (JsonNode p : postings) {
            if (p.path("type").asText().equals("APPROPRIATION") && p.path("fiscalYear").asInt() == 2024) {
                itemOf.put(p.path("indicatorId").asText(), p.path("functionalCode").asText());
            }
            if (p.path("type").asText().equals("EXPENDITURE") && p.path("effectiveDate").asText().startsWith("2024-06")
                    && item.equals(itemOf.get(p.path("indicatorId").asText()))
                    && new BigDecimal(p.path("amount").asText()).compareTo(new BigDecimal("1234.56")) > 0) {
                return p.path("expenditureId").asText();
            }
        }
        throw new AssertionError("the dataset has no June expenditure on " + item);
    }

    private static List<Map<String, String>> csv(String name) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(resource("/reference/" + name),
                StandardCharsets.UTF_8))) {
            String[] header = reader.readLine().split(",", -1);
            String line;
            while ((line = reader.readLine()) != null) {
                String[] cells = line.split(",", -1);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) {
                    row.put(header[i], i < cells.length ? cells[i] : "");
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static InputStream resource(String path) {
        InputStream in = SeedAccountsAcceptanceTest.class.getResourceAsStream(path);
        assertThat(in).as(path).isNotNull();
        return in;
    }

    private static String label(Map<String, String> row) {
        return (row.get("code") == null || row.get("code").isEmpty() ? "" : row.get("code") + " ") + row.get("name");
    }

    private static BigDecimal number(String text) {
        return text == null || text.isBlank() ? (text == null ? null : BigDecimal.ZERO) : new BigDecimal(text.trim());
    }

    private static BigDecimal percent(BigDecimal part, BigDecimal base) {
        return part.multiply(BigDecimal.valueOf(100)).divide(base, 2, RoundingMode.HALF_UP);
    }
}
