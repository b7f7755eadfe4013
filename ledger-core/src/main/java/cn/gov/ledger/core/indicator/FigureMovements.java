package cn.gov.ledger.core.indicator;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The one place that says which figure each indicator event moves and by how much. The aggregate's
 * state, the balance projection and the reconciliation of the read models all count by it.
 * {@link CarriedForward} moves none: it closes its indicator, and what it carries arrives as the
 * target's {@link CarriedIn}.
 */
public final class FigureMovements {

    private static final Map<Class<? extends IndicatorEvent>, Function<IndicatorEvent, FigureMovement>> BY_EVENT =
            Map.ofEntries(
                    rule(BudgetAppropriated.class, e -> FigureMovement.of(
                            e.initial() ? Figure.INITIAL : Figure.ADJUSTMENT, e.amount())),
                    rule(BudgetAdjusted.class, e -> FigureMovement.of(Figure.ADJUSTMENT, e.amount())),
                    rule(BudgetTransferredOut.class, e -> FigureMovement.of(Figure.ADJUSTMENT, e.amount().negate())),
                    rule(BudgetTransferredIn.class, e -> FigureMovement.of(Figure.ADJUSTMENT, e.amount())),
                    rule(IncomeRecorded.class, e -> FigureMovement.of(Figure.INCOME, e.amount())),
                    rule(ExpenditureRecorded.class,
                            e -> new FigureMovement(Figure.SPENT, e.amount(), e.economicCode())),
                    rule(ExpenditureReversed.class,
                            e -> new FigureMovement(Figure.SPENT, e.amount().negate(), e.economicCode())),
                    rule(CarriedIn.class, e -> FigureMovement.of(Figure.CARRIED_IN, e.amount())),
                    rule(IncomeReversed.class, e -> FigureMovement.of(Figure.INCOME, e.amount().negate())),
                    rule(AppropriationCorrected.class, e -> FigureMovement.of(
                            e.initial() ? Figure.INITIAL : Figure.ADJUSTMENT, e.amount())),
                    rule(ExpenditureMovedOut.class,
                            e -> new FigureMovement(Figure.SPENT, e.amount().negate(), e.economicCode())),
                    rule(ExpenditureMovedIn.class,
                            e -> new FigureMovement(Figure.SPENT, e.amount(), e.economicCode())),
                    rule(NonFiscalSurplusUsed.class, e -> FigureMovement.of(Figure.SURPLUS_USED, e.amount())),
                    rule(SurplusAllocated.class, e -> FigureMovement.of(Figure.ALLOCATED, e.amount())));

    private FigureMovements() {
    }

    /** The figure {@code event} moves, or empty for an event that moves none. */
    public static Optional<FigureMovement> of(IndicatorEvent event) {
        Function<IndicatorEvent, FigureMovement> rule = BY_EVENT.get(event.getClass());
        return rule == null ? Optional.empty() : Optional.of(rule.apply(event));
    }

    /** The event types that move a figure: each has one movement. */
    public static Set<Class<? extends IndicatorEvent>> movingEvents() {
        return BY_EVENT.keySet();
    }

    private static <E extends IndicatorEvent> Map.Entry<Class<? extends IndicatorEvent>,
            Function<IndicatorEvent, FigureMovement>> rule(Class<E> type, Function<E, FigureMovement> movement) {
        return Map.entry(type, event -> movement.apply(type.cast(event)));
    }
}
