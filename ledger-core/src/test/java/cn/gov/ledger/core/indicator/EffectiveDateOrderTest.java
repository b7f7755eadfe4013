package cn.gov.ledger.core.indicator;

import static cn.gov.ledger.core.indicator.BudgetIndicatorTest.rejectedWith;
import static cn.gov.ledger.core.indicator.Fixtures.*;

import java.time.LocalDate;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.Matchers;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dates that keep history consistent: nothing is effective before its indicator exists, and no
 * reversal before its expenditure, so a read as of any date counts whatever an event depends on.
 */
class EffectiveDateOrderTest {

    private static final String ID = "IND-2024-001";
    private static final LocalDate MAR_1 = LocalDate.of(YEAR, 3, 1);
    private static final LocalDate FEB_29 = LocalDate.of(YEAR, 2, 29);
    private static final LocalDate LAST_DEC_31 = LocalDate.of(YEAR - 1, 12, 31);

    private FixtureConfiguration<BudgetIndicator> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(BudgetIndicator.class);
        fixture.registerInjectableResource(CLASSIFICATIONS);
        fixture.registerInjectableResource(OPEN_YEARS);
        fixture.registerAnnotatedCommandHandler(new YearEndCarryForward(fixture.getRepository()));
    }

    /** A rejection with these details. */
    private static Matcher<LedgerRejection> withDetails(Map<String, String> details) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(LedgerRejection rejection) {
                return rejection.details().equals(details);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a LedgerRejection with details " + details);
            }
        };
    }

    /** Appropriated on 1 March. */
    private static BudgetAppropriated openedOnMarch1() {
        return new BudgetAppropriated(ID, project(), yuan("1000.00"), true, MAR_1, "辽财指〔2024〕1号");
    }

    private static RecordExpenditure spendOn(String expenditureId, LocalDate date) {
        return new RecordExpenditure(ID, expenditureId, yuan("10.00"), OFFICE, date, "v", "p", "d");
    }

    private static ExpenditureRecorded spentOn(String expenditureId, LocalDate date) {
        return new ExpenditureRecorded(ID, expenditureId, yuan("10.00"), OFFICE, date, "v", "p", "d");
    }

    @Test
    void anExpenditureBeforeTheAppropriationIsRefusedWithTheOpeningDate() {
        fixture.given(openedOnMarch1())
                .when(spendOn("E1", FEB_29))
                .expectException(Matchers.allOf(rejectedWith(RejectionReason.EFFECTIVE_DATE_BEFORE_INDICATOR),
                        withDetails(Map.of("openedOn", "2024-03-01"))))
                .expectNoEvents();
    }

    @Test
    void anExpenditureOnTheDayOfTheAppropriationIsAccepted() {
        fixture.given(openedOnMarch1())
                .when(spendOn("E1", MAR_1))
                .expectEvents(spentOn("E1", MAR_1));
    }

    @Test
    void incomeAndAdjustmentsBeforeTheAppropriationAreRefused() {
        fixture.given(openedOnMarch1())
                .when(new RecordIncome(ID, "I1", yuan("10.00"), FEB_29, "拨款"))
                .expectException(rejectedWith(RejectionReason.EFFECTIVE_DATE_BEFORE_INDICATOR))
                .expectNoEvents();
        fixture.given(openedOnMarch1())
                .when(new AdjustBudget(ID, "A1", yuan("10.00"), "追加", FEB_29, "doc"))
                .expectException(rejectedWith(RejectionReason.EFFECTIVE_DATE_BEFORE_INDICATOR))
                .expectNoEvents();
        fixture.given(openedOnMarch1())
                .when(new AdjustBudget(ID, "A1", yuan("10.00"), "追加", MAR_1, "doc"))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aCarryForwardBeforeTheAppropriationIsRefused() {
        LocalDate january = LocalDate.of(YEAR, 1, 31);
        fixture.given(openedOnMarch1())
                .when(new CarryForward(ID, "IND-2025-001", null, null, january))
                .expectException(rejectedWith(RejectionReason.EFFECTIVE_DATE_BEFORE_INDICATOR))
                .expectNoEvents();
    }

    @Test
    void anIndicatorOpenedByLastYearsCarryForwardExistsFromThatDate() {
        CarriedIn opening = new CarriedIn(ID, "IND-2023-001", project(), yuan("120.00"), LAST_DEC_31);
        fixture.given(opening)
                .when(spendOn("E1", JAN_2.minusDays(1)))
                .expectEvents(spentOn("E1", JAN_2.minusDays(1)));
    }

    @Test
    void aCarryInBeforeALaterAppropriationOpensTheIndicatorEarlier() {
        CarriedIn carriedIn = new CarriedIn(ID, "IND-2023-001", project(), yuan("120.00"), LAST_DEC_31);
        fixture.given(openedOnMarch1(), carriedIn)
                .when(spendOn("E1", JAN_2))
                .expectEvents(spentOn("E1", JAN_2));
    }

    @Test
    void aReversalBeforeItsExpenditureIsRefusedWithTheExpendituresDate() {
        fixture.given(openedOnMarch1(), spentOn("E1", JUN_30))
                .when(new ReverseExpenditure(ID, "R1", "E1", null, "退货", JUN_30.minusDays(1)))
                .expectException(Matchers.allOf(rejectedWith(RejectionReason.EFFECTIVE_DATE_BEFORE_EXPENDITURE),
                        withDetails(Map.of("expenditureDate", "2024-06-30"))))
                .expectNoEvents();
    }

    @Test
    void aReversalOnTheDayOfItsExpenditureIsAccepted() {
        fixture.given(openedOnMarch1(), spentOn("E1", JUN_30))
                .when(new ReverseExpenditure(ID, "R1", "E1", yuan("4.00"), "退货", JUN_30))
                .expectEvents(new ExpenditureReversed(ID, "R1", "E1", yuan("4.00"), OFFICE, "退货", JUN_30));
    }

    @Test
    void aLaterReversalStillKnowsItsExpendituresDateAfterAnEarlierOne() {
        fixture.given(openedOnMarch1(), spentOn("E1", JUN_30),
                        new ExpenditureReversed(ID, "R1", "E1", yuan("4.00"), OFFICE, "退货", JUN_30))
                .when(new ReverseExpenditure(ID, "R2", "E1", null, "退货", MAR_1))
                .expectException(rejectedWith(RejectionReason.EFFECTIVE_DATE_BEFORE_EXPENDITURE))
                .expectNoEvents();
    }
}
