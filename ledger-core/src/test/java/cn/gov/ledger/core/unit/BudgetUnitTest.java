package cn.gov.ledger.core.unit;

import cn.gov.ledger.core.indicator.LedgerRejection;
import cn.gov.ledger.core.indicator.RejectionReason;
import java.time.LocalDate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A budget unit's commands, given its events, with Axon's aggregate test fixture. */
class BudgetUnitTest {

    private static final String CODE = "060002";
    private static final String ID = BudgetUnit.aggregateId(CODE);
    private static final UnitAttributes IN_A = new UnitAttributes("研究院", "A", "部门甲", UnitType.PUBLIC_INSTITUTION, "060001");
    private static final UnitAttributes IN_B = new UnitAttributes("研究院", "B", "部门乙", UnitType.PUBLIC_INSTITUTION, null);
    private static final LocalDate MOVE = LocalDate.of(2024, 7, 1);

    private FixtureConfiguration<BudgetUnit> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(BudgetUnit.class);
    }

    private static Matcher<LedgerRejection> rejectedWith(RejectionReason reason) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(LedgerRejection rejection) {
                return rejection.reason() == reason;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a LedgerRejection " + reason);
            }
        };
    }

    private static UnitRegistered registered() {
        return new UnitRegistered(CODE, IN_A, BudgetUnit.BEGINNING);
    }

    @Test
    void registersANewUnit() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUnit(CODE, IN_A, BudgetUnit.BEGINNING))
                .expectSuccessfulHandlerExecution()
                .expectEvents(registered());
    }

    @Test
    void refusesToRegisterAUnitTwice() {
        fixture.given(registered())
                .when(new RegisterUnit(CODE, IN_B, MOVE))
                .expectException(rejectedWith(RejectionReason.UNIT_ALREADY_REGISTERED))
                .expectNoEvents();
    }

    @Test
    void movesAUnitToAnotherDepartmentFromADate() {
        fixture.given(registered())
                .when(new ChangeUnit(CODE, IN_B, MOVE))
                .expectEvents(new UnitChanged(CODE, IN_B, MOVE));
    }

    @Test
    void refusesToChangeAnUnknownUnit() {
        fixture.givenNoPriorActivity()
                .when(new ChangeUnit(CODE, IN_B, MOVE))
                .expectException(rejectedWith(RejectionReason.UNIT_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void refusesAChangeEffectiveBeforeTheRegistration() {
        fixture.given(new UnitRegistered(CODE, IN_A, MOVE))
                .when(new ChangeUnit(CODE, IN_B, MOVE.minusDays(1)))
                .expectException(rejectedWith(RejectionReason.CHANGE_BEFORE_REGISTRATION))
                .expectNoEvents();
    }

    @Test
    void refusesAUnitThatIsItsOwnParent() {
        UnitAttributes ownParent = new UnitAttributes("研究院", "A", "部门甲", UnitType.OTHER, CODE);
        fixture.givenNoPriorActivity()
                .when(new RegisterUnit(CODE, ownParent, BudgetUnit.BEGINNING))
                .expectException(rejectedWith(RejectionReason.UNIT_PARENT_INVALID))
                .expectNoEvents();
        fixture.given(registered())
                .when(new ChangeUnit(CODE, ownParent, MOVE))
                .expectException(rejectedWith(RejectionReason.UNIT_PARENT_INVALID))
                .expectNoEvents();
    }

    @Test
    void aChangeToWhatTheUnitIsAtItsDateEmitsNothing() {
        fixture.given(registered(), new UnitChanged(CODE, IN_B, MOVE))
                .when(new ChangeUnit(CODE, IN_B, MOVE.plusMonths(1)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aChangeBackDatedBeforeALaterOneIsAVersionOfItsOwn() {
        // in A until 1 July, in B since: B from 1 March is a change (A held then), A from 1 August too
        fixture.given(registered(), new UnitChanged(CODE, IN_B, MOVE))
                .when(new ChangeUnit(CODE, IN_B, LocalDate.of(2024, 3, 1)))
                .expectEvents(new UnitChanged(CODE, IN_B, LocalDate.of(2024, 3, 1)));
        fixture.given(registered(), new UnitChanged(CODE, IN_B, MOVE))
                .when(new ChangeUnit(CODE, IN_A, MOVE.plusMonths(1)))
                .expectEvents(new UnitChanged(CODE, IN_A, MOVE.plusMonths(1)));
    }
}
