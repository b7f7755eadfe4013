package cn.gov.ledger.core.indicator;

import cn.gov.ledger.core.money.Money;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/**
 * Year end (年终结转): closes an indicator and opens, or adds to, next year's indicator with the
 * carried balance, in one unit of work.
 */
public class YearEndCarryForward {

    private final Repository<BudgetIndicator> indicators;

    public YearEndCarryForward(Repository<BudgetIndicator> indicators) {
        this.indicators = indicators;
    }

    @CommandHandler
    public void handle(CarryForward command) {
        Aggregate<BudgetIndicator> source = BudgetTransfers.load(indicators, command.indicatorId());
        CarriedForward decided = source.invoke(indicator -> indicator.planCarryForward(command));
        IndicatorAttributes next = source.invoke(BudgetIndicator::attributes).nextYear();
        Money carried = decided.surplusDisposition() == SurplusDisposition.CARRY
                ? decided.carryOver().plus(decided.surplus())
                : decided.carryOver();
        CarriedIn carriedIn = new CarriedIn(command.targetIndicatorId(), command.indicatorId(), next, carried,
                command.effectiveDate());

        source.execute(indicator -> indicator.carryForward(decided));
        Aggregate<BudgetIndicator> target = existing(command.targetIndicatorId());
        if (target == null) {
            try {
                indicators.newInstance(() -> new BudgetIndicator(carriedIn));
            } catch (Exception e) {
                throw new IllegalStateException("could not open indicator " + command.targetIndicatorId(), e);
            }
        } else {
            target.execute(indicator -> indicator.receiveCarryIn(carriedIn));
        }
    }

    private Aggregate<BudgetIndicator> existing(String indicatorId) {
        try {
            return indicators.load(indicatorId);
        } catch (AggregateNotFoundException e) {
            return null;
        }
    }
}
