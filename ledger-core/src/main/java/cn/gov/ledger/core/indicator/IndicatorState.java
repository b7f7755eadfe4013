package cn.gov.ledger.core.indicator;

import cn.gov.ledger.core.classification.EconomicCode;
import cn.gov.ledger.core.money.Money;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
    private final Map<String, ReceivedItem> incomes = new HashMap<>();
    /** The appropriation that created the indicator, as corrected; null for one opened by a carry-in. */
    private Appropriation appropriation;
    /**
     * How authority left (budget − spent) moved on each effective day (epoch day → fen): what a
     * correction effective at an earlier date is checked against. At most one entry per day of the year.
     */
    private final TreeMap<Integer, Long> authorityByDay = new TreeMap<>();

    /** An income and what is left of it after reversals, as fen, and its effective date as a day number. */
    public record ReceivedItem(long leftFen, int effectiveDay) {

        public Money left() {
            return new Money(leftFen);
        }

        public LocalDate effectiveDate() {
            return LocalDate.ofEpochDay(effectiveDay);
        }
    }

    /** The indicator's appropriation: its amount after corrections, whether it is 年初预算, its effective date. */
    public record Appropriation(Money amount, boolean initial, LocalDate effectiveDate) {
    }

    /** The first date on which authority left would be negative, and what it is on that date now. */
    public record Shortfall(LocalDate date, Money authorityLeft) {
    }

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
        FigureMovements.of(event).ifPresent(movement -> {
            figures = figures.plus(movement);
            int sign = movement.figure().authoritySign();
            if (sign != 0) {
                authorityByDay.merge(Math.toIntExact(event.effectiveDate().toEpochDay()),
                        sign * movement.amount().fen(), Long::sum);
            }
        });
        if (event instanceof BudgetAppropriated e) {
            indicatorId = e.indicatorId();
            attributes = e.attributes();
            appropriation = new Appropriation(e.amount(), e.initial(), e.effectiveDate());
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
        } else if (event instanceof IncomeRecorded e) {
            incomes.put(e.incomeId(), new ReceivedItem(e.amount().fen(), Math.toIntExact(e.effectiveDate().toEpochDay())));
        } else if (event instanceof IncomeReversed e) {
            incomes.computeIfPresent(e.incomeId(), (id, item) -> new ReceivedItem(item.leftFen() - e.amount().fen(),
                    item.effectiveDay()));
        } else if (event instanceof AppropriationCorrected e) {
            appropriation = new Appropriation(e.correctedAmount(), appropriation.initial(),
                    appropriation.effectiveDate());
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

    public Optional<ReceivedItem> income(String incomeId) {
        return Optional.ofNullable(incomes.get(incomeId));
    }

    public Optional<Appropriation> appropriation() {
        return Optional.ofNullable(appropriation);
    }

    /**
     * The first date from {@code from} on whose authority left, as of that date, would be negative
     * if {@code change} (fen, signed) counted from {@code from}; empty if there is none.
     */
    public Optional<Shortfall> shortfall(LocalDate from, long change) {
        int fromDay = Math.toIntExact(from.toEpochDay());
        long asOf = 0;
        for (Map.Entry<Integer, Long> day : authorityByDay.entrySet()) {
            asOf += day.getValue();
            if (day.getKey() >= fromDay && asOf + change < 0) {
                return Optional.of(new Shortfall(LocalDate.ofEpochDay(day.getKey()), Money.ofFen(asOf)));
            }
        }
        return Optional.empty();
    }

    /** The indicator an expenditure of this one was moved to, empty while it is held here (or never was). */
    public Optional<String> movedTo(String expenditureId) {
        return Optional.ofNullable(movedTo.get(expenditureId));
    }
}
