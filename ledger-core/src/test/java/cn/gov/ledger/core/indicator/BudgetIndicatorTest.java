package cn.gov.ledger.core.indicator;

import static cn.gov.ledger.core.indicator.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.core.classification.EconomicCode;
import cn.gov.ledger.core.classification.FunctionalCode;
import java.time.LocalDate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The commands of one indicator, given its events, with Axon's aggregate test fixture (which needs
 * Hamcrest: axon-test declares it optional, so ledger-core/pom.xml adds it in test scope).
 */
class BudgetIndicatorTest {

    private static final String ID = "IND-2024-001";
    private static final EconomicCode UNKNOWN_ECONOMIC = new EconomicCode("30298");
    private static final LocalDate LAST_YEAR = LocalDate.of(YEAR - 1, 12, 31);
    private static final LocalDate NEXT_YEAR = LocalDate.of(YEAR + 1, 1, 1);

    private FixtureConfiguration<BudgetIndicator> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(BudgetIndicator.class);
        fixture.registerInjectableResource(CLASSIFICATIONS);
        fixture.registerInjectableResource(OPEN_YEARS);
    }

    /** A LedgerRejection with the given code. */
    static Matcher<LedgerRejection> rejectedWith(RejectionReason reason) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(LedgerRejection rejection) {
                return rejection.reason() == reason;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a LedgerRejection " + reason);
            }

            @Override
            protected void describeMismatchSafely(LedgerRejection rejection, Description mismatch) {
                mismatch.appendText("was " + rejection.reason() + ": " + rejection.getMessage());
            }
        };
    }

    private static BudgetAppropriated opened() {
        return appropriated(ID, project(), "1000.00");
    }

    private static CarriedForward closed() {
        return carriedForward(ID, "IND-2025-001", "0.00");
    }

    // ------------------------------------------------------------ AppropriateBudget

    @Test
    void createsTheIndicatorWithItsInitialBudget() {
        fixture.givenNoPriorActivity()
                .when(appropriate(ID, project(), "9530800.00"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new BudgetAppropriated(ID, project(), yuan("9530800.00"), true, JAN_2,
                        "辽财指〔2024〕1号"))
                .expectState(indicator -> assertThat(indicator.attributes()).isEqualTo(project()));
    }

    @Test
    void aMidYearAppropriationIsNotInitialBudget() {
        AppropriateBudget midYear = new AppropriateBudget(ID, project(), yuan("500.00"), false, JUN_30, "追加文");
        fixture.givenNoPriorActivity()
                .when(midYear)
                .expectEvents(new BudgetAppropriated(ID, project(), yuan("500.00"), false, JUN_30, "追加文"));
    }

    @Test
    void aZeroAppropriationOpensAnIndicatorToBeFundedLater() {
        fixture.givenNoPriorActivity()
                .when(appropriate(ID, project(), "0.00"))
                .expectEvents(appropriated(ID, project(), "0.00"));
    }

    @Test
    void anIndicatorMayBeRestrictedToOneEconomicSection() {
        fixture.givenNoPriorActivity()
                .when(appropriate(ID, receptionLimit(), "20000.00"))
                .expectEvents(appropriated(ID, receptionLimit(), "20000.00"));
    }

    @Test
    void anUnknownFunctionalCodeIsRefused() {
        IndicatorAttributes unknown = withFunctional(new FunctionalCode("2159998"));
        fixture.givenNoPriorActivity()
                .when(appropriate(ID, unknown, "100.00"))
                .expectException(rejectedWith(RejectionReason.UNKNOWN_CODE))
                .expectNoEvents();
    }

    @Test
    void aFunctionalCodeAboveTheItemLevelIsRefused() {
        // 21505 工业和信息产业监管 is a known 款, but indicators are kept at the 项
        IndicatorAttributes section = withFunctional(new FunctionalCode("21505"));
        fixture.givenNoPriorActivity()
                .when(appropriate(ID, section, "100.00"))
                .expectException(rejectedWith(RejectionReason.UNKNOWN_CODE))
                .expectNoEvents();
    }

    @Test
    void anUnknownEconomicRestrictionIsRefused() {
        IndicatorAttributes unknown = withEconomic(UNKNOWN_ECONOMIC);
        fixture.givenNoPriorActivity()
                .when(appropriate(ID, unknown, "100.00"))
                .expectException(rejectedWith(RejectionReason.UNKNOWN_CODE))
                .expectNoEvents();
    }

    @Test
    void aNegativeAppropriationIsRefused() {
        fixture.givenNoPriorActivity()
                .when(appropriate(ID, project(), "-0.01"))
                .expectException(rejectedWith(RejectionReason.INVALID_AMOUNT))
                .expectNoEvents();
    }

    @Test
    void anAppropriationDatedOutsideItsFiscalYearIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new AppropriateBudget(ID, project(), yuan("100.00"), true, LAST_YEAR, "doc"))
                .expectException(rejectedWith(RejectionReason.EFFECTIVE_DATE_OUTSIDE_FISCAL_YEAR))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new AppropriateBudget(ID, project(), yuan("100.00"), true, NEXT_YEAR, "doc"))
                .expectException(rejectedWith(RejectionReason.EFFECTIVE_DATE_OUTSIDE_FISCAL_YEAR))
                .expectNoEvents();
    }

    private IndicatorAttributes withFunctional(FunctionalCode code) {
        IndicatorAttributes p = project();
        return new IndicatorAttributes(p.fiscalYear(), p.unitCode(), p.fundSource(), code, p.kind(),
                p.projectCode(), p.projectName(), p.economicCode());
    }

    private IndicatorAttributes withEconomic(EconomicCode code) {
        IndicatorAttributes p = project();
        return new IndicatorAttributes(p.fiscalYear(), p.unitCode(), p.fundSource(), p.functionalCode(),
                p.kind(), p.projectCode(), p.projectName(), code);
    }

    // ------------------------------------------------------------ AdjustBudget

    @Test
    void addsASupplementaryGrant() {
        fixture.given(opened())
                .when(adjust(ID, "ADJ-1", "250.00"))
                .expectEvents(new BudgetAdjusted(ID, "ADJ-1", yuan("250.00"), "追加", JUN_30, "辽财指〔2024〕88号"));
    }

    @Test
    void mayReduceTheBudgetDownToWhatIsSpent() {
        fixture.given(opened(), spent(ID, "E1", "600.00"))
                .when(adjust(ID, "ADJ-1", "-400.00"))
                .expectEvents(new BudgetAdjusted(ID, "ADJ-1", yuan("-400.00"), "追加", JUN_30, "辽财指〔2024〕88号"));
    }

    @Test
    void mayNotReduceTheBudgetBelowWhatIsSpent() {
        fixture.given(opened(), spent(ID, "E1", "600.00"))
                .when(adjust(ID, "ADJ-1", "-400.01"))
                .expectException(rejectedWith(RejectionReason.BUDGET_BELOW_SPENT))
                .expectNoEvents();
    }

    @Test
    void countsReversalsWhenComparingWithWhatIsSpent() {
        // spent 600.00, of which 100.00 reversed: the budget may fall to 500.00, not below
        fixture.given(opened(), spent(ID, "E1", "600.00"),
                        new ExpenditureReversed(ID, "R1", "E1", yuan("100.00"), OFFICE, "退货", JUN_30))
                .when(adjust(ID, "ADJ-1", "-500.01"))
                .expectException(rejectedWith(RejectionReason.BUDGET_BELOW_SPENT))
                .expectNoEvents();
    }

    @Test
    void aZeroAdjustmentIsRefused() {
        fixture.given(opened())
                .when(adjust(ID, "ADJ-1", "0.00"))
                .expectException(rejectedWith(RejectionReason.INVALID_AMOUNT))
                .expectNoEvents();
    }

    @Test
    void anAdjustmentDatedOutsideTheFiscalYearIsRefused() {
        fixture.given(opened())
                .when(new AdjustBudget(ID, "ADJ-1", yuan("10.00"), "追加", NEXT_YEAR, "doc"))
                .expectException(rejectedWith(RejectionReason.EFFECTIVE_DATE_OUTSIDE_FISCAL_YEAR))
                .expectNoEvents();
    }

    @Test
    void aClosedIndicatorCannotBeAdjusted() {
        fixture.given(opened(), closed())
                .when(adjust(ID, "ADJ-1", "10.00"))
                .expectException(rejectedWith(RejectionReason.INDICATOR_CLOSED))
                .expectNoEvents();
    }

    // ------------------------------------------------------------ RecordIncome

    @Test
    void recordsFundsReceived() {
        fixture.given(opened())
                .when(income(ID, "IN-1", "1000.00"))
                .expectEvents(incomeRecorded(ID, "IN-1", "1000.00"));
    }

    @Test
    void incomeIsNotLimitedByTheBudget() {
        fixture.given(opened())
                .when(income(ID, "IN-1", "5000.00"))
                .expectEvents(incomeRecorded(ID, "IN-1", "5000.00"));
    }

    @Test
    void zeroIncomeIsRefused() {
        fixture.given(opened())
                .when(income(ID, "IN-1", "0.00"))
                .expectException(rejectedWith(RejectionReason.INVALID_AMOUNT))
                .expectNoEvents();
    }

    @Test
    void negativeIncomeIsRefused() {
        fixture.given(opened())
                .when(income(ID, "IN-1", "-1.00"))
                .expectException(rejectedWith(RejectionReason.INVALID_AMOUNT))
                .expectNoEvents();
    }

    @Test
    void incomeDatedOutsideTheFiscalYearIsRefused() {
        fixture.given(opened())
                .when(new RecordIncome(ID, "IN-1", yuan("1.00"), LAST_YEAR, "拨款"))
                .expectException(rejectedWith(RejectionReason.EFFECTIVE_DATE_OUTSIDE_FISCAL_YEAR))
                .expectNoEvents();
    }

    @Test
    void aClosedIndicatorReceivesNoIncome() {
        fixture.given(opened(), closed())
                .when(income(ID, "IN-1", "1.00"))
                .expectException(rejectedWith(RejectionReason.INDICATOR_CLOSED))
                .expectNoEvents();
    }

    // ------------------------------------------------------------ RecordExpenditure

    @Test
    void spendsAgainstTheBudget() {
        fixture.given(opened())
                .when(spend(ID, "E1", "300.00"))
                .expectEvents(spent(ID, "E1", "300.00"));
    }

    @Test
    void mayUseTheWholeAuthorityLeft() {
        fixture.given(opened(), spent(ID, "E1", "300.00"))
                .when(spend(ID, "E2", "700.00"))
                .expectEvents(spent(ID, "E2", "700.00"));
    }

    @Test
    void noSpendingWithoutBudget() {
        fixture.given(opened(), spent(ID, "E1", "300.00"))
                .when(spend(ID, "E2", "700.01"))
                .expectException(rejectedWith(RejectionReason.BUDGET_EXCEEDED))
                .expectNoEvents();
    }

    @Test
    void incomeIsNoAuthorityToSpend() {
        fixture.given(opened(), incomeRecorded(ID, "IN-1", "5000.00"))
                .when(spend(ID, "E1", "1000.01"))
                .expectException(rejectedWith(RejectionReason.BUDGET_EXCEEDED))
                .expectNoEvents();
    }

    @Test
    void authorityCountsAdjustmentsTransfersAndReversals() {
        // 1000 + 200 − 150 (transferred out) + 50 (in) − 800 spent + 100 reversed = 400 left
        fixture.given(opened(),
                        new BudgetAdjusted(ID, "ADJ-1", yuan("200.00"), "追加", JUN_30, "doc"),
                        new BudgetTransferredOut(ID, "T1", "OTHER", yuan("150.00"), "调剂", JUN_30, "doc"),
                        new BudgetTransferredIn(ID, "T2", "OTHER", yuan("50.00"), "调剂", JUN_30, "doc"),
                        spent(ID, "E1", "800.00"),
                        new ExpenditureReversed(ID, "R1", "E1", yuan("100.00"), OFFICE, "退货", JUN_30))
                .when(spend(ID, "E2", "400.01"))
                .expectException(rejectedWith(RejectionReason.BUDGET_EXCEEDED))
                .expectNoEvents();
        fixture.given(opened(),
                        new BudgetAdjusted(ID, "ADJ-1", yuan("200.00"), "追加", JUN_30, "doc"),
                        new BudgetTransferredOut(ID, "T1", "OTHER", yuan("150.00"), "调剂", JUN_30, "doc"),
                        new BudgetTransferredIn(ID, "T2", "OTHER", yuan("50.00"), "调剂", JUN_30, "doc"),
                        spent(ID, "E1", "800.00"),
                        new ExpenditureReversed(ID, "R1", "E1", yuan("100.00"), OFFICE, "退货", JUN_30))
                .when(spend(ID, "E2", "400.00"))
                .expectEvents(spent(ID, "E2", "400.00"));
    }

    @Test
    void theBalanceCarriedInIsAuthorityToSpend() {
        CarriedIn opening = new CarriedIn(ID, "IND-2023-001", project(), yuan("120.00"), LAST_YEAR);
        fixture.given(opening)
                .when(spend(ID, "E1", "120.01"))
                .expectException(rejectedWith(RejectionReason.BUDGET_EXCEEDED))
                .expectNoEvents();
        fixture.given(opening)
                .when(spend(ID, "E1", "120.00"))
                .expectEvents(spent(ID, "E1", "120.00"));
    }

    @Test
    void anUnknownEconomicCodeIsRefused() {
        fixture.given(opened())
                .when(spend(ID, "E1", "10.00", UNKNOWN_ECONOMIC))
                .expectException(rejectedWith(RejectionReason.UNKNOWN_CODE))
                .expectNoEvents();
    }

    @Test
    void anEconomicClassInsteadOfASectionIsRefused() {
        // 302 商品和服务支出 is a known 类, but expenditures carry a 款
        fixture.given(opened())
                .when(spend(ID, "E1", "10.00", new EconomicCode("302")))
                .expectException(rejectedWith(RejectionReason.UNKNOWN_CODE))
                .expectNoEvents();
    }

    @Test
    void aRestrictedIndicatorPaysForItsOwnEconomicCode() {
        fixture.given(appropriated(ID, receptionLimit(), "20000.00"))
                .when(spend(ID, "E1", "1500.00", RECEPTION))
                .expectEvents(spent(ID, "E1", "1500.00", RECEPTION));
    }

    @Test
    void aRestrictedIndicatorPaysForNothingElse() {
        fixture.given(appropriated(ID, receptionLimit(), "20000.00"))
                .when(spend(ID, "E1", "1500.00", OFFICE))
                .expectException(rejectedWith(RejectionReason.ECONOMIC_CODE_NOT_ALLOWED))
                .expectNoEvents();
    }

    @Test
    void anExpenditureDatedOutsideTheFiscalYearIsRefused() {
        fixture.given(opened())
                .when(new RecordExpenditure(ID, "E1", yuan("1.00"), OFFICE, NEXT_YEAR, "v", "p", "d"))
                .expectException(rejectedWith(RejectionReason.EFFECTIVE_DATE_OUTSIDE_FISCAL_YEAR))
                .expectNoEvents();
    }

    @Test
    void aZeroOrNegativeExpenditureIsRefused() {
        fixture.given(opened())
                .when(spend(ID, "E1", "0.00"))
                .expectException(rejectedWith(RejectionReason.INVALID_AMOUNT))
                .expectNoEvents();
        fixture.given(opened())
                .when(spend(ID, "E1", "-10.00"))
                .expectException(rejectedWith(RejectionReason.INVALID_AMOUNT))
                .expectNoEvents();
    }

    @Test
    void aRepeatedExpenditureIdIsAConflict() {
        fixture.given(opened(), spent(ID, "E1", "10.00"))
                .when(spend(ID, "E1", "20.00"))
                .expectException(rejectedWith(RejectionReason.ID_CONFLICT))
                .expectNoEvents();
    }

    @Test
    void aClosedIndicatorPaysNothing() {
        fixture.given(opened(), closed())
                .when(spend(ID, "E1", "1.00"))
                .expectException(rejectedWith(RejectionReason.INDICATOR_CLOSED))
                .expectNoEvents();
    }

    // ------------------------------------------------------------ ReverseExpenditure

    @Test
    void reversesTheWholeExpenditureWithItsEconomicCode() {
        fixture.given(appropriated(ID, receptionLimit(), "2000.00"), spent(ID, "E1", "300.00", RECEPTION))
                .when(reverse(ID, "R1", "E1", null))
                .expectEvents(new ExpenditureReversed(ID, "R1", "E1", yuan("300.00"), RECEPTION, "退货", JUN_30));
    }

    @Test
    void reversesPartOfAnExpenditure() {
        fixture.given(opened(), spent(ID, "E1", "300.00"))
                .when(reverse(ID, "R1", "E1", "120.00"))
                .expectEvents(new ExpenditureReversed(ID, "R1", "E1", yuan("120.00"), OFFICE, "退货", JUN_30));
    }

    @Test
    void aFullReversalAfterAPartialOneTakesWhatIsLeft() {
        fixture.given(opened(), spent(ID, "E1", "300.00"),
                        new ExpenditureReversed(ID, "R1", "E1", yuan("120.00"), OFFICE, "退货", JUN_30))
                .when(reverse(ID, "R2", "E1", null))
                .expectEvents(new ExpenditureReversed(ID, "R2", "E1", yuan("180.00"), OFFICE, "退货", JUN_30));
    }

    @Test
    void mayNotReverseMoreThanIsLeft() {
        fixture.given(opened(), spent(ID, "E1", "300.00"),
                        new ExpenditureReversed(ID, "R1", "E1", yuan("120.00"), OFFICE, "退货", JUN_30))
                .when(reverse(ID, "R2", "E1", "180.01"))
                .expectException(rejectedWith(RejectionReason.REVERSAL_EXCEEDS_EXPENDITURE))
                .expectNoEvents();
    }

    @Test
    void aFullyReversedExpenditureCannotBeReversedAgain() {
        fixture.given(opened(), spent(ID, "E1", "300.00"),
                        new ExpenditureReversed(ID, "R1", "E1", yuan("300.00"), OFFICE, "退货", JUN_30))
                .when(reverse(ID, "R2", "E1", null))
                .expectException(rejectedWith(RejectionReason.REVERSAL_EXCEEDS_EXPENDITURE))
                .expectNoEvents();
    }

    @Test
    void anUnknownExpenditureCannotBeReversed() {
        fixture.given(opened(), spent(ID, "E1", "300.00"))
                .when(reverse(ID, "R1", "E9", null))
                .expectException(rejectedWith(RejectionReason.EXPENDITURE_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void aZeroReversalIsRefused() {
        fixture.given(opened(), spent(ID, "E1", "300.00"))
                .when(reverse(ID, "R1", "E1", "0.00"))
                .expectException(rejectedWith(RejectionReason.INVALID_AMOUNT))
                .expectNoEvents();
    }

    @Test
    void aReversalDatedOutsideTheFiscalYearIsRefused() {
        fixture.given(opened(), spent(ID, "E1", "300.00"))
                .when(new ReverseExpenditure(ID, "R1", "E1", null, "退货", NEXT_YEAR))
                .expectException(rejectedWith(RejectionReason.EFFECTIVE_DATE_OUTSIDE_FISCAL_YEAR))
                .expectNoEvents();
    }

    @Test
    void aClosedIndicatorCannotReverse() {
        fixture.given(opened(), spent(ID, "E1", "300.00"), closed())
                .when(reverse(ID, "R1", "E1", null))
                .expectException(rejectedWith(RejectionReason.INDICATOR_CLOSED))
                .expectNoEvents();
    }
}
