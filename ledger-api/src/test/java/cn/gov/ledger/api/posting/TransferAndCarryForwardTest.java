package cn.gov.ledger.api.posting;

import static cn.gov.ledger.api.testing.Postings.appropriation;
import static cn.gov.ledger.api.testing.Postings.carryForward;
import static cn.gov.ledger.api.testing.Postings.expenditure;
import static cn.gov.ledger.api.testing.Postings.income;
import static cn.gov.ledger.api.testing.Postings.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.LedgerIntegrationTest;
import cn.gov.ledger.api.testing.ProblemAssertions;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** 调剂 between two indicators of one unit, and the year-end carry-forward into next year's indicator. */
class TransferAndCarryForwardTest extends LedgerIntegrationTest {

    /** The document that decided the transfers. */
    private static final String DECISION = "辽工信发〔2024〕1号";

    // ------------------------------------------------------------------ transfers

    @Test
    void aTransferMovesAuthorityBetweenTwoIndicatorsOfOneUnitAndNetsToZero() {
        String unit = newUnit();
        String from = newIndicator(unit, "1000.00");
        String to = newIndicator(unit, "500.00");
        client.post("/api/v1/expenditures", expenditure(LedgerClient.id("EXP"), from, "200.00")).expect(201);
        long events = eventCount();

        String transferId = LedgerClient.id("TRF");
        LedgerClient.Answer moved = client.post("/api/v1/transfers",
                transfer(transferId, from, to, "300.00", DECISION)).expect(201);
        assertThat(moved.text("postingId")).isEqualTo(transferId);
        assertThat(moved.text("type")).isEqualTo("TRANSFER");
        assertThat(eventCount()).as("one event out, one in").isEqualTo(events + 2);
        assertThat(eventCount(from)).isEqualTo(3);
        assertThat(eventCount(to)).isEqualTo(2);

        long sequence = moved.body().path("sequence").asLong();
        LedgerClient.Answer source = readIndicator(from, sequence);
        LedgerClient.Answer target = readIndicator(to, sequence);
        assertThat(source.text("adjustments")).isEqualTo("-300.00");
        assertThat(source.text("budget")).isEqualTo("700.00");
        assertThat(source.text("authorityLeft")).isEqualTo("500.00");
        assertThat(target.text("adjustments")).isEqualTo("300.00");
        assertThat(target.text("budget")).isEqualTo("800.00");
        assertThat(target.text("authorityLeft")).isEqualTo("800.00");
        assertThat(new BigDecimal(source.text("adjustments")).add(new BigDecimal(target.text("adjustments"))))
                .isEqualByComparingTo("0");

        // the unit's total budget is unchanged by the transfer
        LedgerClient.Answer balances = client.get("/api/v1/balances?fiscalYear=2024&unitCode=" + unit
                + "&minSequence=" + sequence);
        assertThat(balances.status()).as("%s", balances.body()).isEqualTo(200);
        assertThat(balances.body().path("rows")).hasSize(1);
        assertThat(balances.body().path("rows").get(0).path("adjustments").asText()).isEqualTo("0.00");
        assertThat(balances.body().path("rows").get(0).path("budget").asText()).isEqualTo("1500.00");

        // the moved authority can be spent on the target, and only the rest on the source
        client.post("/api/v1/expenditures", expenditure(LedgerClient.id("EXP"), to, "800.00")).expect(201);
        LedgerClient.Answer over = client.post("/api/v1/expenditures",
                expenditure(LedgerClient.id("EXP"), from, "500.01"));
        ProblemAssertions.assertProblem(over, 409, "BUDGET_EXCEEDED");
        assertThat(over.text("authorityLeft")).isEqualTo("500.00");

        // a repeat answers the first result and writes nothing
        long afterMove = eventCount();
        LedgerClient.Answer repeat = client.post("/api/v1/transfers",
                transfer(transferId, from, to, "300.00", DECISION));
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.body().path("sequence").asLong()).isEqualTo(sequence);
        assertThat(eventCount()).isEqualTo(afterMove);
    }

    @Test
    void aTransferAboveTheAuthorityLeftIsBudgetExceededAndWritesNothing() {
        String unit = newUnit();
        String from = newIndicator(unit, "1000.00");
        String to = newIndicator(unit, "500.00");
        client.post("/api/v1/expenditures", expenditure(LedgerClient.id("EXP"), from, "400.00")).expect(201);
        Snapshot before = snapshot(from, to);
        String transferId = LedgerClient.id("TRF");

        LedgerClient.Answer answer = client.post("/api/v1/transfers",
                transfer(transferId, from, to, "600.01", DECISION));
        ProblemAssertions.assertProblem(answer, 409, "BUDGET_EXCEEDED");
        assertThat(answer.text("authorityLeft")).isEqualTo("600.00");
        assertNothingWrittenSince(before);

        // the id is free: the same transfer within the authority goes through
        LedgerClient.Answer exact = client.post("/api/v1/transfers",
                transfer(transferId, from, to, "600.00", DECISION)).expect(201);
        LedgerClient.Answer source = readIndicator(from, exact.body().path("sequence").asLong());
        assertThat(source.text("authorityLeft")).isEqualTo("0.00");
    }

    @Test
    void aTransferBetweenUnitsOrOntoItselfIsNotAllowedAndWritesNothing() {
        String unit = newUnit();
        String otherUnit = newUnit();
        String from = newIndicator(unit, "1000.00");
        String foreign = newIndicator(otherUnit, "100.00");
        Snapshot before = snapshot(from, foreign);

        ProblemAssertions.assertProblem(client.post("/api/v1/transfers",
                transfer(LedgerClient.id("TRF"), from, foreign, "10.00", DECISION)), 422, "TRANSFER_NOT_ALLOWED");
        ProblemAssertions.assertProblem(client.post("/api/v1/transfers",
                transfer(LedgerClient.id("TRF"), from, from, "10.00", DECISION)), 422, "TRANSFER_NOT_ALLOWED");
        assertNothingWrittenSince(before);
    }

    // ------------------------------------------------------------------ carry-forward

    @Test
    void aCarryForwardWithTheDefaultSplitCarriesTheFundsBalanceIntoNextYear() {
        String unit = newUnit();
        String source = newIndicator(unit, "1000.00");
        client.post("/api/v1/indicators/" + source + "/incomes", income(LedgerClient.id("INC"), "800.00")).expect(201);
        client.post("/api/v1/expenditures", expenditure(LedgerClient.id("EXP"), source, "300.00")).expect(201);
        String target = LedgerClient.id("IND-2025");

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("targetIndicatorId", target);
        body.put("effectiveDate", "2024-12-31");
        LedgerClient.Answer carried = client.post("/api/v1/indicators/" + source + "/carry-forward", body).expect(201);
        assertThat(carried.text("type")).isEqualTo("CARRY_FORWARD");
        long sequence = carried.body().path("sequence").asLong();

        LedgerClient.Answer next = readIndicator(target, sequence);
        assertThat(next.status()).as("%s", next.body()).isEqualTo(200);
        assertThat(next.body().path("fiscalYear").asInt()).isEqualTo(2025);
        assertThat(next.text("sourceIndicatorId")).isEqualTo(source);
        assertThat(next.text("unitCode")).isEqualTo(unit);
        assertThat(next.text("functionalCode")).isEqualTo("2150501");
        assertThat(next.text("kind")).isEqualTo("BASIC");
        assertThat(next.text("status")).isEqualTo("OPEN");
        assertThat(next.text("carriedIn")).isEqualTo("500.00");
        assertThat(next.text("initialBudget")).isEqualTo("0.00");
        assertThat(next.text("budget")).isEqualTo("500.00");
        assertThat(next.text("fundsBalance")).isEqualTo("500.00");

        LedgerClient.Answer closed = readIndicator(source, sequence);
        assertThat(closed.text("status")).isEqualTo("CLOSED");
        assertThat(closed.text("fundsBalance")).as("the source's figures stay as they were").isEqualTo("500.00");

        // next year's indicator spends what was carried in, and no more
        client.post("/api/v1/expenditures", expenditure2025(LedgerClient.id("EXP"), target, "500.00")).expect(201);
        LedgerClient.Answer over = client.post("/api/v1/expenditures",
                expenditure2025(LedgerClient.id("EXP"), target, "0.01"));
        ProblemAssertions.assertProblem(over, 409, "BUDGET_EXCEEDED");

        // carrying forward again: the same request is a repeat, another target a conflict
        assertThat(client.post("/api/v1/indicators/" + source + "/carry-forward", body).status()).isEqualTo(200);
        long events = eventCount();
        Map<String, Object> elsewhere = new LinkedHashMap<>(body);
        elsewhere.put("targetIndicatorId", LedgerClient.id("IND-2025"));
        LedgerClient.Answer again = client.post("/api/v1/indicators/" + source + "/carry-forward", elsewhere);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isIn("ID_CONFLICT", "INDICATOR_CLOSED");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void withACarryOverAmountAndRecaptureOnlyTheCarryOverArrives() {
        String unit = newUnit();
        String source = newProject(unit, "1000.00");
        client.post("/api/v1/indicators/" + source + "/incomes", income(LedgerClient.id("INC"), "1000.00")).expect(201);
        client.post("/api/v1/expenditures", expenditure(LedgerClient.id("EXP"), source, "400.00")).expect(201);
        String target = LedgerClient.id("IND-2025");

        LedgerClient.Answer carried = client.post("/api/v1/indicators/" + source + "/carry-forward",
                carryForward(target, "250.00", "RECAPTURE")).expect(201);
        LedgerClient.Answer next = readIndicator(target, carried.body().path("sequence").asLong());
        assertThat(next.status()).as("%s", next.body()).isEqualTo(200);
        assertThat(next.body().path("fiscalYear").asInt()).isEqualTo(2025);
        assertThat(next.text("kind")).isEqualTo("PROJECT");
        assertThat(next.text("projectName")).isEqualTo("数字辽宁智造强省专项资金");
        assertThat(next.text("sourceIndicatorId")).isEqualTo(source);
        assertThat(next.text("carriedIn")).as("the surplus of 350.00 was taken back").isEqualTo("250.00");
        assertThat(next.text("budget")).isEqualTo("250.00");
        assertThat(readIndicator(source, carried.body().path("sequence").asLong()).text("status")).isEqualTo("CLOSED");
    }

    @Test
    void withACarryOverAmountAndCarryTheSurplusArrivesToo() {
        String unit = newUnit();
        String source = newProject(unit, "1000.00");
        client.post("/api/v1/indicators/" + source + "/incomes", income(LedgerClient.id("INC"), "1000.00")).expect(201);
        client.post("/api/v1/expenditures", expenditure(LedgerClient.id("EXP"), source, "400.00")).expect(201);
        String target = LedgerClient.id("IND-2025");

        LedgerClient.Answer carried = client.post("/api/v1/indicators/" + source + "/carry-forward",
                carryForward(target, "250.00", "CARRY")).expect(201);
        LedgerClient.Answer next = readIndicator(target, carried.body().path("sequence").asLong());
        assertThat(next.text("carriedIn")).isEqualTo("600.00");
    }

    @Test
    void aSurplusOnABasicIndicatorIsRefusedAndWritesNothing() {
        String unit = newUnit();
        String source = newIndicator(unit, "1000.00");
        client.post("/api/v1/indicators/" + source + "/incomes", income(LedgerClient.id("INC"), "800.00")).expect(201);
        client.post("/api/v1/expenditures", expenditure(LedgerClient.id("EXP"), source, "300.00")).expect(201);
        String target = LedgerClient.id("IND-2025");
        Snapshot before = snapshot(source);

        for (String disposition : List.of("CARRY", "RECAPTURE")) {
            LedgerClient.Answer answer = client.post("/api/v1/indicators/" + source + "/carry-forward",
                    carryForward(target, "499.99", disposition));
            ProblemAssertions.assertProblem(answer, 422, "SURPLUS_ON_BASIC_INDICATOR");
        }
        assertNothingWrittenSince(before);
        assertThat(eventCount(target)).isZero();
        assertThat(figures(source)).containsEntry("status", "OPEN");
        ProblemAssertions.assertProblem(readIndicator(target, head()), 404, "INDICATOR_NOT_FOUND");

        // the whole balance as carry-over is fine for a BASIC indicator
        LedgerClient.Answer whole = client.post("/api/v1/indicators/" + source + "/carry-forward",
                carryForward(target, "500.00", "CARRY")).expect(201);
        assertThat(readIndicator(target, whole.body().path("sequence").asLong()).text("carriedIn")).isEqualTo("500.00");
    }

    @Test
    void aCarryOverAboveTheBalanceIsAnInvalidSplitAndWritesNothing() {
        String unit = newUnit();
        String source = newProject(unit, "1000.00");
        client.post("/api/v1/indicators/" + source + "/incomes", income(LedgerClient.id("INC"), "100.00")).expect(201);
        String target = LedgerClient.id("IND-2025");
        Snapshot before = snapshot(source);

        LedgerClient.Answer answer = client.post("/api/v1/indicators/" + source + "/carry-forward",
                carryForward(target, "100.01", "CARRY"));
        ProblemAssertions.assertProblem(answer, 422, "CARRY_FORWARD_SPLIT_INVALID");
        assertThat(answer.text("fundsBalance")).isEqualTo("100.00");
        assertNothingWrittenSince(before);
        ProblemAssertions.assertProblem(readIndicator(target, head()), 404, "INDICATOR_NOT_FOUND");
    }

    @Test
    void aTransferIntoAClosedIndicatorIsIndicatorClosedAndWritesNothing() {
        String unit = newUnit();
        String from = newIndicator(unit, "1000.00");
        String closed = newIndicator(unit, "100.00");
        client.post("/api/v1/indicators/" + closed + "/carry-forward",
                carryForward(LedgerClient.id("IND-2025"), null, "CARRY")).expect(201);
        Snapshot before = snapshot(from, closed);

        ProblemAssertions.assertProblem(client.post("/api/v1/transfers",
                transfer(LedgerClient.id("TRF"), from, closed, "10.00", DECISION)), 409, "INDICATOR_CLOSED");
        ProblemAssertions.assertProblem(client.post("/api/v1/transfers",
                transfer(LedgerClient.id("TRF"), closed, from, "10.00", DECISION)), 409, "INDICATOR_CLOSED");
        assertNothingWrittenSince(before);
    }

    @Test
    void aCarryForwardIntoAnIndicatorThatIsNotNextYearsIsRefusedAndWritesNothing() {
        String unit = newUnit();
        String source = newIndicator(unit, "1000.00");
        client.post("/api/v1/indicators/" + source + "/incomes", income(LedgerClient.id("INC"), "100.00")).expect(201);
        String sameYear = newIndicator(unit, "10.00");
        Snapshot before = snapshot(source, sameYear);

        ProblemAssertions.assertProblem(client.post("/api/v1/indicators/" + source + "/carry-forward",
                carryForward(sameYear, null, "CARRY")), 422, "CARRY_FORWARD_TARGET_INVALID");
        ProblemAssertions.assertProblem(client.post("/api/v1/indicators/" + source + "/carry-forward",
                carryForward(source, null, "CARRY")), 422, "CARRY_FORWARD_TARGET_INVALID");
        assertNothingWrittenSince(before);
        assertThat(figures(source)).containsEntry("status", "OPEN");

        // the refusals took no id: the source can still be carried forward
        String target = LedgerClient.id("IND-2025");
        LedgerClient.Answer carried = client.post("/api/v1/indicators/" + source + "/carry-forward",
                carryForward(target, null, "CARRY")).expect(201);
        assertThat(readIndicator(target, carried.body().path("sequence").asLong()).text("carriedIn"))
                .isEqualTo("100.00");
    }

    @Test
    void aCarryForwardIntoAnExistingNextYearIndicatorAddsToItAndLinksItsSource() {
        String unit = newUnit();
        String source = newIndicator(unit, "1000.00");
        client.post("/api/v1/indicators/" + source + "/incomes", income(LedgerClient.id("INC"), "120.00")).expect(201);
        String next = LedgerClient.id("IND-2025");
        Map<String, Object> nextYear = appropriation(next, unit, "2000.00");
        nextYear.put("fiscalYear", 2025);
        nextYear.put("effectiveDate", "2025-01-05");
        client.post("/api/v1/indicators", nextYear).expect(201);

        LedgerClient.Answer carried = client.post("/api/v1/indicators/" + source + "/carry-forward",
                carryForward(next, null, "CARRY")).expect(201);
        LedgerClient.Answer target = readIndicator(next, carried.body().path("sequence").asLong());
        assertThat(target.text("initialBudget")).isEqualTo("2000.00");
        assertThat(target.text("carriedIn")).isEqualTo("120.00");
        assertThat(target.text("budget")).isEqualTo("2120.00");
        assertThat(target.text("sourceIndicatorId")).as("the link to last year's indicator").isEqualTo(source);
    }

    @Test
    void aNegativeFundsBalanceCannotBeCarriedForward() {
        String unit = newUnit();
        String source = newIndicator(unit, "1000.00");
        client.post("/api/v1/expenditures", expenditure(LedgerClient.id("EXP"), source, "300.00")).expect(201);
        Snapshot before = snapshot(source);
        assertThat(before.figures().get(source)).containsEntry("fundsBalance", "-300.00");
        LedgerClient.Answer answer = client.post("/api/v1/indicators/" + source + "/carry-forward",
                carryForward(LedgerClient.id("IND-2025"), null, "CARRY"));
        ProblemAssertions.assertProblem(answer, 422, "CARRY_FORWARD_SPLIT_INVALID");
        assertNothingWrittenSince(before);
    }

    // ------------------------------------------------------------------ helpers

    private String newProject(String unit, String amount) {
        String indicator = LedgerClient.id("IND");
        Map<String, Object> body = appropriation(indicator, unit, amount);
        body.put("kind", "PROJECT");
        body.put("projectCode", "P-" + indicator);
        body.put("projectName", "数字辽宁智造强省专项资金");
        body.put("functionalCode", "2150517");
        client.post("/api/v1/indicators", body).expect(201);
        return indicator;
    }

    private static Map<String, Object> expenditure2025(String expenditureId, String indicator, String amount) {
        Map<String, Object> body = expenditure(expenditureId, indicator, amount);
        body.put("effectiveDate", "2025-02-01");
        return body;
    }
}
