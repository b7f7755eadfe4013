package cn.gov.ledger.api.posting;

import static cn.gov.ledger.api.testing.Postings.adjustment;
import static cn.gov.ledger.api.testing.Postings.batch;
import static cn.gov.ledger.api.testing.Postings.carryForward;
import static cn.gov.ledger.api.testing.Postings.expenditure;
import static cn.gov.ledger.api.testing.Postings.income;
import static cn.gov.ledger.api.testing.Postings.incomeItem;
import static cn.gov.ledger.api.testing.Postings.item;
import static cn.gov.ledger.api.testing.ProblemAssertions.assertProblem;
import static cn.gov.ledger.api.testing.ProblemAssertions.errorFields;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.LedgerIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The two corrections of issue 25 over HTTP: 收入冲销 ({@code POST /api/v1/incomes/{incomeId}/reversals})
 * and 更正指标金额 ({@code POST /api/v1/indicators/{indicatorId}/appropriation-corrections}), each
 * idempotent by its id, in the audit trail, in batches, and refused with its code without a trace.
 */
class CorrectionPostingTest extends LedgerIntegrationTest {

    private static Map<String, Object> incomeReversal(String reversalId, String amount, String effectiveDate) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reversalId", reversalId);
        if (amount != null) {
            body.put("amount", amount);
        }
        body.put("reason", "退回多拨款");
        body.put("effectiveDate", effectiveDate);
        return body;
    }

    private static Map<String, Object> correction(String correctionId, String correctedAmount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("correctionId", correctionId);
        body.put("correctedAmount", correctedAmount);
        body.put("reason", "年初预算录入错误");
        body.put("documentRef", "更正〔2024〕1号");
        return body;
    }

    private String receive(String indicator, String amount) {
        String incomeId = LedgerClient.id("INC");
        client.post("/api/v1/indicators/" + indicator + "/incomes", income(incomeId, amount)).expect(201);
        return incomeId;
    }

    private LedgerClient.Answer reverseIncome(String incomeId, Map<String, Object> body) {
        return client.post("/api/v1/incomes/" + incomeId + "/reversals", body);
    }

    private LedgerClient.Answer correct(String indicator, Map<String, Object> body) {
        return client.post("/api/v1/indicators/" + indicator + "/appropriation-corrections", body);
    }

    private LedgerClient.Answer read(String indicator, String query) {
        return client.get("/api/v1/indicators/" + indicator + "?minSequence=" + head() + query).expect(200);
    }

    private LedgerClient.Answer rejectedWithoutTrace(String indicator, Supplier<LedgerClient.Answer> request,
                                                    int status, String code) {
        Snapshot before = snapshot(indicator);
        LedgerClient.Answer answer = request.get();
        assertProblem(answer, status, code);
        assertNothingWrittenSince(before);
        return answer;
    }

    private JsonNode lastAuditEvent(String indicator) {
        JsonNode rows = client.get("/api/v1/audit/events?indicatorId=" + indicator).expect(200).body().path("rows");
        return rows.get(rows.size() - 1);
    }

    // ------------------------------------------------------------------ 收入冲销

    @Test
    void anIncomeIsReversedInPartThenWhollyFromItsDateOnAndOnlyOnce() {
        String indicator = newIndicator(newUnit(), "1000.00");
        String incomeId = receive(indicator, "800.00");
        String reversalId = LedgerClient.id("IREV");
        Map<String, Object> part = incomeReversal(reversalId, "300.00", "2024-06-01");

        LedgerClient.Answer reversed = reverseIncome(incomeId, part).expect(201);

        assertThat(reversed.text("type")).isEqualTo("INCOME_REVERSAL");
        assertThat(reversed.text("postingId")).isEqualTo(reversalId);
        assertThat(reversed.text("indicatorId")).isEqualTo(indicator);
        assertThat(read(indicator, "").text("income")).isEqualTo("500.00");
        assertThat(read(indicator, "").text("fundsBalance")).isEqualTo("500.00");
        assertThat(read(indicator, "&asOf=2024-05-31").text("income")).isEqualTo("800.00");
        assertThat(read(indicator, "&asOf=2024-06-01").text("income")).isEqualTo("500.00");

        // the same reversal again answers the same; other content under its id is a conflict
        LedgerClient.Answer repeated = reverseIncome(incomeId, part).expect(200);
        assertThat(repeated.body()).isEqualTo(reversed.body());
        rejectedWithoutTrace(indicator, () -> reverseIncome(incomeId, incomeReversal(reversalId, "300.01",
                "2024-06-01")), 409, "ID_CONFLICT");

        // no amount: what is left; then nothing is left
        reverseIncome(incomeId, incomeReversal(LedgerClient.id("IREV"), null, "2024-07-01")).expect(201);
        assertThat(read(indicator, "").text("income")).isEqualTo("0.00");
        LedgerClient.Answer nothingLeft = rejectedWithoutTrace(indicator, () -> reverseIncome(incomeId,
                incomeReversal(LedgerClient.id("IREV"), "0.01", "2024-07-01")), 409, "REVERSAL_EXCEEDS_INCOME");
        assertThat(nothingLeft.text("leftToReverse")).isEqualTo("0.00");

        JsonNode audited = lastAuditEvent(indicator);
        assertThat(audited.path("type").asText()).isEqualTo("IncomeReversed");
        assertThat(audited.path("effectiveDate").asText()).isEqualTo("2024-07-01");
        assertThat(audited.path("payload").path("incomeId").asText()).isEqualTo(incomeId);
        assertThat(sumsOfEvents(indicator)).containsEntry("income", 0L);
    }

    @Test
    void anIncomeReversalIsRefusedWithItsCodeAndLeavesNoTrace() {
        String unit = newUnit();
        String indicator = newIndicator(unit, "1000.00");
        String incomeId = receive(indicator, "800.00");

        LedgerClient.Answer tooMuch = rejectedWithoutTrace(indicator, () -> reverseIncome(incomeId,
                incomeReversal(LedgerClient.id("IREV"), "800.01", "2024-06-01")), 409, "REVERSAL_EXCEEDS_INCOME");
        assertThat(tooMuch.text("leftToReverse")).isEqualTo("800.00");
        LedgerClient.Answer early = rejectedWithoutTrace(indicator, () -> reverseIncome(incomeId,
                incomeReversal(LedgerClient.id("IREV"), "1.00", "2024-02-29")), 422, "EFFECTIVE_DATE_BEFORE_INCOME");
        assertThat(early.text("incomeDate")).isEqualTo("2024-03-01");
        rejectedWithoutTrace(indicator, () -> reverseIncome(incomeId,
                incomeReversal(LedgerClient.id("IREV"), "1.00", "2025-01-01")), 422,
                "EFFECTIVE_DATE_OUTSIDE_FISCAL_YEAR");
        rejectedWithoutTrace(indicator, () -> reverseIncome(LedgerClient.id("NO-INC"),
                incomeReversal(LedgerClient.id("IREV"), "1.00", "2024-06-01")), 404, "INCOME_NOT_FOUND");
        Map<String, Object> noReason = incomeReversal(LedgerClient.id("IREV"), "0.00", "2024-06-01");
        noReason.remove("reason");
        LedgerClient.Answer invalid = rejectedWithoutTrace(indicator, () -> reverseIncome(incomeId, noReason), 400,
                "VALIDATION_FAILED");
        assertThat(errorFields(invalid)).containsExactlyInAnyOrder("amount", "reason");

        client.post("/api/v1/indicators/" + indicator + "/carry-forward",
                carryForward(LedgerClient.id("IND-2025"), null, "CARRY")).expect(201);
        rejectedWithoutTrace(indicator, () -> reverseIncome(incomeId,
                incomeReversal(LedgerClient.id("IREV"), "1.00", "2024-12-31")), 409, "INDICATOR_CLOSED");
    }

    @Test
    void aBatchReversesAnIncomeOfTheSameBatch() {
        String indicator = newIndicator(newUnit(), "1000.00");
        String incomeId = LedgerClient.id("INC");
        Map<String, Object> reversal = incomeReversal(LedgerClient.id("IREV"), "100.00", "2024-03-02");
        reversal.put("incomeId", incomeId);

        LedgerClient.Answer answer = client.post("/api/v1/postings:batch",
                batch(true, incomeItem(incomeId, indicator, "400.00"), item("INCOME_REVERSAL", reversal)));

        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        assertThat(answer.body().path("results").get(1).path("result").path("type").asText())
                .isEqualTo("INCOME_REVERSAL");
        assertThat(read(indicator, "").text("income")).isEqualTo("300.00");
    }

    // ------------------------------------------------------------------ 更正指标金额

    /**
     * The appropriation of 1,000.00 on 5 January should have been 900.00: every read as of any date
     * shows 900.00 as 年初预算, and the rates are of it, while a read as known before the correction
     * shows 1,000.00 as it was then.
     */
    @Test
    void aCorrectedAppropriationCountsFromItsOwnDateAndKnownAtBeforeShowsWhatWasKnown() {
        String unit = newUnit();
        String indicator = newIndicator(unit, "1000.00");
        client.post("/api/v1/expenditures", expenditure(LedgerClient.id("EXP"), indicator, "200.00")).expect(201);
        String before = LedgerClient.knownAtBetweenPostings().toString();
        String correctionId = LedgerClient.id("COR");
        Map<String, Object> body = correction(correctionId, "900.00");

        LedgerClient.Answer corrected = correct(indicator, body).expect(201);

        assertThat(corrected.text("type")).isEqualTo("AMOUNT_CORRECTION");
        assertThat(corrected.text("indicatorId")).isEqualTo(indicator);
        LedgerClient.Answer now = read(indicator, "");
        assertThat(now.text("initialBudget")).isEqualTo("900.00");
        assertThat(now.text("adjustments")).isEqualTo("0.00");
        assertThat(now.text("authorityLeft")).isEqualTo("700.00");
        assertThat(read(indicator, "&asOf=2024-01-05").text("initialBudget")).isEqualTo("900.00");
        assertThat(read(indicator, "&asOf=2024-06-30").text("initialBudget")).isEqualTo("900.00");
        assertThat(read(indicator, "&asOf=2024-06-30&knownAt=" + before).text("initialBudget"))
                .isEqualTo("1000.00");
        assertThat(read(indicator, "&knownAt=" + before).text("authorityLeft")).isEqualTo("800.00");

        JsonNode rate = rates(unit, "");
        assertThat(rate.path("initialBudget").asText()).isEqualTo("900.00");
        assertThat(rate.path("rateOfInitial").asText()).as("200 / 900").isEqualTo("22.22");
        JsonNode rateBefore = rates(unit, "&knownAt=" + before);
        assertThat(rateBefore.path("initialBudget").asText()).isEqualTo("1000.00");
        assertThat(rateBefore.path("rateOfInitial").asText()).isEqualTo("20.00");

        // a retry answers the same; other content under its id is a conflict
        assertThat(correct(indicator, body).expect(200).body()).isEqualTo(corrected.body());
        rejectedWithoutTrace(indicator, () -> correct(indicator, correction(correctionId, "950.00")), 409,
                "ID_CONFLICT");

        // a correction of the correction starts from 900.00
        correct(indicator, correction(LedgerClient.id("COR"), "950.00")).expect(201);
        assertThat(read(indicator, "&asOf=2024-01-05").text("initialBudget")).isEqualTo("950.00");

        JsonNode audited = lastAuditEvent(indicator);
        assertThat(audited.path("type").asText()).isEqualTo("AppropriationCorrected");
        assertThat(audited.path("effectiveDate").asText()).as("the appropriation's date").isEqualTo("2024-01-05");
        assertThat(audited.path("payload").path("correctedAmount").path("fen").asLong()).isEqualTo(95000L);
        assertThat(sumsOfEvents(indicator)).containsEntry("initialBudget", 95000L);
        JsonNode replay = client.get("/api/v1/audit/indicators/" + indicator + "/replay").expect(200).body();
        assertThat(replay.path("initialBudget").asText()).isEqualTo("950.00");
    }

    private JsonNode rates(String unit, String query) {
        JsonNode rows = client.get("/api/v1/execution-rates?fiscalYear=2024&unitCode=" + unit + "&asOf=2024-06-30"
                + "&minSequence=" + head() + query).expect(200).body().path("rows");
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    /**
     * 无预算不支出 at every date: 800.00 spent in February and a 追加 of 500.00 in April leave
     * 1,500.00 − 800.00 today, but as of 1 February only the appropriation covered the spending.
     */
    @Test
    void aCorrectionThatWouldLeaveAnyDateWithoutAuthorityIsRefusedNamingTheDate() {
        String indicator = newIndicator(newUnit(), "1000.00");
        client.post("/api/v1/expenditures", expenditure(LedgerClient.id("EXP"), indicator, "800.00")).expect(201);
        client.post("/api/v1/indicators/" + indicator + "/adjustments", adjustment(LedgerClient.id("ADJ"), "500.00"))
                .expect(201);

        LedgerClient.Answer refused = rejectedWithoutTrace(indicator,
                () -> correct(indicator, correction(LedgerClient.id("COR"), "799.99")), 409, "BUDGET_BELOW_SPENT");

        assertThat(refused.text("date")).isEqualTo("2024-02-01");
        assertThat(refused.text("authorityLeft")).isEqualTo("200.00");
        correct(indicator, correction(LedgerClient.id("COR"), "800.00")).expect(201);
        assertThat(read(indicator, "&asOf=2024-02-01").text("authorityLeft")).isEqualTo("0.00");
    }

    @Test
    void aCorrectionIsRefusedWithItsCodeAndLeavesNoTrace() {
        String unit = newUnit();
        String indicator = newIndicator(unit, "1000.00");
        LedgerClient.Answer unchanged = rejectedWithoutTrace(indicator,
                () -> correct(indicator, correction(LedgerClient.id("COR"), "1000.00")), 400, "VALIDATION_FAILED");
        assertThat(errorFields(unchanged)).containsExactly("correctedAmount");
        LedgerClient.Answer negative = rejectedWithoutTrace(indicator,
                () -> correct(indicator, correction(LedgerClient.id("COR"), "-1.00")), 400, "VALIDATION_FAILED");
        assertThat(errorFields(negative)).containsExactly("correctedAmount");
        Map<String, Object> noReason = correction(LedgerClient.id("COR"), "900.00");
        noReason.remove("reason");
        assertThat(errorFields(rejectedWithoutTrace(indicator, () -> correct(indicator, noReason), 400,
                "VALIDATION_FAILED"))).containsExactly("reason");
        assertProblem(correct(LedgerClient.id("NO-IND"), correction(LedgerClient.id("COR"), "900.00")), 404,
                "INDICATOR_NOT_FOUND");

        client.post("/api/v1/indicators/" + indicator + "/incomes", income(LedgerClient.id("INC"), "100.00"))
                .expect(201);
        String next = LedgerClient.id("IND-2025");
        client.post("/api/v1/indicators/" + indicator + "/carry-forward", carryForward(next, null, "CARRY"))
                .expect(201);
        rejectedWithoutTrace(indicator, () -> correct(indicator, correction(LedgerClient.id("COR"), "900.00")), 409,
                "INDICATOR_CLOSED");
        rejectedWithoutTrace(next, () -> correct(next, correction(LedgerClient.id("COR"), "900.00")), 404,
                "APPROPRIATION_NOT_FOUND");
    }

    @Test
    void aBatchCorrectsAnAppropriation() {
        String indicator = newIndicator(newUnit(), "1000.00");
        Map<String, Object> correction = correction(LedgerClient.id("COR"), "1200.00");
        correction.put("indicatorId", indicator);

        LedgerClient.Answer answer = client.post("/api/v1/postings:batch",
                batch(false, item("AMOUNT_CORRECTION", correction)));

        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        assertThat(answer.body().path("results").get(0).path("status").asInt()).isEqualTo(201);
        assertThat(read(indicator, "&asOf=2024-01-05").text("initialBudget")).isEqualTo("1200.00");
    }
}
