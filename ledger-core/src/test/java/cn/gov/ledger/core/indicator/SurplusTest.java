package cn.gov.ledger.core.indicator;

import static cn.gov.ledger.core.indicator.BudgetIndicatorTest.rejectedWith;
import static cn.gov.ledger.core.indicator.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** 使用非财政拨款结余 (UseNonFiscalSurplus) and 结余分配 (AllocateSurplus), on a unit's own funds only. */
class SurplusTest {

    private static final String ID = "IND-2024-BIZ";

    private FixtureConfiguration<BudgetIndicator> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(BudgetIndicator.class);
        fixture.registerInjectableResource(CLASSIFICATIONS);
        fixture.registerInjectableResource(OPEN_YEARS);
    }

    /** A project of 事业收入 (BUSINESS), the unit's own funds. */
    private static BudgetAppropriated business() {
        IndicatorAttributes p = project();
        return appropriated(ID, new IndicatorAttributes(p.fiscalYear(), p.unitCode(), FundSource.BUSINESS,
                p.functionalCode(), p.kind(), p.projectCode(), p.projectName(), null), "1000.00");
    }

    private static UseNonFiscalSurplus use(String useId, String amount) {
        return new UseNonFiscalSurplus(ID, useId, yuan(amount), JUN_30, "动用事业结余");
    }

    private static AllocateSurplus allocate(String allocationId, String amount) {
        return new AllocateSurplus(ID, allocationId, yuan(amount), DEC_31, "提取专用基金");
    }

    @Test
    void usedSurplusAddsToTheFundsButNotToIncomeOrAuthority() {
        NonFiscalSurplusUsed used = new NonFiscalSurplusUsed(ID, "U1", yuan("1000.00"), JUN_30, "动用事业结余");
        fixture.given(business()).when(use("U1", "1000.00")).expectEvents(used);
        IndicatorFigures figures = IndicatorState.replay(List.of(business(), used)).figures();
        assertThat(figures.income()).isEqualTo(yuan("0.00"));
        assertThat(figures.surplusUsed()).isEqualTo(yuan("1000.00"));
        assertThat(figures.fundsBalance()).isEqualTo(yuan("1000.00"));
        assertThat(figures.authorityLeft()).isEqualTo(yuan("1000.00"));
    }

    @Test
    void allocationTakesFromTheFundsBalanceAndIsNotSpending() {
        NonFiscalSurplusUsed used = new NonFiscalSurplusUsed(ID, "U1", yuan("1000.00"), JUN_30, "动用事业结余");
        SurplusAllocated allocated = new SurplusAllocated(ID, "A1", yuan("200.00"), DEC_31, "提取专用基金");
        fixture.given(business(), used).when(allocate("A1", "200.00")).expectEvents(allocated);
        IndicatorFigures figures = IndicatorState.replay(List.of(business(), used, allocated)).figures();
        assertThat(figures.spent()).isEqualTo(yuan("0.00"));
        assertThat(figures.allocated()).isEqualTo(yuan("200.00"));
        assertThat(figures.fundsBalance()).isEqualTo(yuan("800.00"));
    }

    @Test
    void allocationOfMoreThanTheFundsBalanceIsRefused() {
        fixture.given(business(), incomeRecorded(ID, "IN1", "300.00"), spent(ID, "E1", "250.00"))
                .when(allocate("A1", "50.01"))
                .expectException(rejectedWith(RejectionReason.ALLOCATION_EXCEEDS_BALANCE));
    }

    @Test
    void anAppropriationHasNoNonFiscalSurplus() {
        fixture.given(appropriated(ID, project(), "1000.00"))
                .when(use("U1", "10.00"))
                .expectException(rejectedWith(RejectionReason.FUND_SOURCE_NOT_NON_FISCAL));
        fixture.given(appropriated(ID, project(), "1000.00"), incomeRecorded(ID, "IN1", "300.00"))
                .when(allocate("A1", "10.00"))
                .expectException(rejectedWith(RejectionReason.FUND_SOURCE_NOT_NON_FISCAL));
    }

    @Test
    void theAmountMustBePositive() {
        fixture.given(business()).when(use("U1", "0.00"))
                .expectException(rejectedWith(RejectionReason.INVALID_AMOUNT));
        fixture.given(business()).when(allocate("A1", "-1.00"))
                .expectException(rejectedWith(RejectionReason.INVALID_AMOUNT));
    }

    /** 年终结转 carries carried in + income + surplus used − spent − allocated into next year. */
    @Test
    void theCarryForwardCarriesTheBalanceAfterUseAndAllocation() {
        IndicatorAttributes own = business().attributes();
        try (InMemoryLedger ledger = new InMemoryLedger()) {
            ledger.accept(appropriate(ID, own, "1000.00"));
            ledger.accept(income(ID, "IN1", "500.00"));
            ledger.accept(use("U1", "1000.00"));
            ledger.accept(spend(ID, "E1", "400.00"));
            ledger.accept(allocate("A1", "200.00"));
            ledger.accept(carryForward(ID, ID + "-2025"));
            assertThat(ledger.replay(ID + "-2025").figures().carriedIn()).isEqualTo(yuan("900.00"));
        }
    }
}
