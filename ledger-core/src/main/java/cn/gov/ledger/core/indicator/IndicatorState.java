package cn.gov.ledger.core.indicator;

import cn.gov.ledger.core.classification.EconomicCode;
import cn.gov.ledger.core.money.Money;
import java.time.LocalDate;
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
    /** The earliest effective date of its appropriation and carry-ins: nothing may happen to it before. */
    private LocalDate openedOn;
    private final Map<String, SpentItem> expenditures = new HashMap<>();
    /** Where each expenditure moved out of this indicator went, until one moves back in. */
    private final Map<String, String> movedTo = new HashMap<>();
    /** The economic code of the last expenditure: the next one mostly has the same, and shares it. */
    private EconomicCode lastCode;

    /**
     * An expenditure and what is left of it after reversals. Kept for every expenditure of a cached
     * indicator, hence small: the amount as fen, an economic code shared with the indicator's other
     * expenditures, and the effective date as a day number (a reversal may not precede it).
     */
    public record SpentItem(EconomicCode economicCode, long leftFen, int effectiveDay) {

        public SpentItem(EconomicCode economicCode, Money left, LocalDate effectiveDate) {
            this(economicCode, left.fen(), Math.toIntExact(effectiveDate.toEpochDay()));
        }

        public Money left() {
            return new Money(leftFen);
        }

        public LocalDate effectiveDate() {
            return LocalDate.ofEpochDay(effectiveDay);
        }
    }

    public static IndicatorState replay(Iterable<? extends IndicatorEvent> events) {
        IndicatorState state = new IndicatorState();
        events.forEach(state::apply);
        return state;
    }

    public void apply(IndicatorEvent event) {
        FigureMovements.of(event).ifPresent(movement -> figures = figures.plus(movement));
        if (event instanceof BudgetAppropriated e) {
            indicatorId = e.indicatorId();
            attributes = e.attributes();
            opened(e.effectiveDate());
        } else if (event instanceof CarriedIn e) {
            indicatorId = e.indicatorId();
            attributes = e.attributes();
            opened(e.effectiveDate());
        } else if (event instanceof ExpenditureRecorded e) {
            expenditures.put(e.expenditureId(), new SpentItem(shared(e.economicCode()), e.amount(), e.effectiveDate()));
        } else if (event instanceof ExpenditureReversed e) {
            takeFrom(e.expenditureId(), e.amount());
        } else if (event instanceof ExpenditureMovedOut e) {
            takeFrom(e.expenditureId(), e.amount());
            movedTo.put(e.expenditureId(), e.toIndicatorId());
        } else if (event instanceof ExpenditureMovedIn e) {
            // back where it was once (a correction of a correction): it is held here again
            Money before = expenditure(e.expenditureId()).map(SpentItem::left).orElse(Money.ZERO);
            expenditures.put(e.expenditureId(), new SpentItem(shared(e.economicCode()), before.plus(e.amount()),
                    e.effectiveDate()));
            movedTo.remove(e.expenditureId());
        } else if (event instanceof CarriedForward) {
            closed = true;
        }
    }

    private void takeFrom(String expenditureId, Money amount) {
        expenditures.computeIfPresent(expenditureId, (id, item) -> new SpentItem(item.economicCode(),
                item.leftFen() - amount.fen(), item.effectiveDay()));
    }

    private void opened(LocalDate date) {
        if (openedOn == null || date.isBefore(openedOn)) {
            openedOn = date;
        }
    }

    private EconomicCode shared(EconomicCode code) {
        if (!code.equals(lastCode)) {
            lastCode = code;
        }
        return lastCode;
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

    /** The effective date from which the indicator exists: its appropriation's, or an earlier carry-in's. */
    public LocalDate openedOn() {
        return openedOn;
    }

    public Optional<SpentItem> expenditure(String expenditureId) {
        return Optional.ofNullable(expenditures.get(expenditureId));
    }

    /** The indicator an expenditure of this one was moved to, empty while it is held here (or never was). */
    public Optional<String> movedTo(String expenditureId) {
        return Optional.ofNullable(movedTo.get(expenditureId));
    }
}
