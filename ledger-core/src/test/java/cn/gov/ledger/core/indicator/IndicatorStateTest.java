package cn.gov.ledger.core.indicator;

import static cn.gov.ledger.core.indicator.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.core.money.Money;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit replay: what each kind of event adds to the figures. */
class IndicatorStateTest {

    private static final String ID = "IND";

    @Test
    void eachEventGoesToItsFigure() {
        IndicatorState state = IndicatorState.replay(List.of(
                appropriated(ID, project(), "1000.00"),
                new BudgetAdjusted(ID, "ADJ-1", yuan("200.00"), "追加", JUN_30, "doc"),
                new BudgetAdjusted(ID, "ADJ-2", yuan("-50.00"), "调减", JUN_30, "doc"),
                new BudgetTransferredOut(ID, "T1", "B", yuan("30.00"), "调剂", JUN_30, "doc"),
                new BudgetTransferredIn(ID, "T2", "B", yuan("5.00"), "调剂", JUN_30, "doc"),
                incomeRecorded(ID, "IN-1", "900.00"),
                spent(ID, "E1", "400.00"),
                spent(ID, "E2", "100.00", RECEPTION),
                new ExpenditureReversed(ID, "R1", "E1", yuan("150.00"), OFFICE, "退货", JUN_30)));

        assertThat(state.indicatorId()).isEqualTo(ID);
        assertThat(state.attributes()).isEqualTo(project());
        assertThat(state.closed()).isFalse();
        assertThat(state.figures()).isEqualTo(new IndicatorFigures(yuan("1000.00"), yuan("125.00"), Money.ZERO,
                yuan("900.00"), yuan("350.00")));
        assertThat(state.figures().budget()).isEqualTo(yuan("1125.00"));
        assertThat(state.figures().authorityLeft()).isEqualTo(yuan("775.00"));
        assertThat(state.figures().fundsBalance()).isEqualTo(yuan("550.00"));
        assertThat(state.expenditure("E1")).contains(new IndicatorState.SpentItem(OFFICE, yuan("250.00"), JUN_30));
        assertThat(state.expenditure("E2")).contains(new IndicatorState.SpentItem(RECEPTION, yuan("100.00"), JUN_30));
        assertThat(state.openedOn()).isEqualTo(JAN_2);
        assertThat(state.expenditure("E3")).isEmpty();
    }

    @Test
    void aMidYearAppropriationIsAnAdjustmentNotInitialBudget() {
        IndicatorState state = IndicatorState.replay(List.of(
                new BudgetAppropriated(ID, project(), yuan("300.00"), false, JUN_30, "doc")));

        assertThat(state.figures().initial()).isEqualTo(Money.ZERO);
        assertThat(state.figures().adjustments()).isEqualTo(yuan("300.00"));
        assertThat(state.figures().authorityLeft()).isEqualTo(yuan("300.00"));
    }

    @Test
    void aCarryInOpensAnIndicatorAndACarryForwardClosesIt() {
        CarriedIn opening = new CarriedIn(ID, "IND-2023", project(), yuan("80.00"), JAN_2);
        IndicatorState open = IndicatorState.replay(List.of(opening, incomeRecorded(ID, "IN-1", "20.00")));

        assertThat(open.indicatorId()).isEqualTo(ID);
        assertThat(open.attributes()).isEqualTo(project());
        assertThat(open.figures().carriedIn()).isEqualTo(yuan("80.00"));
        assertThat(open.figures().fundsBalance()).isEqualTo(yuan("100.00"));
        assertThat(open.closed()).isFalse();

        IndicatorState closed = IndicatorState.replay(List.of(opening, incomeRecorded(ID, "IN-1", "20.00"),
                carriedForward(ID, "IND-2025", "100.00")));
        assertThat(closed.closed()).isTrue();
        // closing moves the balance to next year's indicator but rewrites no figure of this one
        assertThat(closed.figures()).isEqualTo(open.figures());
    }

    @Test
    void nothingReplayedIsNothing() {
        IndicatorState state = IndicatorState.replay(List.of());

        assertThat(state.figures()).isEqualTo(IndicatorFigures.NONE);
        assertThat(state.attributes()).isNull();
        assertThat(state.closed()).isFalse();
    }
}
