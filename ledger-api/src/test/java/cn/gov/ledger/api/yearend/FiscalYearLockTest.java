package cn.gov.ledger.api.yearend;

import static cn.gov.ledger.api.testing.Postings.appropriation;
import static cn.gov.ledger.api.testing.Postings.expenditure;
import static cn.gov.ledger.api.testing.Postings.income;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.LedgerIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A closed year is locked (FISCAL_YEAR_CLOSED) until an ADMIN reopens it; a close can be previewed
 * (dryRun), lists what cannot close, and its record answers later (the carry-forward report).
 */
class FiscalYearLockTest extends LedgerIntegrationTest {

    @Test
    void aClosedYearRefusesPostingsUntilReopenedAndClosingAgainDecidesOnlyWhatChanged() {
        String unit = newUnit();
        String funded = newIndicator(unit, "1000.00");
        client.post("/api/v1/indicators/" + funded + "/incomes", income(LedgerClient.id("I"), "300.00")).expect(201);
        String paid = LedgerClient.id("E");
        client.post("/api/v1/expenditures", expenditure(paid, funded, "100.00")).expect(201);
        String empty = newIndicator(unit, "50.00");
        Instant beforeClose = LedgerClient.knownAtBetweenPostings();
        long before = head();

        JsonNode close = client.post("/api/v1/fiscal-years/2024/close", Map.of("unitCode", unit)).expect(200).body();
        assertThat(close.path("carriedForward").asInt()).isEqualTo(1);
        assertThat(close.path("closedNothingToCarry").asInt()).isEqualTo(1);
        long closedAt = close.path("sequence").asLong();
        assertThat(readIndicator(funded + "-2025", closedAt).text("carriedIn")).isEqualTo("200.00");
        // nothing to carry: no next-year shell, and the indicator is closed by the year's lock
        assertThat(readIndicator(empty + "-2025", closedAt).status()).isEqualTo(404);

        Snapshot locked = snapshot(empty);
        for (LedgerClient.Answer refused : List.of(
                client.post("/api/v1/indicators/" + empty + "/incomes", income(LedgerClient.id("I"), "10.00")),
                client.post("/api/v1/indicators", appropriation(LedgerClient.id("IND"), unit, "20.00")),
                // a correction has no effective date of its own: its indicator's year decides
                client.post("/api/v1/indicators/" + empty + "/appropriation-corrections", Map.of(
                        "correctionId", LedgerClient.id("C"), "correctedAmount", "40.00", "reason", "录入错误")),
                // nor has a move that keeps its expenditure's date
                client.post("/api/v1/expenditures/" + paid + "/moves", Map.of(
                        "moveId", LedgerClient.id("M"), "toIndicatorId", empty, "reason", "调账")))) {
            assertThat(refused.status()).as("%s", refused.body()).isEqualTo(409);
            assertThat(refused.code()).isEqualTo("FISCAL_YEAR_CLOSED");
        }
        assertNothingWrittenSince(locked);
        Map<String, Object> nextYear = expenditure(LedgerClient.id("E"), funded + "-2025", "30.00");
        nextYear.put("effectiveDate", "2025-02-01");
        client.post("/api/v1/expenditures", nextYear).expect(201);
        JsonNode repeat = client.post("/api/v1/fiscal-years/2024/close", Map.of("unitCode", unit)).expect(200).body();
        assertThat(repeat.path("alreadyClosed").asBoolean()).isTrue();

        LedgerClient poster = new LedgerClient(port, POSTER_KEY);
        assertThat(poster.post("/api/v1/fiscal-years/2024/reopen", Map.of("unitCode", unit, "reason", "x")).status())
                .isEqualTo(403);
        assertThat(client.post("/api/v1/fiscal-years/2024/reopen", Map.of("unitCode", unit)).code())
                .isEqualTo("VALIDATION_FAILED");
        client.post("/api/v1/fiscal-years/2024/reopen", Map.of("unitCode", unit, "reason", "审计调整")).expect(200);
        assertThat(client.post("/api/v1/fiscal-years/2024/reopen", Map.of("unitCode", unit, "reason", "again")).code())
                .isEqualTo("FISCAL_YEAR_NOT_CLOSED");
        JsonNode trail = client.get("/api/v1/audit/events?afterSequence=" + before).expect(200).body();
        assertThat(trail.path("rows").findValuesAsText("type")).contains("FiscalYearClosed", "FiscalYearReopened");
        String late = newIndicator(unit, "80.00");
        client.post("/api/v1/indicators/" + late + "/incomes", income(LedgerClient.id("I"), "80.00")).expect(201);
        JsonNode report = client.get("/api/v1/reports/final-accounts?fiscalYear=2024&unitCode=" + unit
                + "&minSequence=" + head()).expect(200).body();
        assertThat(report.path("reopened").asBoolean()).isTrue();
        assertThat(report.path("closedAtSequence").asLong()).isEqualTo(closedAt);
        assertThat(report.path("sequence").asLong()).isGreaterThan(closedAt);

        JsonNode again = client.post("/api/v1/fiscal-years/2024/close", Map.of("unitCode", unit)).expect(200).body();
        assertThat(again.path("decisions").findValuesAsText("indicatorId")).containsExactly(late);
        assertThat(readIndicator(late + "-2025", again.path("sequence").asLong()).text("carriedIn")).isEqualTo("80.00");
        assertThat(client.get("/api/v1/reports/final-accounts?fiscalYear=2024&unitCode=" + unit).body()
                .path("reopened").asBoolean()).isFalse();

        JsonNode record = client.get("/api/v1/reports/carry-forward?fiscalYear=2024&unitCode=" + unit).expect(200).body();
        assertThat(record.path("records").findValuesAsText("event")).containsExactly("CLOSED", "REOPENED", "CLOSED");
        assertThat(record.path("records").get(1).path("reason").asText()).isEqualTo("审计调整");
        JsonNode first = record.path("records").get(0).path("decisions");
        assertThat(first).isEqualTo(close.path("decisions"));
        assertThat(client.get("/api/v1/reports/carry-forward?fiscalYear=2024&unitCode=" + unit + "&knownAt="
                + beforeClose).body().path("records")).isEmpty();
        LedgerClient.Answer csv = client.get("/api/v1/reports/carry-forward?fiscalYear=2024&format=csv&unitCode=" + unit);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.raw().body()).contains("sequence,recordedAt,event,by,indicatorId,outcome")
                .contains(funded + ",CARRIED_FORWARD,200.00,200.00,0.00,0.00," + funded + "-2025")
                .contains(empty + ",CLOSED_NOTHING_TO_CARRY").contains("REOPENED").contains("审计调整");
        LedgerClient.Answer xlsx = client.get("/api/v1/reports/carry-forward?fiscalYear=2024&format=xlsx&unitCode=" + unit);
        assertThat(xlsx.status()).isEqualTo(200);
        assertThat(xlsx.raw().headers().firstValue("Content-Type").orElse("")).contains("spreadsheetml");
        assertThat(new LedgerClient(port, SCOPED_VIEWER_KEY).get("/api/v1/reports/carry-forward?fiscalYear=2024&unitCode="
                + unit).status()).isEqualTo(403);
    }

    @Test
    void aDryRunWritesNothingAndIsWhatTheCloseDoesWhichClosesTheRestBesideWhatCannotClose() {
        String unit = newUnit();
        String funded = newIndicator(unit, "1000.00");
        client.post("/api/v1/indicators/" + funded + "/incomes", income(LedgerClient.id("I"), "300.00")).expect(201);
        String overspent = newIndicator(unit, "500.00");
        client.post("/api/v1/expenditures", expenditure(LedgerClient.id("E"), overspent, "120.00")).expect(201);
        String empty = newIndicator(unit, "50.00");
        String stranger = newIndicator(unit, "1.00");
        Map<String, Object> order = Map.of("unitCode", unit);

        long events = eventCount();
        JsonNode preview = client.post("/api/v1/fiscal-years/2024/close?dryRun=true", order).expect(200).body();
        assertThat(eventCount()).isEqualTo(events);
        assertThat(preview.path("dryRun").asBoolean()).isTrue();
        assertThat(outcomes(preview)).containsExactlyInAnyOrder(funded + " CARRIED_FORWARD",
                overspent + " NOT_CLOSABLE", empty + " CLOSED_NOTHING_TO_CARRY", stranger + " CLOSED_NOTHING_TO_CARRY");
        JsonNode notClosable = decision(preview, overspent);
        assertThat(notClosable.path("reason").asText()).isEqualTo("CARRY_FORWARD_SPLIT_INVALID");
        assertThat(notClosable.path("remedy").asText()).contains("record income of 120.00")
                .contains("reverse expenditure of 120.00");
        assertThat(decision(preview, funded).path("carryOver").asText()).isEqualTo("300.00");
        assertThat(decision(preview, funded).path("targetIndicatorId").asText()).isEqualTo(funded + "-2025");

        // a target that is not next year's indicator of the same attributes is foreseen too
        JsonNode badTarget = client.post("/api/v1/fiscal-years/2024/close?dryRun=true", Map.of("unitCode", unit,
                "overrides", List.of(Map.of("indicatorId", funded, "targetIndicatorId", stranger)))).expect(200).body();
        assertThat(decision(badTarget, funded).path("reason").asText()).isEqualTo("CARRY_FORWARD_TARGET_INVALID");
        assertThat(client.post("/api/v1/fiscal-years/2024/close", Map.of("unitCode", unit, "effectiveDate",
                "2025-01-01")).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(eventCount()).isEqualTo(events);

        Map<String, Object> atomic = Map.of("unitCode", unit, "atomic", true);
        LedgerClient.Answer refused = client.post("/api/v1/fiscal-years/2024/close", atomic);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("FISCAL_YEAR_NOT_CLOSABLE");
        assertThat(refused.body().path("notClosable").findValuesAsText("indicatorId")).containsExactly(overspent);
        assertThat(eventCount()).isEqualTo(events);

        JsonNode close = client.post("/api/v1/fiscal-years/2024/close", order).expect(200).body();
        assertThat(close.path("decisions")).isEqualTo(preview.path("decisions"));
        assertThat(close.path("notClosable").asInt()).isEqualTo(1);
        long sequence = close.path("sequence").asLong();
        assertThat(readIndicator(funded + "-2025", sequence).text("carriedIn")).isEqualTo("300.00");
        assertThat(readIndicator(empty + "-2025", sequence).status()).isEqualTo(404);
        assertThat(readIndicator(overspent, sequence).text("status")).isNotEqualTo("CLOSED");

        // what the remedy says makes it closable; the indicators closed with nothing are not decided again
        client.post("/api/v1/fiscal-years/2024/reopen", Map.of("unitCode", unit, "reason", "补录收入")).expect(200);
        client.post("/api/v1/indicators/" + overspent + "/incomes", income(LedgerClient.id("I"), "120.00")).expect(201);
        JsonNode again = client.post("/api/v1/fiscal-years/2024/close", order).expect(200).body();
        assertThat(outcomes(again)).containsExactly(overspent + " CLOSED_NOTHING_TO_CARRY");
    }

    @Test
    void aDepartmentsCloseLocksEveryUnitOfItForThatYearOnly() {
        String unit = newUnit();
        String department = "D" + unit;
        String other = LedgerClient.id("U");
        client.put("/api/v1/units/" + other, Map.of("name", "测试单位二", "departmentCode", department,
                "departmentName", "测试部门")).expect(201);
        newIndicator(unit, "10.00");
        client.post("/api/v1/fiscal-years/2024/close", Map.of("departmentCode", department)).expect(200);

        Snapshot before = snapshot();
        LedgerClient.Answer refused = client.post("/api/v1/indicators", appropriation(LedgerClient.id("IND"), other, "5.00"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("FISCAL_YEAR_CLOSED");
        assertThat(refused.body().path("departmentCode").asText()).isEqualTo(department);
        assertNothingWrittenSince(before);
        Map<String, Object> nextYear = appropriation(LedgerClient.id("IND"), other, "5.00");
        nextYear.put("fiscalYear", 2025);
        nextYear.put("effectiveDate", "2025-01-05");
        client.post("/api/v1/indicators", nextYear).expect(201);
    }

    private static List<String> outcomes(JsonNode answer) {
        List<String> outcomes = new ArrayList<>();
        answer.path("decisions").forEach(d -> outcomes.add(d.path("indicatorId").asText() + " "
                + d.path("outcome").asText()));
        return outcomes;
    }

    private static JsonNode decision(JsonNode answer, String indicatorId) {
        for (JsonNode d : answer.path("decisions")) {
            if (d.path("indicatorId").asText().equals(indicatorId)) {
                return d;
            }
        }
        throw new AssertionError("no decision for " + indicatorId + " in " + answer);
    }
}
