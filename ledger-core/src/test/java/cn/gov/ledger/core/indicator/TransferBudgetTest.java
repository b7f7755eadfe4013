package cn.gov.ledger.core.indicator;

import static cn.gov.ledger.core.indicator.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.core.money.Money;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** 调剂 through {@link BudgetTransfers}, over a real event-sourcing repository and unit of work. */
class TransferBudgetTest {

    private InMemoryLedger ledger;

    @BeforeEach
    void twoIndicatorsOfOneUnit() {
        ledger = new InMemoryLedger();
        ledger.accept(appropriate("A", project(), "1000.00"));
        ledger.accept(appropriate("B", project(), "200.00"));
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void transferMovesAuthorityAndNetsToZero() {
        ledger.accept(transfer("T1", "A", "B", "300.00"));

        assertThat(ledger.events("A")).last().isEqualTo(new BudgetTransferredOut("A", "T1", "B", yuan("300.00"),
                "调剂", JUN_30, "辽财指〔2024〕99号"));
        assertThat(ledger.events("B")).last().isEqualTo(new BudgetTransferredIn("B", "T1", "A", yuan("300.00"),
                "调剂", JUN_30, "辽财指〔2024〕99号"));

        IndicatorFigures a = ledger.replay("A").figures();
        IndicatorFigures b = ledger.replay("B").figures();
        assertThat(a.adjustments()).isEqualTo(yuan("-300.00"));
        assertThat(a.authorityLeft()).isEqualTo(yuan("700.00"));
        assertThat(b.adjustments()).isEqualTo(yuan("300.00"));
        assertThat(b.authorityLeft()).isEqualTo(yuan("500.00"));
        assertThat(a.adjustments().plus(b.adjustments())).isEqualTo(Money.ZERO);
        assertThat(a.budget().plus(b.budget())).isEqualTo(yuan("1200.00"));
        // the initial budget is untouched: a transfer is an adjustment
        assertThat(a.initial()).isEqualTo(yuan("1000.00"));
    }

    @Test
    void transferredAuthorityCanBeSpentAtTheTarget() {
        ledger.accept(transfer("T1", "A", "B", "300.00"));

        ledger.accept(spend("B", "E1", "500.00"));
        assertThat(ledger.reject(spend("B", "E2", "0.01"))).isEqualTo(RejectionReason.BUDGET_EXCEEDED);
        assertThat(ledger.reject(spend("A", "E3", "700.01"))).isEqualTo(RejectionReason.BUDGET_EXCEEDED);
    }

    @Test
    void theWholeAuthorityLeftMayBeTransferred() {
        ledger.accept(spend("A", "E1", "900.00"));

        ledger.accept(transfer("T1", "A", "B", "100.00"));

        assertThat(ledger.replay("A").figures().authorityLeft()).isEqualTo(Money.ZERO);
    }

    @Test
    void sourceLackingAuthorityIsRefusedAndNothingIsStoredForEither() {
        ledger.accept(spend("A", "E1", "900.00"));
        List<Object> before = ledger.allEvents();

        assertThat(ledger.reject(transfer("T1", "A", "B", "100.01"))).isEqualTo(RejectionReason.BUDGET_EXCEEDED);

        assertThat(ledger.allEvents()).isEqualTo(before);
        assertThat(ledger.events("A")).noneMatch(BudgetTransferredOut.class::isInstance);
        assertThat(ledger.events("B")).noneMatch(BudgetTransferredIn.class::isInstance);
    }

    @Test
    void transferToAnotherUnitIsNotAllowedAndTheSourceKeepsItsAuthority() {
        ledger.accept(appropriate("C", project(YEAR, OTHER_UNIT), "100.00"));
        List<Object> before = ledger.allEvents();

        LedgerRejection rejection = ledger.send(transfer("T1", "A", "C", "100.00")).orElseThrow();

        assertThat(rejection.reason()).isEqualTo(RejectionReason.TRANSFER_NOT_ALLOWED);
        assertThat(rejection.details()).containsEntry("rule", "SAME_UNIT");

        // the source's event was applied before the target refused: the unit of work must drop it
        assertThat(ledger.allEvents()).isEqualTo(before);
        assertThat(ledger.replay("A").figures().authorityLeft()).isEqualTo(yuan("1000.00"));
    }

    @Test
    void transferToAnotherFiscalYearIsNotAllowed() {
        ledger.accept(appropriate("A2025", project(YEAR + 1, UNIT), "100.00"));
        List<Object> before = ledger.allEvents();

        LedgerRejection rejection = ledger.send(transfer("T1", "A", "A2025", "100.00")).orElseThrow();

        assertThat(rejection.reason()).isEqualTo(RejectionReason.TRANSFER_NOT_ALLOWED);
        assertThat(rejection.details()).containsEntry("rule", "SAME_FISCAL_YEAR");

        assertThat(ledger.allEvents()).isEqualTo(before);
    }

    @Test
    void transferToTheSameIndicatorIsNotAllowed() {
        List<Object> before = ledger.allEvents();

        assertThat(ledger.reject(transfer("T1", "A", "A", "100.00"))).isEqualTo(RejectionReason.TRANSFER_NOT_ALLOWED);

        assertThat(ledger.allEvents()).isEqualTo(before);
    }

    @Test
    void transferFromAClosedIndicatorIsRefused() {
        ledger.accept(income("A", "I1", "1000.00"));
        ledger.accept(carryForward("A", "A2025"));
        List<Object> before = ledger.allEvents();

        assertThat(ledger.reject(transfer("T1", "A", "B", "100.00"))).isEqualTo(RejectionReason.INDICATOR_CLOSED);

        assertThat(ledger.allEvents()).isEqualTo(before);
    }

    @Test
    void transferToAClosedIndicatorIsRefusedAndTheSourceKeepsItsAuthority() {
        ledger.accept(income("B", "I1", "200.00"));
        ledger.accept(carryForward("B", "B2025"));
        List<Object> before = ledger.allEvents();

        assertThat(ledger.reject(transfer("T1", "A", "B", "100.00"))).isEqualTo(RejectionReason.INDICATOR_CLOSED);

        assertThat(ledger.allEvents()).isEqualTo(before);
        assertThat(ledger.replay("A").figures().authorityLeft()).isEqualTo(yuan("1000.00"));
    }

    @Test
    void transferWithAnUnknownIndicatorIsRefused() {
        List<Object> before = ledger.allEvents();

        assertThat(ledger.reject(transfer("T1", "NOPE", "B", "100.00"))).isEqualTo(RejectionReason.INDICATOR_NOT_FOUND);
        assertThat(ledger.reject(transfer("T2", "A", "NOPE", "100.00"))).isEqualTo(RejectionReason.INDICATOR_NOT_FOUND);

        assertThat(ledger.allEvents()).isEqualTo(before);
    }

    @Test
    void transferOfNothingOrLessIsRefused() {
        List<Object> before = ledger.allEvents();

        assertThat(ledger.reject(transfer("T1", "A", "B", "0.00"))).isEqualTo(RejectionReason.INVALID_AMOUNT);
        assertThat(ledger.reject(transfer("T2", "A", "B", "-5.00"))).isEqualTo(RejectionReason.INVALID_AMOUNT);

        assertThat(ledger.allEvents()).isEqualTo(before);
    }

    // ------------------------------------------------------------ 专款专用 and kinds of expenditure

    @Test
    void transferToAnotherFundSourceIsNotAllowedAndNamesTheRule() {
        ledger.accept(appropriate("F", withFundSource(project(), FundSource.BUSINESS), "100.00"));
        List<Object> before = ledger.allEvents();

        LedgerRejection rejection = ledger.send(transfer("T1", "A", "F", "100.00")).orElseThrow();

        assertThat(rejection.reason()).isEqualTo(RejectionReason.TRANSFER_NOT_ALLOWED);
        assertThat(rejection.details()).containsEntry("rule", "SAME_FUND_SOURCE");
        assertThat(rejection.getMessage()).contains("GENERAL_BUDGET → BUSINESS");
        assertThat(ledger.allEvents()).isEqualTo(before);
    }

    @Test
    void transferBetweenBasicAndProjectNeedsTheRequestToSaySo() {
        ledger.accept(appropriate("BASIC", basic(), "100.00"));
        List<Object> before = ledger.allEvents();

        LedgerRejection rejection = ledger.send(transfer("T1", "A", "BASIC", "100.00")).orElseThrow();

        assertThat(rejection.reason()).isEqualTo(RejectionReason.TRANSFER_NOT_ALLOWED);
        assertThat(rejection.details()).containsEntry("rule", "SAME_KIND");
        assertThat(ledger.allEvents()).isEqualTo(before);
    }

    @Test
    void transferBetweenKindsAskedForIsRefusedWhereTheLedgerDoesNotAllowIt() {
        ledger.accept(appropriate("BASIC", basic(), "100.00"));
        List<Object> before = ledger.allEvents();

        LedgerRejection rejection = ledger.send(acrossKinds(transfer("T1", "BASIC", "A", "100.00"))).orElseThrow();

        assertThat(rejection.reason()).isEqualTo(RejectionReason.TRANSFER_NOT_ALLOWED);
        assertThat(rejection.details()).containsEntry("rule", "ACROSS_KINDS_ENABLED");
        assertThat(ledger.allEvents()).isEqualTo(before);
    }

    @Test
    void transferBetweenKindsAskedForAndAllowedMovesTheAuthority() {
        try (InMemoryLedger allowing = new InMemoryLedger(true)) {
            allowing.accept(appropriate("A", project(), "1000.00"));
            allowing.accept(appropriate("BASIC", basic(), "100.00"));
            assertThat(allowing.send(transfer("T1", "A", "BASIC", "100.00")).orElseThrow().details())
                    .containsEntry("rule", "SAME_KIND");

            allowing.accept(acrossKinds(transfer("T2", "A", "BASIC", "100.00")));

            assertThat(allowing.replay("BASIC").figures().budget()).isEqualTo(yuan("200.00"));
            // the fund source stays a rule even where kinds may be crossed
            allowing.accept(appropriate("F", withFundSource(basic(), FundSource.GOVERNMENT_FUND), "0"));
            assertThat(allowing.send(acrossKinds(transfer("T3", "A", "F", "1.00"))).orElseThrow().details())
                    .containsEntry("rule", "SAME_FUND_SOURCE");
        }
    }

    @Test
    void sayingAcrossKindsChangesNothingWithinOneKind() {
        ledger.accept(acrossKinds(transfer("T1", "A", "B", "300.00")));

        assertThat(ledger.replay("B").figures().budget()).isEqualTo(yuan("500.00"));
    }

    @Test
    void aTransferBeforeEitherIndicatorExistsIsRefused() {
        ledger.accept(new AppropriateBudget("LATE", project(), yuan("100.00"), true, JUN_30.plusDays(1), "doc"));
        List<Object> before = ledger.allEvents();

        assertThat(ledger.reject(transfer("T1", "A", "LATE", "10.00")))
                .isEqualTo(RejectionReason.EFFECTIVE_DATE_BEFORE_INDICATOR);
        assertThat(ledger.reject(transfer("T2", "LATE", "A", "10.00")))
                .isEqualTo(RejectionReason.EFFECTIVE_DATE_BEFORE_INDICATOR);

        assertThat(ledger.allEvents()).isEqualTo(before);
    }

    private static IndicatorAttributes withFundSource(IndicatorAttributes a, FundSource fundSource) {
        return new IndicatorAttributes(a.fiscalYear(), a.unitCode(), fundSource, a.functionalCode(), a.kind(),
                a.projectCode(), a.projectName(), a.economicCode());
    }

    private static TransferBudget acrossKinds(TransferBudget t) {
        return new TransferBudget(t.transferId(), t.fromIndicatorId(), t.toIndicatorId(), t.amount(), t.reason(),
                t.effectiveDate(), t.documentRef(), true);
    }
}
