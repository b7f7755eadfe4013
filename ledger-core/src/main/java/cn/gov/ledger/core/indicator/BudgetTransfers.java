package cn.gov.ledger.core.indicator;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/**
 * 调剂: a transfer touches two indicators, so it is decided here, with both loaded in one unit of
 * work; the two events are stored together or not at all.
 */
public class BudgetTransfers {

    private final Repository<BudgetIndicator> indicators;
    private final boolean acrossKindsAllowed;

    /**
     * @param acrossKindsAllowed whether a transfer that asks for it may move authority between kinds
     *                           of expenditure (the ledger's configuration decides)
     */
    public BudgetTransfers(Repository<BudgetIndicator> indicators, boolean acrossKindsAllowed) {
        this.indicators = indicators;
        this.acrossKindsAllowed = acrossKindsAllowed;
    }

    @CommandHandler
    public void handle(TransferBudget command) {
        if (command.fromIndicatorId().equals(command.toIndicatorId())) {
            throw TwoIndicatorRules.transferNotAllowed(TransferRule.TWO_INDICATORS, "a transfer needs two different indicators");
        }
        Aggregate<BudgetIndicator> from = load(indicators, command.fromIndicatorId());
        Aggregate<BudgetIndicator> to = load(indicators, command.toIndicatorId());
        from.execute(source -> source.transferOut(command));
        IndicatorAttributes source = from.invoke(BudgetIndicator::attributes);
        to.execute(target -> target.transferIn(command, source, acrossKindsAllowed));
    }

    static Aggregate<BudgetIndicator> load(Repository<BudgetIndicator> indicators, String indicatorId) {
        try {
            return indicators.load(indicatorId);
        } catch (AggregateNotFoundException e) {
            throw new LedgerRejection(RejectionReason.INDICATOR_NOT_FOUND, "indicator " + indicatorId + " does not exist");
        }
    }
}
