package cn.gov.ledger.api.posting;

import static cn.gov.ledger.api.testing.Postings.adjustment;
import static cn.gov.ledger.api.testing.Postings.appropriation;
import static cn.gov.ledger.api.testing.Postings.expenditure;
import static cn.gov.ledger.api.testing.Postings.income;
import static cn.gov.ledger.api.testing.Postings.reversal;
import static cn.gov.ledger.api.testing.Postings.transfer;
import static cn.gov.ledger.api.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.LedgerIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Dates that keep history consistent: a posting effective before its indicator exists, or a
 * reversal before its expenditure, is 422 with its code and writes nothing.
 */
class EffectiveDateOrderTest extends LedgerIntegrationTest {

    private static final String OPENED_ON = "2024-03-01";
    private static final String DAY_BEFORE = "2024-02-29";

    @Test
    void postingsBeforeTheIndicatorsAppropriationAreRefusedWithItsDate() {
        String unit = newUnit();
        String early = newIndicator(unit, "1000.00");
        String late = LedgerClient.id("IND");
        Map<String, Object> appropriation = appropriation(late, unit, "1000.00");
        appropriation.put("effectiveDate", OPENED_ON);
        client.post("/api/v1/indicators", appropriation).expect(201);
        Snapshot before = snapshot(early, late);

        LedgerClient.Answer spend = client.post("/api/v1/expenditures",
                dated(expenditure(LedgerClient.id("EXP"), late, "10.00"), DAY_BEFORE));
        assertProblem(spend, 422, "EFFECTIVE_DATE_BEFORE_INDICATOR");
        assertThat(spend.text("openedOn")).isEqualTo(OPENED_ON);
        assertProblem(client.post("/api/v1/indicators/" + late + "/incomes",
                dated(income(LedgerClient.id("INC"), "10.00"), DAY_BEFORE)), 422, "EFFECTIVE_DATE_BEFORE_INDICATOR");
        assertProblem(client.post("/api/v1/indicators/" + late + "/adjustments",
                dated(adjustment(LedgerClient.id("ADJ"), "10.00"), DAY_BEFORE)), 422, "EFFECTIVE_DATE_BEFORE_INDICATOR");
        assertProblem(client.post("/api/v1/transfers",
                dated(transfer(LedgerClient.id("TRF"), early, late, "10.00"), DAY_BEFORE)), 422,
                "EFFECTIVE_DATE_BEFORE_INDICATOR");
        assertProblem(client.post("/api/v1/transfers",
                dated(transfer(LedgerClient.id("TRF"), late, early, "10.00"), DAY_BEFORE)), 422,
                "EFFECTIVE_DATE_BEFORE_INDICATOR");
        assertNothingWrittenSince(before);

        client.post("/api/v1/expenditures", dated(expenditure(LedgerClient.id("EXP"), late, "10.00"), OPENED_ON))
                .expect(201);
    }

    @Test
    void aReversalBeforeItsExpenditureIsRefusedWithTheExpendituresDate() {
        String indicator = newIndicator(newUnit(), "1000.00");
        String expenditure = LedgerClient.id("EXP");
        client.post("/api/v1/expenditures", dated(expenditure(expenditure, indicator, "200.00"), "2024-06-10"))
                .expect(201);
        Snapshot before = snapshot(indicator);

        LedgerClient.Answer answer = client.post("/api/v1/expenditures/" + expenditure + "/reversals",
                dated(reversal(LedgerClient.id("REV"), "50.00"), "2024-06-09"));

        assertProblem(answer, 422, "EFFECTIVE_DATE_BEFORE_EXPENDITURE");
        assertThat(answer.text("expenditureDate")).isEqualTo("2024-06-10");
        assertNothingWrittenSince(before);
        client.post("/api/v1/expenditures/" + expenditure + "/reversals",
                dated(reversal(LedgerClient.id("REV"), "50.00"), "2024-06-10")).expect(201);
    }

    private static Map<String, Object> dated(Map<String, Object> body, String effectiveDate) {
        body.put("effectiveDate", effectiveDate);
        return body;
    }
}
