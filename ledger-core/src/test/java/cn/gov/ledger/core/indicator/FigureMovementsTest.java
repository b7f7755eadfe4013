package cn.gov.ledger.core.indicator;

import static cn.gov.ledger.core.indicator.Fixtures.*;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every indicator event type, the figure it moves and by how much. The aggregate's state, the
 * balance projection and the reconciliation all count by {@link FigureMovements}, so a new event
 * type is added here first: the test fails until it has an example and an expected movement.
 */
class FigureMovementsTest {

    private static final String ID = "IND";

    /** One example of each event type, with the movement it must make (empty: none). */
    private static final Map<IndicatorEvent, Optional<FigureMovement>> EXAMPLES = Map.ofEntries(
            entry(appropriated(ID, project(), "1000.00"),
                    Optional.of(FigureMovement.of(Figure.INITIAL, yuan("1000.00")))),
            entry(new BudgetAppropriated(ID, project(), yuan("300.00"), false, JUN_30, "doc"),
                    Optional.of(FigureMovement.of(Figure.ADJUSTMENT, yuan("300.00")))),
            entry(new BudgetAdjusted(ID, "ADJ", yuan("-50.00"), "调减", JUN_30, "doc"),
                    Optional.of(FigureMovement.of(Figure.ADJUSTMENT, yuan("-50.00")))),
            entry(new BudgetTransferredOut(ID, "T1", "B", yuan("30.00"), "调剂", JUN_30, "doc"),
                    Optional.of(FigureMovement.of(Figure.ADJUSTMENT, yuan("-30.00")))),
            entry(new BudgetTransferredIn(ID, "T2", "B", yuan("5.00"), "调剂", JUN_30, "doc"),
                    Optional.of(FigureMovement.of(Figure.ADJUSTMENT, yuan("5.00")))),
            entry(incomeRecorded(ID, "IN", "900.00"),
                    Optional.of(FigureMovement.of(Figure.INCOME, yuan("900.00")))),
            entry(spent(ID, "E", "400.00", RECEPTION),
                    Optional.of(new FigureMovement(Figure.SPENT, yuan("400.00"), RECEPTION))),
            entry(new ExpenditureReversed(ID, "R", "E", yuan("150.00"), OFFICE, "退货", JUN_30),
                    Optional.of(new FigureMovement(Figure.SPENT, yuan("-150.00"), OFFICE))),
            entry(carriedForward(ID, "NEXT", "500.00"),
                    Optional.empty()),
            entry(new CarriedIn(ID, "LAST", project(), yuan("70.00"), JUN_30),
                    Optional.of(FigureMovement.of(Figure.CARRIED_IN, yuan("70.00")))),
            entry(new IncomeReversed(ID, "IR", "IN", yuan("90.00"), "退回", JUN_30),
                    Optional.of(FigureMovement.of(Figure.INCOME, yuan("-90.00")))),
            entry(new AppropriationCorrected(ID, "C1", yuan("-100.00"), yuan("900.00"), true, "录入错误", "doc", JAN_2),
                    Optional.of(FigureMovement.of(Figure.INITIAL, yuan("-100.00")))),
            entry(new ExpenditureMovedOut(ID, "M1", "E", "B", yuan("60.00"), OFFICE, "调账", JUN_30),
                    Optional.of(new FigureMovement(Figure.SPENT, yuan("-60.00"), OFFICE))),
            entry(new ExpenditureMovedIn(ID, "M2", "E", "B", yuan("40.00"), OFFICE, "记-1", "某供应商", "办公用品",
                    "调账", JUN_30),
                    Optional.of(new FigureMovement(Figure.SPENT, yuan("40.00"), OFFICE))),
            entry(new NonFiscalSurplusUsed(ID, "U1", yuan("1000.00"), JUN_30, "动用事业结余"),
                    Optional.of(FigureMovement.of(Figure.SURPLUS_USED, yuan("1000.00")))),
            entry(new SurplusAllocated(ID, "A1", yuan("200.00"), DEC_31, "提取专用基金"),
                    Optional.of(FigureMovement.of(Figure.ALLOCATED, yuan("200.00")))));

    @Test
    void everyEventTypeHasAnExample() {
        Set<Class<?>> permitted = Set.of(IndicatorEvent.class.getPermittedSubclasses());
        assertThat(EXAMPLES.keySet().stream().map(Object::getClass).collect(Collectors.toSet()))
                .isEqualTo(permitted);
    }

    @Test
    void eachEventMovesItsFigure() {
        EXAMPLES.forEach((event, movement) ->
                assertThat(FigureMovements.of(event)).as("%s", event).isEqualTo(movement));
    }

    @Test
    void theMovingEventsAreThoseWithAMovement() {
        Set<Class<?>> moving = EXAMPLES.entrySet().stream().filter(e -> e.getValue().isPresent())
                .map(e -> e.getKey().getClass()).collect(Collectors.toSet());
        assertThat(FigureMovements.movingEvents()).isEqualTo(moving);
    }

    /** The state adds each event's movement to the figure it names, and nothing to the others. */
    @Test
    void theStateAddsEachMovementToItsFigure() {
        EXAMPLES.forEach((event, movement) -> {
            IndicatorFigures before = IndicatorState.replay(List.of(appropriated(ID, project(), "1.00"))).figures();
            IndicatorFigures after = IndicatorState.replay(List.of(appropriated(ID, project(), "1.00"), event))
                    .figures();
            for (Figure figure : Figure.values()) {
                long expected = movement.filter(m -> m.figure() == figure).map(m -> m.amount().fen()).orElse(0L);
                assertThat(fen(after, figure) - fen(before, figure)).as("%s: %s", event, figure).isEqualTo(expected);
            }
        });
    }

    private static long fen(IndicatorFigures figures, Figure figure) {
        return switch (figure) {
            case INITIAL -> figures.initial().fen();
            case ADJUSTMENT -> figures.adjustments().fen();
            case CARRIED_IN -> figures.carriedIn().fen();
            case INCOME -> figures.income().fen();
            case SPENT -> figures.spent().fen();
            case SURPLUS_USED -> figures.surplusUsed().fen();
            case ALLOCATED -> figures.allocated().fen();
        };
    }
}
