package cn.gov.ledger.core.indicator;

import static cn.gov.ledger.core.indicator.BudgetIndicatorTest.rejectedWith;
import static cn.gov.ledger.core.indicator.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The two corrections of an indicator: 收入冲销 (ReverseIncome) and 更正指标金额 (CorrectAppropriation). */
class CorrectionTest {

    private static final String ID = "IND-2024-001";
    private static final LocalDate MAR_1 = LocalDate.of(YEAR, 3, 1);
    private static final LocalDate SEP_1 = LocalDate.of(YEAR, 9, 1);

    private FixtureConfiguration<BudgetIndicator> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(BudgetIndicator.class);
        fixture.registerInjectableResource(CLASSIFICATIONS);
        fixture.registerInjectableResource(OPEN_YEARS);
    }

    private static BudgetAppropriated opened() {
        return appropriated(ID, project(), "1000.00");
    }

    private static ReverseIncome reverseIncome(String reversalId, String incomeId, String amount, LocalDate date) {
        return new ReverseIncome(ID, reversalId, incomeId, amount == null ? null : yuan(amount), "退回多拨", date);
    }

    private static CorrectAppropriation correct(String correctionId, String correctedAmount) {
        return new CorrectAppropriation(ID, correctionId, yuan(correctedAmount), "录入错误", "更正文");
    }

    private static AppropriationCorrected corrected(String correctionId, String change, String correctedAmount) {
        return new AppropriationCorrected(ID, correctionId, yuan(change), yuan(correctedAmount), true, "录入错误", "更正文",
                JAN_2);
    }

    /** A LedgerRejection with this code and these details. */
    private static Matcher<LedgerRejection> rejectedWithDetails(RejectionReason reason, Map<String, String> details) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(LedgerRejection rejection) {
                return rejection.reason() == reason && rejection.details().equals(details);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a LedgerRejection " + reason + " " + details);
            }
        };
    }

    // ------------------------------------------------------------ ReverseIncome

    @Test
    void reversesAllThatIsLeftOfAnIncomeWhenNoAmountIsGiven() {
        IncomeReversed first = new IncomeReversed(ID, "IR1", "IN1", yuan("300.00"), "退回多拨", JUN_30);
        IncomeReversed rest = new IncomeReversed(ID, "IR2", "IN1", yuan("500.00"), "退回多拨", DEC_31);
        fixture.given(opened(), incomeRecorded(ID, "IN1", "800.00"), first)
                .when(reverseIncome("IR2", "IN1", null, DEC_31))
                .expectEvents(rest);
        IndicatorState state = IndicatorState.replay(List.of(opened(), incomeRecorded(ID, "IN1", "800.00"), first,
                rest));
        assertThat(state.figures().income()).isEqualTo(yuan("0.00"));
        assertThat(state.income("IN1").orElseThrow().left()).isEqualTo(yuan("0.00"));
    }

    @Test
    void reversesPartOfAnIncomeAndTheFundsBalanceFallsWithIt() {
        IncomeReversed reversed = new IncomeReversed(ID, "IR1", "IN1", yuan("200.00"), "退回多拨", JUN_30);
        fixture.given(opened(), incomeRecorded(ID, "IN1", "800.00"))
                .when(reverseIncome("IR1", "IN1", "200.00", JUN_30))
                .expectEvents(reversed);
        IndicatorState state = IndicatorState.replay(List.of(opened(), incomeRecorded(ID, "IN1", "800.00"),
                reversed));
        assertThat(state.figures().income()).isEqualTo(yuan("600.00"));
        assertThat(state.figures().fundsBalance()).isEqualTo(yuan("600.00"));
        assertThat(state.figures().authorityLeft()).isEqualTo(yuan("1000.00"));
    }

    @Test
    void anIncomeReversalMayLeaveTheFundsBalanceNegativeLikeSpendingBeforeFundsArrive() {
        fixture.given(opened(), incomeRecorded(ID, "IN1", "800.00"), spent(ID, "E1", "700.00"))
                .when(reverseIncome("IR1", "IN1", null, JUN_30))
                .expectEvents(new IncomeReversed(ID, "IR1", "IN1", yuan("800.00"), "退回多拨", JUN_30));
    }

    @Test
    void refusesMoreThanIsLeftOfTheIncome() {
        fixture.given(opened(), incomeRecorded(ID, "IN1", "800.00"),
                        new IncomeReversed(ID, "IR1", "IN1", yuan("300.00"), "退回多拨", JUN_30))
                .when(reverseIncome("IR2", "IN1", "500.01", JUN_30))
                .expectException(rejectedWithDetails(RejectionReason.REVERSAL_EXCEEDS_INCOME,
                        Map.of("leftToReverse", "500.00")))
                .expectNoEvents();
    }

    @Test
    void refusesToReverseAnIncomeWithNothingLeft() {
        fixture.given(opened(), incomeRecorded(ID, "IN1", "800.00"),
                        new IncomeReversed(ID, "IR1", "IN1", yuan("800.00"), "退回多拨", JUN_30))
                .when(reverseIncome("IR2", "IN1", null, JUN_30))
                .expectException(rejectedWith(RejectionReason.REVERSAL_EXCEEDS_INCOME))
                .expectNoEvents();
    }

    @Test
    void refusesAnIncomeReversalBeforeItsIncome() {
        fixture.given(opened(), incomeRecorded(ID, "IN1", "800.00"))
                .when(reverseIncome("IR1", "IN1", "1.00", MAR_1))
                .expectException(rejectedWithDetails(RejectionReason.EFFECTIVE_DATE_BEFORE_INCOME,
                        Map.of("incomeDate", JUN_30.toString())))
                .expectNoEvents();
    }

    @Test
    void refusesAnIncomeReversalOfAnUnknownIncome() {
        fixture.given(opened(), incomeRecorded(ID, "IN1", "800.00"))
                .when(reverseIncome("IR1", "IN-NEVER", null, JUN_30))
                .expectException(rejectedWith(RejectionReason.INCOME_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void refusesAnIncomeReversalOutsideTheYearNotPositiveOrOnAClosedIndicator() {
        fixture.given(opened(), incomeRecorded(ID, "IN1", "800.00"))
                .when(reverseIncome("IR1", "IN1", "1.00", LocalDate.of(YEAR + 1, 1, 1)))
                .expectException(rejectedWith(RejectionReason.EFFECTIVE_DATE_OUTSIDE_FISCAL_YEAR))
                .expectNoEvents();
        fixture.given(opened(), incomeRecorded(ID, "IN1", "800.00"))
                .when(reverseIncome("IR1", "IN1", "0.00", JUN_30))
                .expectException(rejectedWith(RejectionReason.INVALID_AMOUNT))
                .expectNoEvents();
        fixture.given(opened(), incomeRecorded(ID, "IN1", "800.00"), carriedForward(ID, "IND-2025-001", "800.00"))
                .when(reverseIncome("IR1", "IN1", "1.00", DEC_31))
                .expectException(rejectedWith(RejectionReason.INDICATOR_CLOSED))
                .expectNoEvents();
    }

    // ------------------------------------------------------------ CorrectAppropriation

    @Test
    void correctsTheInitialBudgetAtTheAppropriationsDate() {
        fixture.given(opened())
                .when(correct("C1", "950.00"))
                .expectEvents(corrected("C1", "-50.00", "950.00"));
        IndicatorState state = IndicatorState.replay(List.of(opened(), corrected("C1", "-50.00", "950.00")));
        assertThat(state.figures().initial()).isEqualTo(yuan("950.00"));
        assertThat(state.figures().adjustments()).isEqualTo(yuan("0.00"));
        assertThat(state.appropriation().orElseThrow().amount()).isEqualTo(yuan("950.00"));
    }

    @Test
    void noCorrectionOnceTheIndicatorsYearIsClosed() {
        FixtureConfiguration<BudgetIndicator> closedYears = new AggregateTestFixture<>(BudgetIndicator.class);
        closedYears.registerInjectableResource(CLASSIFICATIONS);
        closedYears.registerInjectableResource((YearLock) (unitCode, fiscalYear) -> fiscalYear == YEAR);
        closedYears.given(opened())
                .when(correct("C1", "950.00"))
                .expectException(rejectedWith(RejectionReason.FISCAL_YEAR_CLOSED))
                .expectNoEvents();
    }

    @Test
    void aCorrectionOfACorrectionStartsFromTheCorrectedAmount() {
        fixture.given(opened(), corrected("C1", "-50.00", "950.00"))
                .when(correct("C2", "1200.00"))
                .expectEvents(corrected("C2", "250.00", "1200.00"));
    }

    @Test
    void aMidYearAppropriationIsCorrectedAsAnAdjustment() {
        BudgetAppropriated midYear = new BudgetAppropriated(ID, project(), yuan("500.00"), false, JUN_30, "追加文");
        fixture.given(midYear)
                .when(correct("C1", "400.00"))
                .expectEvents(new AppropriationCorrected(ID, "C1", yuan("-100.00"), yuan("400.00"), false, "录入错误",
                        "更正文", JUN_30));
    }

    @Test
    void refusesACorrectionThatWouldLeaveLessAuthorityThanSpentToday() {
        fixture.given(opened(), spent(ID, "E1", "900.00"))
                .when(correct("C1", "899.99"))
                .expectException(rejectedWithDetails(RejectionReason.BUDGET_BELOW_SPENT,
                        Map.of("date", JUN_30.toString(), "authorityLeft", "100.00")))
                .expectNoEvents();
    }

    /**
     * A 追加 in September covers spending then; as of June the appropriation alone covers what was
     * spent by June, so a correction that today's figures allow is refused, naming 30 June.
     */
    @Test
    void refusesACorrectionThatWouldLeaveAnEarlierDateWithoutAuthority() {
        BudgetAdjusted september = new BudgetAdjusted(ID, "A1", yuan("500.00"), "追加", SEP_1, "doc");
        fixture.given(opened(), spent(ID, "E1", "800.00"), september)
                .when(correct("C1", "700.00"))
                .expectException(rejectedWithDetails(RejectionReason.BUDGET_BELOW_SPENT,
                        Map.of("date", JUN_30.toString(), "authorityLeft", "200.00")))
                .expectNoEvents();
        fixture.given(opened(), spent(ID, "E1", "800.00"), september)
                .when(correct("C1", "800.00"))
                .expectEvents(corrected("C1", "-200.00", "800.00"));
    }

    @Test
    void refusesACorrectionToTheSameAmountOrANegativeOne() {
        fixture.given(opened())
                .when(correct("C1", "1000.00"))
                .expectException(rejectedWith(RejectionReason.INVALID_AMOUNT))
                .expectNoEvents();
        fixture.given(opened())
                .when(correct("C1", "-1.00"))
                .expectException(rejectedWith(RejectionReason.INVALID_AMOUNT))
                .expectNoEvents();
    }

    @Test
    void refusesACorrectionOnAClosedIndicatorOrOneOpenedByACarryIn() {
        fixture.given(opened(), carriedForward(ID, "IND-2025-001", "0.00"))
                .when(correct("C1", "900.00"))
                .expectException(rejectedWith(RejectionReason.INDICATOR_CLOSED))
                .expectNoEvents();
        fixture.given(new CarriedIn(ID, "IND-2023-001", project(), yuan("70.00"), LocalDate.of(YEAR - 1, 12, 31)))
                .when(correct("C1", "900.00"))
                .expectException(rejectedWith(RejectionReason.APPROPRIATION_NOT_FOUND))
                .expectNoEvents();
    }
}
