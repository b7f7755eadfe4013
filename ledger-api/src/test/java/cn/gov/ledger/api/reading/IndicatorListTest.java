package cn.gov.ledger.api.reading;

import static cn.gov.ledger.api.testing.Postings.appropriation;
import static cn.gov.ledger.api.testing.Postings.carryForward;
import static cn.gov.ledger.api.testing.Postings.expenditure;
import static cn.gov.ledger.api.testing.Postings.income;
import static cn.gov.ledger.api.testing.ProblemAssertions.assertProblem;
import static cn.gov.ledger.api.testing.ProblemAssertions.errorFields;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.LedgerIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /api/v1/indicators: filters, keyset paging under concurrent postings, time slices, bad input. */
class IndicatorListTest extends LedgerIntegrationTest {

    /**
     * One department of two units: in the first a BASIC indicator under 2150501 (carried forward, so
     * closed, into next year's) and a PROJECT one under 2150517; in the second a BASIC one under 2080101.
     */
    private record Department(String code, String unit, String otherUnit, String basic, String project,
                              String otherBasic, String nextYear, String projectCode) {
    }

    private Department department() {
        String unit = newUnit();
        String department = "D" + unit;
        String otherUnit = LedgerClient.id("U");
        client.put("/api/v1/units/" + otherUnit,
                Map.of("name", "第二单位", "departmentCode", department, "departmentName", "测试部门")).expect(201);

        String basic = newIndicator(unit, "1000.00");
        client.post("/api/v1/indicators/" + basic + "/incomes", income(LedgerClient.id("INC"), "1000.00")).expect(201);
        client.post("/api/v1/expenditures", expenditure(LedgerClient.id("EXP"), basic, "300.00")).expect(201);
        String nextYear = LedgerClient.id("IND");
        client.post("/api/v1/indicators/" + basic + "/carry-forward", carryForward(nextYear, null, "CARRY"))
                .expect(201);

        String project = LedgerClient.id("IND");
        String projectCode = "P-" + project;
        Map<String, Object> body = appropriation(project, unit, "500.00");
        body.put("kind", "PROJECT");
        body.put("projectCode", projectCode);
        body.put("projectName", "产业发展专项");
        body.put("functionalCode", "2150517");
        client.post("/api/v1/indicators", body).expect(201);
        client.post("/api/v1/expenditures", expenditure(LedgerClient.id("EXP"), project, "120.50")).expect(201);

        String otherBasic = LedgerClient.id("IND");
        Map<String, Object> other = appropriation(otherBasic, otherUnit, "800.00");
        other.put("functionalCode", "2080101");
        client.post("/api/v1/indicators", other).expect(201);
        return new Department(department, unit, otherUnit, basic, project, otherBasic, nextYear, projectCode);
    }

    @Test
    void eachFilterNarrowsTheList() {
        Department d = department();
        String dept = "fiscalYear=2024&departmentCode=" + d.code();

        assertThat(ids(dept)).containsExactlyElementsOf(sorted(d.basic(), d.project(), d.otherBasic()));
        assertThat(ids("fiscalYear=2024&unitCode=" + d.unit())).containsExactlyElementsOf(sorted(d.basic(), d.project()));
        assertThat(ids("fiscalYear=2024&unitCode=" + d.otherUnit())).containsExactly(d.otherBasic());
        assertThat(ids("fiscalYear=2025&departmentCode=" + d.code())).containsExactly(d.nextYear());
        assertThat(ids(dept + "&functionalCode=215")).containsExactlyElementsOf(sorted(d.basic(), d.project()));
        assertThat(ids(dept + "&functionalCode=21505")).containsExactlyElementsOf(sorted(d.basic(), d.project()));
        assertThat(ids(dept + "&functionalCode=2150517")).containsExactly(d.project());
        assertThat(ids(dept + "&functionalCode=208")).containsExactly(d.otherBasic());
        assertThat(ids(dept + "&kind=PROJECT")).containsExactly(d.project());
        assertThat(ids(dept + "&kind=BASIC")).containsExactlyElementsOf(sorted(d.basic(), d.otherBasic()));
        assertThat(ids(dept + "&kind=OPERATING")).isEmpty();
        assertThat(ids(dept + "&projectCode=" + d.projectCode())).containsExactly(d.project());
        assertThat(ids(dept + "&status=CLOSED")).containsExactly(d.basic());
        assertThat(ids(dept + "&status=OPEN")).containsExactlyElementsOf(sorted(d.project(), d.otherBasic()));
        assertThat(ids(dept + "&kind=BASIC&status=OPEN")).containsExactly(d.otherBasic());
        // a carry-forward effective on 2024-12-31 has not closed its indicator as of the day before
        assertThat(ids(dept + "&status=CLOSED&asOf=2024-12-30")).isEmpty();
        // of every department and unit of the year
        assertThat(ids("fiscalYear=2024&projectCode=" + d.projectCode())).containsExactly(d.project());
    }

    @Test
    void rowsAreWhatTheSingleReadAnswers() {
        Department d = department();
        Instant knownAt = LedgerClient.knownAtBetweenPostings();
        client.post("/api/v1/expenditures", expenditure(LedgerClient.id("EXP"), d.project(), "10.00")).expect(201);
        for (String slice : List.of("", "&asOf=2024-01-31", "&asOf=2024-12-30", "&knownAt=" + knownAt,
                "&asOf=2024-01-31&knownAt=" + knownAt)) {
            JsonNode rows = list("fiscalYear=2024&departmentCode=" + d.code() + slice).body().path("rows");
            assertThat(rows).hasSize(3);
            for (JsonNode row : rows) {
                String id = row.path("indicatorId").asText();
                ObjectNode single = (ObjectNode) client.get("/api/v1/indicators/" + id + "?minSequence=" + head()
                        + slice).expect(200).body();
                single.remove(List.of("asOf", "knownAt", "sequence"));
                assertThat(row).as("%s%s", id, slice).isEqualTo(single);
            }
        }
        JsonNode project = list("fiscalYear=2024&projectCode=" + d.projectCode()).body().path("rows").get(0);
        assertThat(project.path("spent").asText()).isEqualTo("130.50");
        assertThat(project.path("budget").asText()).isEqualTo("500.00");
        assertThat(project.path("projectName").asText()).isEqualTo("产业发展专项");
        JsonNode closed = list("fiscalYear=2024&status=CLOSED&unitCode=" + d.unit()).body().path("rows").get(0);
        assertThat(closed.path("fundsBalance").asText()).isEqualTo("700.00");
    }

    @Test
    void pagesListEveryIndicatorOnceWhileIndicatorsAndPostingsArrive() {
        String unit = newUnit();
        String prefix = LedgerClient.id("IND");
        List<String> existing = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            existing.add(appropriate(prefix + "-" + i, unit, "100.00"));
        }
        String query = "fiscalYear=2024&unitCode=" + unit + "&limit=3";

        LedgerClient.Answer first = list(query);
        List<String> seen = new ArrayList<>(ids(first));
        assertThat(seen).containsExactlyElementsOf(existing.subList(0, 3));
        // between pages: an indicator before the cursor, one after it, and postings on both sides
        appropriate(prefix + "-0", unit, "100.00");
        String late = appropriate(prefix + "-9", unit, "100.00");
        client.post("/api/v1/expenditures", expenditure(LedgerClient.id("EXP"), existing.get(0), "1.00")).expect(201);
        client.post("/api/v1/expenditures", expenditure(LedgerClient.id("EXP"), existing.get(6), "2.00")).expect(201);

        LedgerClient.Answer second = list(query + "&cursor=" + first.text("nextCursor"));
        seen.addAll(ids(second));
        appropriate(prefix + "-5a", unit, "100.00"); // behind the cursor now
        LedgerClient.Answer third = list(query + "&cursor=" + second.text("nextCursor"));
        seen.addAll(ids(third));

        assertThat(third.body().path("nextCursor").isNull()).as("the last page: %s", third.body()).isTrue();
        List<String> expected = new ArrayList<>(existing);
        expected.add(late);
        assertThat(seen).as("every indicator once, in id order").containsExactlyElementsOf(expected);
        assertThat(third.body().path("rows").get(0).path("spent").asText())
                .as("a page shows postings made before it").isEqualTo("2.00");
        assertThat(first.body().path("sequence").asLong()).isLessThan(third.body().path("sequence").asLong());
        for (String field : List.of("asOf", "knownAt")) {
            assertThat(first.body().has(field)).as(field).isTrue();
        }
    }

    @Test
    void anIndicatorIsListedFromItsAppropriationAsOfAndAsKnown() {
        String unit = newUnit();
        String january = newIndicator(unit, "100.00");
        Instant knownAt = LedgerClient.knownAtBetweenPostings();
        String june = LedgerClient.id("IND");
        Map<String, Object> body = appropriation(june, unit, "200.00");
        body.put("effectiveDate", "2024-06-01");
        body.put("initial", false);
        client.post("/api/v1/indicators", body).expect(201);
        String query = "fiscalYear=2024&unitCode=" + unit;

        assertThat(ids(query)).containsExactlyElementsOf(sorted(january, june));
        assertThat(ids(query + "&asOf=2024-05-31")).containsExactly(january);
        assertThat(ids(query + "&asOf=2024-06-01")).containsExactlyElementsOf(sorted(january, june));
        assertThat(ids(query + "&knownAt=" + knownAt)).containsExactly(january);
        assertThat(ids(query + "&asOf=2024-01-04")).isEmpty();
        LedgerClient.Answer answer = list(query + "&asOf=2024-05-31&knownAt=" + knownAt);
        assertThat(answer.text("asOf")).isEqualTo("2024-05-31");
        assertThat(Instant.parse(answer.text("knownAt"))).isEqualTo(knownAt);
    }

    @Test
    void badParametersAreRefusedWithStableCodes() {
        String unit = newUnit();
        newIndicator(unit, "100.00");
        String query = "/api/v1/indicators?fiscalYear=2024&unitCode=" + unit;

        LedgerClient.Answer noYear = client.get("/api/v1/indicators?unitCode=" + unit);
        assertProblem(noYear, 400, "VALIDATION_FAILED");
        assertThat(errorFields(noYear)).containsExactly("fiscalYear");
        for (String limit : List.of("0", "-1", "1001", "many")) {
            LedgerClient.Answer answer = client.get(query + "&limit=" + limit);
            assertProblem(answer, 400, "VALIDATION_FAILED");
            assertThat(errorFields(answer)).as("limit=%s", limit).containsExactly("limit");
        }
        for (String parameter : List.of("kind=CAPITAL", "status=open", "functionalCode=2150", "functionalCode=21505x",
                "departmentCode=D" + unit)) {
            LedgerClient.Answer answer = client.get(query + "&" + parameter);
            assertProblem(answer, 400, "VALIDATION_FAILED");
            assertThat(errorFields(answer)).as(parameter).containsExactly(parameter.substring(0, parameter.indexOf('=')));
        }
        String notOurs = Base64.getUrlEncoder().encodeToString("IND-1".getBytes(StandardCharsets.UTF_8));
        for (String cursor : List.of("!!!", "", notOurs, Base64.getUrlEncoder().encodeToString(new byte[] {(byte) 0xff}))) {
            assertProblem(client.get(query + "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), 400,
                    "INVALID_CURSOR");
        }
        String written = query + "&minSequence=" + head();
        assertThat(client.get(written + "&limit=1000").expect(200).body().path("rows")).hasSize(1);
        assertThat(new LedgerClient(port, VIEWER_KEY).get(written).expect(200).body().path("rows")).hasSize(1);
    }

    private String appropriate(String indicator, String unit, String amount) {
        client.post("/api/v1/indicators", appropriation(indicator, unit, amount)).expect(201);
        return indicator;
    }

    private LedgerClient.Answer list(String query) {
        return client.get("/api/v1/indicators?" + query + "&minSequence=" + head()).expect(200);
    }

    private List<String> ids(String query) {
        LedgerClient.Answer answer = list(query);
        assertThat(answer.body().path("nextCursor").isNull()).as("one page: %s", answer.body()).isTrue();
        return ids(answer);
    }

    private static List<String> ids(LedgerClient.Answer answer) {
        List<String> ids = new ArrayList<>();
        answer.body().path("rows").forEach(row -> ids.add(row.path("indicatorId").asText()));
        return ids;
    }

    private static List<String> sorted(String... ids) {
        return Arrays.stream(ids).sorted().toList();
    }
}
