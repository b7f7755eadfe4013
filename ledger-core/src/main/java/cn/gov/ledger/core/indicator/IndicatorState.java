package cn.gov.ledger.core.indicator;

import cn.gov.ledger.core.classification.EconomicCode;
import cn.gov.ledger.core.money.Money;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an indicator's own events add up to. The aggregate decides on it, and the audit replay
 * rebuilds it from the event store without any read model.
 */
public final class IndicatorState {

    private String indicatorId;
    private IndicatorAttributes attributes;
    private IndicatorFigures figures = IndicatorFigures.NONE;
    private boolean closed;
    private final Map<String, SpentItem> expenditures = new HashMap<>();

    /** An expenditure and what is left of it after reversals. */
    public record SpentItem(EconomicCode economicCode, Money left) {
    }

    public static IndicatorState replay(Iterable<? extends IndicatorEvent> events) {
        IndicatorState state = new IndicatorState();
        events.forEach(state::apply);
        return state;
    }

    public void apply(IndicatorEvent event) {
        if (event instanceof BudgetAppropriated e) {
            indicatorId = e.indicatorId();
            attributes = e.attributes();
            figures = e.initial() ? figures.withInitial(e.amount()) : figures.withAdjustment(e.amount());
        } else if (event instanceof BudgetAdjusted e) {
            figures = figures.withAdjustment(e.amount());
        } else if (event instanceof BudgetTransferredOut e) {
            figures = figures.withAdjustment(e.amount().negate());
        } else if (event instanceof BudgetTransferredIn e) {
            figures = figures.withAdjustment(e.amount());
        } else if (event instanceof IncomeRecorded e) {
            figures = figures.withIncome(e.amount());
        } else if (event instanceof ExpenditureRecorded e) {
            figures = figures.withSpent(e.amount());
            expenditures.put(e.expenditureId(), new SpentItem(e.economicCode(), e.amount()));
        } else if (event instanceof ExpenditureReversed e) {
            figures = figures.withSpent(e.amount().negate());
            expenditures.computeIfPresent(e.expenditureId(),
                    (id, item) -> new SpentItem(item.economicCode(), item.left().minus(e.amount())));
        } else if (event instanceof CarriedForward) {
            closed = true;
        } else if (event instanceof CarriedIn e) {
            indicatorId = e.indicatorId();
            attributes = e.attributes();
            figures = figures.withCarriedIn(e.amount());
        }
    }

    public String indicatorId() {
        return indicatorId;
    }

    public IndicatorAttributes attributes() {
        return attributes;
    }

    public IndicatorFigures figures() {
        return figures;
    }

    public boolean closed() {
        return closed;
    }

    public Optional<SpentItem> expenditure(String expenditureId) {
        return Optional.ofNullable(expenditures.get(expenditureId));
    }
}
