package cn.gov.ledger.core.indicator;

import java.util.HashSet;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.axonframework.commandhandling.CommandHandler;

/**
 * 调账: a move touches two indicators, so it is decided here, as {@link BudgetTransfers} decides a
 * transfer: the source's {@link ExpenditureMovedOut} and the target's {@link ExpenditureMovedIn} are
 * stored together or not at all.
 */
public class ExpenditureMoves {

    /** How an expenditure was paid, as its posting (or the move that brought it) recorded it. */
    record Paid(String voucherNo, String payee, String description) {
        static final Paid UNKNOWN = new Paid(null, null, null);
    }

    private final Repository<BudgetIndicator> indicators;
    private final EventStore events;
    private final YearLock years;

    /** @param years closed fiscal years: a move (whatever its date, it stays in its indicators' year) is refused in one */
    public ExpenditureMoves(Repository<BudgetIndicator> indicators, EventStore events, YearLock years) {
        this.indicators = indicators;
        this.events = events;
        this.years = years;
    }

    @CommandHandler
    public void handle(MoveExpenditure command) {
        Aggregate<BudgetIndicator> source = holder(command.indicatorId(), command.expenditureId());
        String sourceId = source.identifierAsString();
        if (sourceId.equals(command.targetIndicatorId())) {
            throw TwoIndicatorRules.moveNotAllowed(TransferRule.TWO_INDICATORS,
                    "expenditure " + command.expenditureId() + " is on indicator " + sourceId + " already");
        }
        Aggregate<BudgetIndicator> target = BudgetTransfers.load(indicators, command.targetIndicatorId());
        source.execute(indicator -> indicator.requireYearOpen(years));
        ExpenditureMovedOut out = source.invoke(indicator -> indicator.moveOut(command));
        IndicatorAttributes attributes = source.invoke(BudgetIndicator::attributes);
        Paid paid = paid(sourceId, command.expenditureId());
        target.execute(indicator -> indicator.moveIn(out, attributes, paid));
    }

    /** The indicator that holds the expenditure now: where it was posted, or where it was moved last. */
    private Aggregate<BudgetIndicator> holder(String postedTo, String expenditureId) {
        Set<String> seen = new HashSet<>();
        String indicatorId = postedTo;
        while (seen.add(indicatorId)) {
            Aggregate<BudgetIndicator> indicator = BudgetTransfers.load(indicators, indicatorId);
            String next = indicator.invoke(i -> i.movedTo(expenditureId)).orElse(null);
            if (next == null) {
                return indicator;
            }
            indicatorId = next;
        }
        throw new IllegalStateException("expenditure " + expenditureId + " moves in a circle through " + seen);
    }

    /**
     * The voucher, payee and description of the expenditure, from the holder's last posting of it.
     * An expenditure posted in the same batch as its move is not stored yet: its move carries none.
     */
    private Paid paid(String indicatorId, String expenditureId) {
        Paid paid = Paid.UNKNOWN;
        DomainEventStream stream = events.readEvents(indicatorId);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (message.getPayload() instanceof ExpenditureRecorded e && e.expenditureId().equals(expenditureId)) {
                paid = new Paid(e.voucherNo(), e.payee(), e.description());
            } else if (message.getPayload() instanceof ExpenditureMovedIn e && e.expenditureId().equals(expenditureId)) {
                paid = new Paid(e.voucherNo(), e.payee(), e.description());
            }
        }
        return paid;
    }
}
