package cn.gov.ledger.api.operations;

import static cn.gov.ledger.api.testing.Postings.appropriation;
import static cn.gov.ledger.api.testing.Postings.carryForward;
import static cn.gov.ledger.api.testing.Postings.expenditure;
import static cn.gov.ledger.api.testing.Postings.surplusAllocation;
import static cn.gov.ledger.api.testing.Postings.surplusUse;
import static cn.gov.ledger.api.testing.Postings.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.reading.FigureFields;
import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.LedgerIntegrationTest;
import cn.gov.ledger.core.indicator.BudgetAppropriated;
import cn.gov.ledger.core.indicator.IndicatorEvent;
import cn.gov.ledger.core.indicator.IndicatorFigures;
import cn.gov.ledger.projections.audit.IndicatorReplay;
import cn.gov.ledger.projections.balance.TimeSlice;
import cn.gov.ledger.projections.reconciliation.Drift;
import cn.gov.ledger.projections.reconciliation.DriftDetector;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * After a workload with every type of indicator event, the sums recomputed straight from the event
 * store's rows, without the service's code, equal for every indicator in the ledger: the read model
 * (BalanceProjection), the aggregate's state replayed from the event store (IndicatorState), and what
 * the deep reconciliation (DriftDetector) sums from the events. All three count by FigureMovements.
 */
class ReadModelReconciliationTest extends LedgerIntegrationTest {

    @Autowired
    private DriftDetector detector;
    @Autowired
    private IndicatorReplay replay;
    @Test
    void everyIndicatorsFiguresEqualTheSumsOfItsEvents() throws Exception {
        postMixedWorkload();
        long head = head();

        assertThat(jdbc.queryForList("SELECT DISTINCT payload_type FROM domain_event_entry", String.class))
                .as("the workload has every type of indicator event")
                .containsAll(Arrays.stream(IndicatorEvent.class.getPermittedSubclasses()).map(Class::getName).toList());
        assertThat(jdbc.queryForList("SELECT DISTINCT convert_from(payload, 'UTF8')::jsonb ->> 'initial'"
                + " FROM domain_event_entry WHERE payload_type = ?", String.class, BudgetAppropriated.class.getName()))
                .as("initial and mid-year appropriations").contains("true", "false");

        Map<String, Map<String, Long>> expected = sumsOfEvents();
        assertThat(expected).isNotEmpty();
        for (Map.Entry<String, Map<String, Long>> indicator : expected.entrySet()) {
            LedgerClient.Answer read = readIndicator(indicator.getKey(), head);
            assertThat(read.status()).as(indicator.getKey()).isEqualTo(200);
            IndicatorFigures state = replay.replay(indicator.getKey(), TimeSlice.NOW).orElseThrow().state().figures();
            for (String figure : SUMMED_FIGURES) {
                BigDecimal want = BigDecimal.valueOf(indicator.getValue().getOrDefault(figure, 0L), 2);
                assertThat(new BigDecimal(read.text(figure))).as("read model: %s %s", indicator.getKey(), figure)
                        .isEqualByComparingTo(want);
                assertThat(new BigDecimal(FigureFields.of(state).get(figure).toString()))
                        .as("state: %s %s", indicator.getKey(), figure).isEqualByComparingTo(want);
            }
        }
        Drift deep = detector.check(true);
        assertThat(deep.checkedUpTo()).isGreaterThanOrEqualTo(head);
        assertThat(deep.drifted()).as("%s", deep).isFalse();
    }

    private void postMixedWorkload() {
        String unit = newUnit();
        String a = newIndicator(unit, "5000.00");
        String b = newIndicator(unit, "3000.00");
        Map<String, Object> midYear = appropriation(LedgerClient.id("IND"), unit, "800.00");
        midYear.put("initial", false);
        assertThat(client.post("/api/v1/indicators", midYear).status()).isEqualTo(201);
        client.post("/api/v1/indicators/" + a + "/adjustments", Map.of("adjustmentId", LedgerClient.id("A"),
                "amount", "-500.00", "reason", "调减", "effectiveDate", "2024-04-01"));
        client.post("/api/v1/transfers", transfer(LedgerClient.id("T"), a, b, "700.00"));
        String income = LedgerClient.id("I");
        client.post("/api/v1/indicators/" + b + "/incomes", Map.of("incomeId", income,
                "amount", "3700.00", "effectiveDate", "2024-05-02"));
        client.post("/api/v1/incomes/" + income + "/reversals", Map.of("reversalId", LedgerClient.id("IR"),
                "amount", "200.00", "reason", "退回", "effectiveDate", "2024-05-03")).expect(201);
        client.post("/api/v1/indicators/" + a + "/appropriation-corrections", Map.of("correctionId",
                LedgerClient.id("C"), "correctedAmount", "5100.00", "reason", "录入错误")).expect(201);
        client.post("/api/v1/indicators/" + midYear.get("indicatorId") + "/appropriation-corrections", Map.of(
                "correctionId", LedgerClient.id("C"), "correctedAmount", "750.00", "reason", "录入错误")).expect(201);
        for (int i = 0; i < 5; i++) {
            String e = LedgerClient.id("E");
            client.post("/api/v1/expenditures", expenditure(e, i % 2 == 0 ? a : b, "123.45"));
            if (i % 2 == 1) {
                client.post("/api/v1/expenditures/" + e + "/reversals", Map.of("reversalId", LedgerClient.id("R"),
                        "amount", "23.45", "reason", "冲销", "effectiveDate", "2024-06-01"));
            }
        }
        String misbooked = LedgerClient.id("E");
        client.post("/api/v1/expenditures", expenditure(misbooked, a, "10.00"));
        client.post("/api/v1/expenditures/" + misbooked + "/moves", Map.of("moveId", LedgerClient.id("M"),
                "toIndicatorId", b, "reason", "调账"));
        client.post("/api/v1/indicators/" + b + "/carry-forward", carryForward(b + "-2025", null, "CARRY"));
        Map<String, Object> business = appropriation(LedgerClient.id("IND"), unit, "2000.00");
        business.put("fundSource", "BUSINESS");
        String own = business.get("indicatorId").toString();
        client.post("/api/v1/indicators", business).expect(201);
        client.post("/api/v1/indicators/" + own + "/surplus-uses", surplusUse(LedgerClient.id("U"), "1000.00"))
                .expect(201);
        client.post("/api/v1/indicators/" + own + "/surplus-allocations",
                surplusAllocation(LedgerClient.id("SA"), "200.00")).expect(201);
    }
}
