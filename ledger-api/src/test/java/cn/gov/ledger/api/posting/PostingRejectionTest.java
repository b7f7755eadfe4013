package cn.gov.ledger.api.posting;

import static cn.gov.ledger.api.testing.Postings.adjustment;
import static cn.gov.ledger.api.testing.Postings.appropriation;
import static cn.gov.ledger.api.testing.Postings.appropriationItem;
import static cn.gov.ledger.api.testing.Postings.batch;
import static cn.gov.ledger.api.testing.Postings.carryForward;
import static cn.gov.ledger.api.testing.Postings.expenditure;
import static cn.gov.ledger.api.testing.Postings.expenditureItem;
import static cn.gov.ledger.api.testing.Postings.income;
import static cn.gov.ledger.api.testing.Postings.reversal;
import static cn.gov.ledger.api.testing.Postings.transfer;
import static cn.gov.ledger.api.testing.ProblemAssertions.assertProblem;
import static cn.gov.ledger.api.testing.ProblemAssertions.errorFields;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.LedgerIntegrationTest;
import cn.gov.ledger.api.testing.Postings;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every refused posting answers the documented 4xx as {@code application/problem+json} with a
 * stable {@code code}, and leaves no trace: no event, no receipt, no change of figures.
 */
class PostingRejectionTest extends LedgerIntegrationTest {

    /** A unit with a BASIC indicator of 1000.00 of which 200.00 are spent. */
    private record Fixture(String unit, String indicator, String expenditure) {
    }

    private Fixture fixture() {
        String unit = newUnit();
        String indicator = newIndicator(unit, "1000.00");
        String expenditure = LedgerClient.id("EXP");
        LedgerClient.Answer spent = client.post("/api/v1/expenditures", expenditure(expenditure, indicator, "200.00"));
        assertThat(spent.status()).as("expenditure: %s", spent.body()).isEqualTo(201);
        return new Fixture(unit, indicator, expenditure);
    }

    // ------------------------------------------------------------------ amounts

    @ParameterizedTest(name = "expenditure amount \"{0}\"")
    @ValueSource(strings = {"-5.00", "0", "0.00", "1.005", "1e5", "1E5", "1000000000000000.00",
            "99999999999999999", "NaN", "Infinity", "1,000.00", " 10.00", "10.", ".5", "", "abc", "+10.00"})
    void badExpenditureAmountsAreValidationFailuresThatWriteNothing(String amount) {
        Fixture f = fixture();
        LedgerClient.Answer answer = rejectedWithoutTrace(f.indicator(), () -> client.post("/api/v1/expenditures",
                expenditure(LedgerClient.id("EXP"), f.indicator(), amount)), 400, "VALIDATION_FAILED");
        assertThat(errorFields(answer)).containsExactly("amount");
    }

    @ParameterizedTest(name = "appropriation amount \"{0}\"")
    @ValueSource(strings = {"-0.01", "-100.00", "12.345", "1e5", "1000000000000000.00", "1000000000000000"})
    void badAppropriationAmountsCreateNoIndicator(String amount) {
        String unit = newUnit();
        String indicator = LedgerClient.id("IND");
        long events = eventCount();
        LedgerClient.Answer answer = client.post("/api/v1/indicators", appropriation(indicator, unit, amount));
        assertProblem(answer, 400, "VALIDATION_FAILED");
        assertThat(errorFields(answer)).containsExactly("amount");
        assertThat(eventCount()).isEqualTo(events);
        assertProblem(readIndicator(indicator, head()), 404, "INDICATOR_NOT_FOUND");
    }

    @Test
    void theLargestAmountBelowTheLimitIsAccepted() {
        String unit = newUnit();
        String indicator = LedgerClient.id("IND");
        LedgerClient.Answer answer = client.post("/api/v1/indicators",
                appropriation(indicator, unit, "999999999999999.99"));
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(201);
        assertThat(readIndicator(indicator, answer.body().path("sequence").asLong()).text("initialBudget"))
                .isEqualTo("999999999999999.99");
    }

    @Test
    void zeroOrNegativeAmountsOfIncomeTransferAndAdjustmentAreRefused() {
        Fixture f = fixture();
        String other = newIndicator(f.unit(), "10.00");
        rejectedWithoutTrace(f.indicator(), () -> client.post("/api/v1/indicators/" + f.indicator() + "/incomes",
                income(LedgerClient.id("INC"), "0.00")), 400, "VALIDATION_FAILED");
        rejectedWithoutTrace(f.indicator(), () -> client.post("/api/v1/indicators/" + f.indicator() + "/incomes",
                income(LedgerClient.id("INC"), "-1.00")), 400, "VALIDATION_FAILED");
        rejectedWithoutTrace(f.indicator(), () -> client.post("/api/v1/indicators/" + f.indicator() + "/adjustments",
                adjustment(LedgerClient.id("ADJ"), "0")), 400, "VALIDATION_FAILED");
        rejectedWithoutTrace(f.indicator(), () -> client.post("/api/v1/indicators/" + f.indicator() + "/adjustments",
                adjustment(LedgerClient.id("ADJ"), "1.001")), 400, "VALIDATION_FAILED");
        LedgerClient.Answer transfer = rejectedWithoutTrace(f.indicator(), () -> client.post("/api/v1/transfers",
                transfer(LedgerClient.id("TRF"), f.indicator(), other, "-10.00")), 400, "VALIDATION_FAILED");
        assertThat(errorFields(transfer)).containsExactly("amount");
        LedgerClient.Answer reversal = rejectedWithoutTrace(f.indicator(), () -> client.post(
                "/api/v1/expenditures/" + f.expenditure() + "/reversals",
                reversal(LedgerClient.id("REV"), "0.00")), 400, "VALIDATION_FAILED");
        assertThat(errorFields(reversal)).containsExactly("amount");
    }

    /** 使用非财政拨款结余 and 结余分配 are for a unit's own funds: an appropriation has no such surplus. */
    @Test
    void surplusPostingsOnAnAppropriationAreRefused() {
        Fixture f = fixture();
        LedgerClient.Answer use = rejectedWithoutTrace(f.indicator(), () -> client.post(
                "/api/v1/indicators/" + f.indicator() + "/surplus-uses", Postings.surplusUse(LedgerClient.id("U"), "1.00")),
                422, "FUND_SOURCE_NOT_NON_FISCAL");
        assertThat(use.text("fundSource")).isEqualTo("GENERAL_BUDGET");
        rejectedWithoutTrace(f.indicator(), () -> client.post("/api/v1/indicators/" + f.indicator()
                + "/surplus-allocations", Postings.surplusAllocation(LedgerClient.id("SA"), "1.00")),
                422, "FUND_SOURCE_NOT_NON_FISCAL");
        LedgerClient.Answer missing = rejectedWithoutTrace(f.indicator(), () -> client.post("/api/v1/indicators/"
                + f.indicator() + "/surplus-allocations", Map.of("amount", "-1.00")), 400, "VALIDATION_FAILED");
        assertThat(errorFields(missing)).contains("allocationId", "amount", "effectiveDate", "reason");
    }

    // ------------------------------------------------------------------ missing and malformed fields

    @Test
    void missingRequiredFieldsOfAnExpenditureAreAllNamed() {
        Fixture f = fixture();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("expenditureId", LedgerClient.id("EXP"));
        LedgerClient.Answer answer = rejectedWithoutTrace(f.indicator(),
                () -> client.post("/api/v1/expenditures", body), 400, "VALIDATION_FAILED");
        assertThat(errorFields(answer)).contains("indicatorId", "amount", "economicCode", "effectiveDate");
        for (JsonNode error : answer.body().path("errors")) {
            assertThat(error.path("message").asText()).isNotBlank();
        }
    }

    @Test
    void missingRequiredFieldsOfAnAppropriationAreAllNamedAndNoIndicatorIsCreated() {
        String unit = newUnit();
        String indicator = LedgerClient.id("IND");
        long events = eventCount();
        LedgerClient.Answer answer = client.post("/api/v1/indicators", Map.of("indicatorId", indicator));
        assertProblem(answer, 400, "VALIDATION_FAILED");
        assertThat(errorFields(answer)).contains("fiscalYear", "unitCode", "fundSource", "functionalCode", "kind",
                "amount", "effectiveDate");
        assertThat(eventCount()).isEqualTo(events);
        assertProblem(readIndicator(indicator, head()), 404, "INDICATOR_NOT_FOUND");

        // a PROJECT indicator needs its project name
        Map<String, Object> project = appropriation(indicator, unit, "10.00");
        project.put("kind", "PROJECT");
        LedgerClient.Answer noName = client.post("/api/v1/indicators", project);
        assertProblem(noName, 400, "VALIDATION_FAILED");
        assertThat(errorFields(noName)).containsExactly("projectName");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void missingIdsAndReasonsOfOtherPostingsAreNamed() {
        Fixture f = fixture();
        Map<String, Object> adjustment = adjustment(null, "10.00");
        adjustment.remove("reason");
        LedgerClient.Answer adjusted = rejectedWithoutTrace(f.indicator(), () -> client.post(
                "/api/v1/indicators/" + f.indicator() + "/adjustments", adjustment), 400, "VALIDATION_FAILED");
        assertThat(errorFields(adjusted)).contains("adjustmentId", "reason");

        Map<String, Object> reversal = reversal(LedgerClient.id("REV"), "10.00");
        reversal.remove("reason");
        reversal.remove("effectiveDate");
        LedgerClient.Answer reversed = rejectedWithoutTrace(f.indicator(), () -> client.post(
                "/api/v1/expenditures/" + f.expenditure() + "/reversals", reversal), 400, "VALIDATION_FAILED");
        assertThat(errorFields(reversed)).contains("reason", "effectiveDate");

        LedgerClient.Answer transfer = rejectedWithoutTrace(f.indicator(), () -> client.post("/api/v1/transfers",
                Map.of("transferId", LedgerClient.id("TRF"), "fromIndicatorId", f.indicator())), 400,
                "VALIDATION_FAILED");
        assertThat(errorFields(transfer)).contains("toIndicatorId", "amount", "reason", "effectiveDate");
    }

    @Test
    void wrongJsonTypesAreValidationFailuresNamingTheField() {
        String unit = newUnit();
        String indicator = LedgerClient.id("IND");
        long events = eventCount();

        Map<String, Object> year = appropriation(indicator, unit, "10.00");
        year.put("fiscalYear", "abc");
        LedgerClient.Answer badYear = client.post("/api/v1/indicators", year);
        assertProblem(badYear, 400, "VALIDATION_FAILED");
        assertThat(errorFields(badYear)).containsExactly("fiscalYear");

        Map<String, Object> date = appropriation(indicator, unit, "10.00");
        date.put("effectiveDate", "2024-13-45");
        LedgerClient.Answer badDate = client.post("/api/v1/indicators", date);
        assertProblem(badDate, 400, "VALIDATION_FAILED");
        assertThat(errorFields(badDate)).containsExactly("effectiveDate");

        Map<String, Object> source = appropriation(indicator, unit, "10.00");
        source.put("fundSource", "PIGGY_BANK");
        LedgerClient.Answer badSource = client.post("/api/v1/indicators", source);
        assertProblem(badSource, 400, "VALIDATION_FAILED");
        assertThat(errorFields(badSource)).containsExactly("fundSource");

        LedgerClient.Answer array = client.post("/api/v1/indicators", List.of(appropriation(indicator, unit, "1.00")));
        assertProblem(array, 400, "VALIDATION_FAILED");

        assertThat(eventCount()).isEqualTo(events);
        assertProblem(readIndicator(indicator, head()), 404, "INDICATOR_NOT_FOUND");
    }

    @Test
    void truncatedJsonIsAValidationFailure() {
        Fixture f = fixture();
        String truncated = "{\"expenditureId\":\"" + LedgerClient.id("EXP") + "\",\"indicatorId\":\"" + f.indicator()
                + "\",\"amount\":\"10.00\",\"economicCode\":\"30201\",\"effectiveDate\":\"2024-02";
        rejectedWithoutTrace(f.indicator(),
                () -> client.postRaw("/api/v1/expenditures", truncated, "application/json"), 400, "VALIDATION_FAILED");
        rejectedWithoutTrace(f.indicator(),
                () -> client.postRaw("/api/v1/expenditures", "", "application/json"), 400, "VALIDATION_FAILED");
    }

    @Test
    void aBodyThatIsNotJsonIsUnsupportedMediaType() {
        Fixture f = fixture();
        String json = "{\"expenditureId\":\"" + LedgerClient.id("EXP") + "\",\"indicatorId\":\"" + f.indicator()
                + "\",\"amount\":\"10.00\",\"economicCode\":\"30201\",\"effectiveDate\":\"2024-02-01\"}";
        LedgerClient.Answer answer = rejectedWithoutTrace(f.indicator(),
                () -> client.postRaw("/api/v1/expenditures", json, "text/plain"), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(answer.code()).isNotBlank();
        rejectedWithoutTrace(f.indicator(),
                () -> client.postRaw("/api/v1/expenditures", json, "application/x-www-form-urlencoded"), 415,
                "UNSUPPORTED_MEDIA_TYPE");
    }

    // ------------------------------------------------------------------ codes and references

    @Test
    void anUnknownFunctionalCodeIsUnknownCode() {
        String unit = newUnit();
        String indicator = LedgerClient.id("IND");
        Map<String, Object> body = appropriation(indicator, unit, "100.00");
        // 21598 is no 款 of 215: refused whatever the setting for unlisted 项 (ClassificationListsTest)
        body.put("functionalCode", "2159898");
        long events = eventCount();
        LedgerClient.Answer answer = client.post("/api/v1/indicators", body);
        assertProblem(answer, 400, "UNKNOWN_CODE");
        assertThat(answer.text("field")).isEqualTo("functionalCode");
        assertThat(eventCount()).isEqualTo(events);
        assertProblem(readIndicator(indicator, head()), 404, "INDICATOR_NOT_FOUND");

        // a 款 where a 项 is required, or no code at all, is malformed
        body.put("functionalCode", "21505");
        LedgerClient.Answer section = client.post("/api/v1/indicators", body);
        assertProblem(section, 400, "VALIDATION_FAILED");
        assertThat(errorFields(section)).containsExactly("functionalCode");
        body.put("functionalCode", "21505x1");
        assertProblem(client.post("/api/v1/indicators", body), 400, "VALIDATION_FAILED");
        assertThat(eventCount()).isEqualTo(events);

        // the id was not taken: the same indicator with a known code is created
        body.put("functionalCode", "2150501");
        assertThat(client.post("/api/v1/indicators", body).status()).isEqualTo(201);
    }

    @Test
    void anUnknownEconomicCodeIsUnknownCode() {
        Fixture f = fixture();
        Map<String, Object> body = expenditure(LedgerClient.id("EXP"), f.indicator(), "10.00");
        body.put("economicCode", "99999");
        LedgerClient.Answer answer = rejectedWithoutTrace(f.indicator(),
                () -> client.post("/api/v1/expenditures", body), 400, "UNKNOWN_CODE");
        assertThat(answer.text("field")).isEqualTo("economicCode");

        // on an appropriation's restriction too
        String indicator = LedgerClient.id("IND");
        Map<String, Object> restricted = appropriation(indicator, f.unit(), "100.00");
        restricted.put("economicCode", "99999");
        long events = eventCount();
        assertProblem(client.post("/api/v1/indicators", restricted), 400, "UNKNOWN_CODE");
        assertThat(eventCount()).isEqualTo(events);
        assertProblem(readIndicator(indicator, head()), 404, "INDICATOR_NOT_FOUND");
    }

    @Test
    void anUnregisteredUnitIsUnknownCode() {
        String indicator = LedgerClient.id("IND");
        long events = eventCount();
        LedgerClient.Answer answer = client.post("/api/v1/indicators",
                appropriation(indicator, LedgerClient.id("NOUNIT"), "100.00"));
        assertProblem(answer, 400, "UNKNOWN_CODE");
        assertThat(answer.text("field")).isEqualTo("unitCode");
        assertThat(eventCount()).isEqualTo(events);
        assertProblem(readIndicator(indicator, head()), 404, "INDICATOR_NOT_FOUND");
    }

    @Test
    void postingsToAnUnknownIndicatorAreIndicatorNotFound() {
        Fixture f = fixture();
        String missing = LedgerClient.id("IND-MISSING");
        String expenditureId = LedgerClient.id("EXP");
        rejectedWithoutTrace(f.indicator(), () -> client.post("/api/v1/expenditures",
                expenditure(expenditureId, missing, "10.00")), 404, "INDICATOR_NOT_FOUND");
        rejectedWithoutTrace(f.indicator(), () -> client.post("/api/v1/indicators/" + missing + "/adjustments",
                adjustment(LedgerClient.id("ADJ"), "10.00")), 404, "INDICATOR_NOT_FOUND");
        rejectedWithoutTrace(f.indicator(), () -> client.post("/api/v1/indicators/" + missing + "/incomes",
                income(LedgerClient.id("INC"), "10.00")), 404, "INDICATOR_NOT_FOUND");
        rejectedWithoutTrace(f.indicator(), () -> client.post("/api/v1/transfers",
                transfer(LedgerClient.id("TRF"), f.indicator(), missing, "10.00")), 404, "INDICATOR_NOT_FOUND");
        rejectedWithoutTrace(f.indicator(), () -> client.post("/api/v1/transfers",
                transfer(LedgerClient.id("TRF"), missing, f.indicator(), "10.00")), 404, "INDICATOR_NOT_FOUND");
        assertProblem(readIndicator(missing, head()), 404, "INDICATOR_NOT_FOUND");

        // the refused expenditure left no receipt: its id is free for a real posting
        LedgerClient.Answer later = client.post("/api/v1/expenditures", expenditure(expenditureId, f.indicator(), "10.00"));
        assertThat(later.status()).as("%s", later.body()).isEqualTo(201);
    }

    @Test
    void reversingAnUnknownExpenditureIsExpenditureNotFound() {
        Fixture f = fixture();
        rejectedWithoutTrace(f.indicator(), () -> client.post(
                "/api/v1/expenditures/" + LedgerClient.id("EXP-MISSING") + "/reversals",
                reversal(LedgerClient.id("REV"), "10.00")), 404, "EXPENDITURE_NOT_FOUND");
        // an id that is an indicator, not an expenditure
        rejectedWithoutTrace(f.indicator(), () -> client.post(
                "/api/v1/expenditures/" + f.indicator() + "/reversals",
                reversal(LedgerClient.id("REV"), null)), 404, "EXPENDITURE_NOT_FOUND");
    }

    // ------------------------------------------------------------------ the ledger's rules

    @Test
    void overspendingIsBudgetExceededWithTheAuthorityLeft() {
        Fixture f = fixture();
        String expenditureId = LedgerClient.id("EXP");
        LedgerClient.Answer answer = rejectedWithoutTrace(f.indicator(), () -> client.post("/api/v1/expenditures",
                expenditure(expenditureId, f.indicator(), "800.01")), 409, "BUDGET_EXCEEDED");
        assertThat(answer.text("authorityLeft")).isEqualTo("800.00");

        // exactly the authority left is allowed, and then nothing more
        LedgerClient.Answer exact = client.post("/api/v1/expenditures", expenditure(expenditureId, f.indicator(), "800.00"));
        assertThat(exact.status()).as("%s", exact.body()).isEqualTo(201);
        LedgerClient.Answer cent = rejectedWithoutTrace(f.indicator(), () -> client.post("/api/v1/expenditures",
                expenditure(LedgerClient.id("EXP"), f.indicator(), "0.01")), 409, "BUDGET_EXCEEDED");
        assertThat(cent.text("authorityLeft")).isEqualTo("0.00");
        Map<String, String> figures = figures(f.indicator());
        assertThat(figures).containsEntry("spent", "1000.00").containsEntry("authorityLeft", "0.00");
    }

    @Test
    void anAdjustmentBelowWhatIsSpentIsBudgetBelowSpent() {
        Fixture f = fixture();
        rejectedWithoutTrace(f.indicator(), () -> client.post("/api/v1/indicators/" + f.indicator() + "/adjustments",
                adjustment(LedgerClient.id("ADJ"), "-800.01")), 409, "BUDGET_BELOW_SPENT");
        LedgerClient.Answer down = client.post("/api/v1/indicators/" + f.indicator() + "/adjustments",
                adjustment(LedgerClient.id("ADJ"), "-800.00"));
        assertThat(down.status()).as("%s", down.body()).isEqualTo(201);
        assertThat(readIndicator(f.indicator(), down.body().path("sequence").asLong()).text("budget")).isEqualTo("200.00");
        rejectedWithoutTrace(f.indicator(), () -> client.post("/api/v1/indicators/" + f.indicator() + "/adjustments",
                adjustment(LedgerClient.id("ADJ"), "-0.01")), 409, "BUDGET_BELOW_SPENT");
    }

    @Test
    void reversingMoreThanIsLeftIsReversalExceedsExpenditure() {
        Fixture f = fixture();
        String path = "/api/v1/expenditures/" + f.expenditure() + "/reversals";
        rejectedWithoutTrace(f.indicator(), () -> client.post(path, reversal(LedgerClient.id("REV"), "200.01")),
                409, "REVERSAL_EXCEEDS_EXPENDITURE");
        LedgerClient.Answer part = client.post(path, reversal(LedgerClient.id("REV"), "150.00"));
        assertThat(part.status()).as("%s", part.body()).isEqualTo(201);
        LedgerClient.Answer more = rejectedWithoutTrace(f.indicator(),
                () -> client.post(path, reversal(LedgerClient.id("REV"), "50.01")), 409, "REVERSAL_EXCEEDS_EXPENDITURE");
        assertThat(more.text("leftToReverse")).isEqualTo("50.00");
        LedgerClient.Answer rest = client.post(path, reversal(LedgerClient.id("REV"), null));
        assertThat(rest.status()).as("%s", rest.body()).isEqualTo(201);
        assertThat(readIndicator(f.indicator(), rest.body().path("sequence").asLong()).text("spent")).isEqualTo("0.00");
        // nothing is left: the default amount reverses nothing and is refused
        rejectedWithoutTrace(f.indicator(), () -> client.post(path, reversal(LedgerClient.id("REV"), null)),
                409, "REVERSAL_EXCEEDS_EXPENDITURE");
    }

    @Test
    void postingsToACarriedForwardIndicatorAreIndicatorClosed() {
        Fixture f = fixture();
        LedgerClient.Answer income = client.post("/api/v1/indicators/" + f.indicator() + "/incomes",
                income(LedgerClient.id("INC"), "500.00"));
        assertThat(income.status()).isEqualTo(201);
        String target = LedgerClient.id("IND-2025");
        LedgerClient.Answer carried = client.post("/api/v1/indicators/" + f.indicator() + "/carry-forward",
                carryForward(target, null, "CARRY"));
        assertThat(carried.status()).as("%s", carried.body()).isEqualTo(201);
        assertThat(readIndicator(f.indicator(), carried.body().path("sequence").asLong()).text("status"))
                .isEqualTo("CLOSED");

        rejectedWithoutTrace(f.indicator(), () -> client.post("/api/v1/expenditures",
                expenditure(LedgerClient.id("EXP"), f.indicator(), "1.00")), 409, "INDICATOR_CLOSED");
        rejectedWithoutTrace(f.indicator(), () -> client.post("/api/v1/indicators/" + f.indicator() + "/incomes",
                income(LedgerClient.id("INC"), "1.00")), 409, "INDICATOR_CLOSED");
        rejectedWithoutTrace(f.indicator(), () -> client.post("/api/v1/indicators/" + f.indicator() + "/adjustments",
                adjustment(LedgerClient.id("ADJ"), "1.00")), 409, "INDICATOR_CLOSED");
        rejectedWithoutTrace(f.indicator(), () -> client.post(
                "/api/v1/expenditures/" + f.expenditure() + "/reversals",
                reversal(LedgerClient.id("REV"), "1.00")), 409, "INDICATOR_CLOSED");
    }

    @Test
    void anEconomicCodeOutsideTheIndicatorsRestrictionIsNotAllowed() {
        String unit = newUnit();
        String indicator = LedgerClient.id("IND");
        Map<String, Object> body = appropriation(indicator, unit, "1000.00");
        body.put("economicCode", "30217");
        assertThat(client.post("/api/v1/indicators", body).status()).isEqualTo(201);

        Map<String, Object> office = expenditure(LedgerClient.id("EXP"), indicator, "10.00");
        office.put("economicCode", "30201");
        rejectedWithoutTrace(indicator, () -> client.post("/api/v1/expenditures", office), 422,
                "ECONOMIC_CODE_NOT_ALLOWED");

        Map<String, Object> reception = expenditure(LedgerClient.id("EXP"), indicator, "10.00");
        reception.put("economicCode", "30217");
        LedgerClient.Answer allowed = client.post("/api/v1/expenditures", reception);
        assertThat(allowed.status()).as("%s", allowed.body()).isEqualTo(201);
        assertThat(readIndicator(indicator, allowed.body().path("sequence").asLong()).text("spent")).isEqualTo("10.00");
    }

    @Test
    void anEffectiveDateOutsideTheFiscalYearIsRefused() {
        Fixture f = fixture();
        for (String date : List.of("2025-01-01", "2023-12-31")) {
            Map<String, Object> spend = expenditure(LedgerClient.id("EXP"), f.indicator(), "10.00");
            spend.put("effectiveDate", date);
            rejectedWithoutTrace(f.indicator(), () -> client.post("/api/v1/expenditures", spend), 422,
                    "EFFECTIVE_DATE_OUTSIDE_FISCAL_YEAR");
            Map<String, Object> receive = income(LedgerClient.id("INC"), "10.00");
            receive.put("effectiveDate", date);
            rejectedWithoutTrace(f.indicator(), () -> client.post(
                    "/api/v1/indicators/" + f.indicator() + "/incomes", receive), 422,
                    "EFFECTIVE_DATE_OUTSIDE_FISCAL_YEAR");
        }
        String indicator = LedgerClient.id("IND");
        Map<String, Object> early = appropriation(indicator, f.unit(), "10.00");
        early.put("effectiveDate", "2023-12-31");
        long events = eventCount();
        assertProblem(client.post("/api/v1/indicators", early), 422, "EFFECTIVE_DATE_OUTSIDE_FISCAL_YEAR");
        assertThat(eventCount()).isEqualTo(events);
        assertProblem(readIndicator(indicator, head()), 404, "INDICATOR_NOT_FOUND");
    }

    @Test
    void theSameIdWithOtherContentIsAConflictAndARepeatAnswersTheFirstResult() {
        Fixture f = fixture();
        LedgerClient.Answer repeat = client.post("/api/v1/expenditures", expenditure(f.expenditure(), f.indicator(), "200.00"));
        assertThat(repeat.status()).isEqualTo(200);
        rejectedWithoutTrace(f.indicator(), () -> client.post("/api/v1/expenditures",
                expenditure(f.expenditure(), f.indicator(), "200.01")), 409, "ID_CONFLICT");
        Map<String, Object> other = appropriation(f.indicator(), f.unit(), "999.00");
        rejectedWithoutTrace(f.indicator(), () -> client.post("/api/v1/indicators", other), 409, "ID_CONFLICT");
    }

    @Test
    void aBodyFarTooLargeIsRefusedWith413() {
        Fixture f = fixture();
        StringBuilder padding = new StringBuilder(40 * 1024 * 1024 + 100);
        padding.append("[0");
        while (padding.length() < 40 * 1024 * 1024) {
            padding.append(",0");
        }
        padding.append(']');
        String json = "{\"expenditureId\":\"" + LedgerClient.id("EXP") + "\",\"indicatorId\":\"" + f.indicator()
                + "\",\"amount\":\"10.00\",\"economicCode\":\"30201\",\"effectiveDate\":\"2024-02-01\","
                + "\"padding\":" + padding + "}";
        long events = eventCount();
        LedgerClient.Answer answer = client.postRaw("/api/v1/expenditures", json, "application/json");
        assertThat(answer.status()).as("a %d MiB body: %s", json.length() >> 20, answer.body()).isEqualTo(413);
        assertThat(answer.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.code()).isNotBlank();
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void anIndicatorRestrictedToAnEconomicClassInsteadOfASectionIsRefused() {
        String unit = newUnit();
        String indicator = LedgerClient.id("IND");
        Map<String, Object> body = appropriation(indicator, unit, "100.00");
        body.put("economicCode", "302");
        long events = eventCount();
        LedgerClient.Answer answer = client.post("/api/v1/indicators", body);
        assertThat(answer.status()).as("an indicator restricted to the 类 302 could never pay (expenditures carry a 款): %s",
                answer.body()).isEqualTo(400);
        assertThat(answer.code()).isIn("VALIDATION_FAILED", "UNKNOWN_CODE");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void anAcceptedIndicatorWithALongProjectCodeIsReadable() {
        String unit = newUnit();
        String indicator = LedgerClient.id("IND");
        Map<String, Object> body = appropriation(indicator, unit, "100.00");
        body.put("kind", "PROJECT");
        body.put("projectCode", "P".repeat(150));
        body.put("projectName", "项".repeat(400));
        body.put("functionalCode", "2150517");
        LedgerClient.Answer answer = client.post("/api/v1/indicators", body);
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(201);
        LedgerClient.Answer read = readIndicator(indicator, answer.body().path("sequence").asLong());
        assertThat(read.status()).as("read model after an accepted posting: %s", read.body()).isEqualTo(200);
        assertThat(read.text("projectCode")).isEqualTo("P".repeat(150));
        assertThat(read.text("projectName")).isEqualTo("项".repeat(400));
    }

    @Test
    void aLongProjectNameDoesNotCostTheReadModelTheOtherPostingsOfItsBatch() {
        String unit = newUnit();
        String good = LedgerClient.id("IND");
        String project = LedgerClient.id("IND");
        Map<String, Object> projectItem = appropriationItem(project, unit, "100.00");
        projectItem.put("kind", "PROJECT");
        projectItem.put("projectCode", "P-2024-001");
        projectItem.put("projectName", "数字辽宁智造强省专项资金".repeat(30));
        projectItem.put("functionalCode", "2150517");
        LedgerClient.Answer batch = client.post("/api/v1/postings:batch", batch(true,
                appropriationItem(good, unit, "100.00"), projectItem,
                expenditureItem(LedgerClient.id("EXP"), good, "10.00")));
        if (batch.status() == 400) {
            assertProblem(batch, 400, "VALIDATION_FAILED");
            assertThat(batch.body().path("index").asInt()).isEqualTo(1);
            return;
        }
        assertThat(batch.status()).as("%s", batch.body()).isEqualTo(200);

        // the ledger moves on with another posting; reading with its sequence covers the batch
        LedgerClient.Answer later = client.post("/api/v1/indicators", appropriation(LedgerClient.id("IND"), unit, "1.00"));
        assertThat(later.status()).isEqualTo(201);
        long sequence = later.body().path("sequence").asLong();
        LedgerClient.Answer goodRead = readIndicator(good, sequence);
        assertThat(goodRead.status()).as("the batch's valid indicator in the read model: %s", goodRead.body())
                .isEqualTo(200);
        assertThat(goodRead.text("initialBudget")).isEqualTo("100.00");
        assertThat(goodRead.text("spent")).isEqualTo("10.00");
        LedgerClient.Answer projectRead = readIndicator(project, sequence);
        assertThat(projectRead.status()).as("%s", projectRead.body()).isEqualTo(200);
        assertThat(projectRead.text("projectName")).isEqualTo("数字辽宁智造强省专项资金".repeat(30));
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Sends a request that must be refused with the status and code, and checks that it wrote
     * nothing: the same events and receipts, and the same figures of the indicator once the
     * read model has caught up with everything the event store holds.
     */
    private LedgerClient.Answer rejectedWithoutTrace(String indicator, Supplier<LedgerClient.Answer> request,
                                                    int status, String code) {
        Snapshot before = snapshot(indicator);
        LedgerClient.Answer answer = request.get();
        assertProblem(answer, status, code);
        assertNothingWrittenSince(before);
        return answer;
    }
}
