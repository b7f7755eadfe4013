package cn.gov.ledger.projections.balance;

import cn.gov.ledger.core.classification.EconomicCode;
import cn.gov.ledger.core.classification.FunctionalCode;
import cn.gov.ledger.core.indicator.BudgetAdjusted;
import cn.gov.ledger.core.indicator.BudgetAppropriated;
import cn.gov.ledger.core.indicator.BudgetTransferredIn;
import cn.gov.ledger.core.indicator.BudgetTransferredOut;
import cn.gov.ledger.core.indicator.CarriedForward;
import cn.gov.ledger.core.indicator.CarriedIn;
import cn.gov.ledger.core.indicator.ExpenditureKind;
import cn.gov.ledger.core.indicator.ExpenditureRecorded;
import cn.gov.ledger.core.indicator.ExpenditureReversed;
import cn.gov.ledger.core.indicator.Figure;
import cn.gov.ledger.core.indicator.FigureMovement;
import cn.gov.ledger.core.indicator.FigureMovements;
import cn.gov.ledger.core.indicator.FundSource;
import cn.gov.ledger.core.indicator.IncomeRecorded;
import cn.gov.ledger.core.indicator.IndicatorAttributes;
import cn.gov.ledger.core.indicator.IndicatorEvent;
import cn.gov.ledger.core.indicator.IndicatorFigures;
import cn.gov.ledger.core.indicator.IndicatorState;
import cn.gov.ledger.core.indicator.NonFiscalSurplusUsed;
import cn.gov.ledger.core.indicator.SurplusAllocated;
import cn.gov.ledger.core.indicator.SurplusDisposition;
import cn.gov.ledger.core.money.Money;
import cn.gov.ledger.projections.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;

/**
 * An event history as the event store could hold it (fiscal year 2024, one department's units and
 * a unit of another department, next year's indicators opened by carry-forwards), and the
 * brute-force answers every read must give for it: a fold of exactly the events that qualify for a
 * {@link TimeSlice}, computed here without any SQL.
 *
 * <p>Histories keep the structure the aggregate guarantees (an indicator is created by its first
 * event, BudgetAppropriated or CarriedIn; nothing follows its CarriedForward; a transfer is an
 * Out/In pair; a carry-forward opens or adds to next year's indicator) but not the budget rules:
 * amounts, economic restrictions and effective dates are arbitrary, and effective dates are
 * independent of the recording order, so back-dated postings abound.
 */
final class History {

    static final int YEAR = 2024;
    static final String DEPARTMENT = "D01";
    static final String OTHER_DEPARTMENT = "D02";
    /** U01 always belongs to D01, U03 to D02; U02 to either, per history. */
    static final List<String> UNITS = List.of("U01", "U02", "U03");
    static final List<String> ECONOMIC_CODES = List.of("30101", "30201", "30217", "30231", "31013");

    private static final Instant START = Instant.parse("2024-01-02T00:30:00Z");
    private static final LocalDate JAN_1 = LocalDate.of(YEAR, 1, 1);

    /** What a generated step does to its indicator, once that indicator exists. */
    enum Op { ADJUST, TRANSFER, INCOME, SPEND, REVERSE, CARRY_IN, CARRY_FORWARD }

    /**
     * One generated step. On an indicator that does not exist yet it creates it instead (CarriedIn
     * for CARRY_IN, BudgetAppropriated otherwise); on a closed indicator it does nothing.
     *
     * @param gapMillis time between the previous step and this one's recording
     * @param choice    drives the small decisions (sign, economic code, initial or not, ...)
     */
    record Step(Op op, int slot, int other, long fen, int day, long gapMillis, int choice) {
    }

    /** The fixed attributes of the indicator in one slot. */
    record IndicatorSpec(String unit, FundSource fundSource, String functionalCode, ExpenditureKind kind,
                         int project, String restriction) {

        IndicatorAttributes attributes() {
            boolean isProject = kind == ExpenditureKind.PROJECT;
            String projectCode = isProject && project > 0 ? "P00" + project : null;
            String projectName = isProject ? "项目" + project : null;
            return new IndicatorAttributes(YEAR, unit, fundSource, new FunctionalCode(functionalCode), kind,
                    projectCode, projectName, restriction == null ? null : new EconomicCode(restriction));
        }
    }

    /** An event as the store holds it: its global sequence, the instant it was recorded, the payload. */
    record Posting(long globalIndex, Instant recordedAt, IndicatorEvent event) {
        @Override
        public String toString() {
            return "#" + globalIndex + " recorded " + recordedAt + ": " + event;
        }
    }

    /**
     * How a {@link TimeSlice} is picked, relative to the history it is applied to.
     *
     * @param asOfMode         0: null; 1: an event's effective date, shifted by {@code asOfShift} − 1 days;
     *                         2: any date from November of last year to early next year; 3: as 1, but a
     *                         CarriedForward's date where there is one
     * @param knownAtMode      0: null; 1: an event's recorded instant plus {@code knownAtShiftNanos};
     *                         2: before every recording; 3: after every recording; 4: half-way between two;
     *                         5: as 1, but a CarriedForward's recorded instant where there is one
     */
    record SliceSpec(int asOfMode, int asOfRef, int asOfShift, int knownAtMode, int knownAtRef,
                     long knownAtShiftNanos) {
    }

    private final List<Posting> postings;
    private final int redeliverFrom;
    private final int deliveredLate;
    private final Map<String, String> departments;
    private final Map<String, IndicatorAttributes> attributes = new LinkedHashMap<>();
    private final Map<String, String> sourceIndicators = new HashMap<>();

    private History(List<Posting> postings, int redeliverFrom, int deliveredLate, Map<String, String> departments) {
        this.postings = List.copyOf(postings);
        this.redeliverFrom = redeliverFrom;
        this.deliveredLate = deliveredLate;
        this.departments = departments;
        for (Posting p : postings) {
            if (p.event() instanceof BudgetAppropriated e) {
                attributes.putIfAbsent(e.indicatorId(), e.attributes());
            } else if (p.event() instanceof CarriedIn e) {
                attributes.putIfAbsent(e.indicatorId(), e.attributes());
                sourceIndicators.putIfAbsent(e.indicatorId(), e.sourceIndicatorId());
            }
        }
    }

    // --- building a history from generated steps ---

    /** A history written directly, event by event (for example-based tests). */
    static History of(Map<String, String> departments, List<Posting> postings) {
        return new History(postings, -1, -1, departments);
    }

    /**
     * @param redeliverFrom a posting from which the stream is delivered a second time, or -1
     * @param deliveredLate a posting delivered after those of other indicators that follow it (its
     *                      transaction committed late), or -1
     */
    static History build(List<IndicatorSpec> specs, List<Step> steps, boolean secondUnitInDepartment,
                         int redeliverFrom, int deliveredLate) {
        Map<String, String> departments = new LinkedHashMap<>();
        departments.put("U01", DEPARTMENT);
        departments.put("U02", secondUnitInDepartment ? DEPARTMENT : OTHER_DEPARTMENT);
        departments.put("U03", OTHER_DEPARTMENT);
        Builder builder = new Builder(specs);
        steps.forEach(builder::step);
        return new History(builder.postings, redeliverFrom, deliveredLate, departments);
    }

    static String slotId(int slot) {
        return "I0" + (slot + 1);
    }

    static String nextYearId(int slot) {
        return "N0" + (slot + 1);
    }

    private static final class Builder {
        private final List<IndicatorSpec> specs;
        private final List<Posting> postings = new ArrayList<>();
        private final boolean[] created;
        private final boolean[] closed;
        private final List<List<Spent>> expenditures = new ArrayList<>();
        private long index;
        private Instant time = START;
        private int serial;

        private static final class Spent {
            final String id;
            final String code;
            long left;

            Spent(String id, String code, long left) {
                this.id = id;
                this.code = code;
                this.left = left;
            }
        }

        Builder(List<IndicatorSpec> specs) {
            this.specs = specs;
            created = new boolean[specs.size()];
            closed = new boolean[specs.size()];
            specs.forEach(s -> expenditures.add(new ArrayList<>()));
        }

        private void post(Instant at, IndicatorEvent event) {
            index++;
            postings.add(new Posting(index, at, event));
        }

        private String next(String prefix) {
            return prefix + "-" + (++serial);
        }

        void step(Step step) {
            time = time.plusMillis(step.gapMillis());
            if (step.gapMillis() % 7 == 0) {
                index += 3; // the store's global sequence has gaps
            }
            int s = step.slot() % specs.size();
            String id = slotId(s);
            IndicatorAttributes attrs = specs.get(s).attributes();
            int c = step.choice();
            LocalDate date = JAN_1.plusDays(step.day() % 366);
            // the second event of a pair is recorded at the same instant or a millisecond later
            Instant second = (c / 8) % 2 == 0 ? time : time.plusMillis(1);
            Money amount = Money.ofFen(step.fen());
            if (!created[s]) {
                created[s] = true;
                if (step.op() == Op.CARRY_IN) {
                    post(time, new CarriedIn(id, "P" + id, attrs, amount, carryInDate(step)));
                } else {
                    post(time, new BudgetAppropriated(id, attrs, c % 7 == 0 ? Money.ZERO : amount, c % 2 == 0, date,
                            next("DOC")));
                }
                return;
            }
            if (closed[s]) {
                return;
            }
            switch (step.op()) {
                case ADJUST -> post(time, new BudgetAdjusted(id, next("ADJ"), c % 2 == 0 ? amount.negate() : amount,
                        "调整", date, next("DOC")));
                case TRANSFER -> {
                    int t = step.other() % specs.size();
                    if (t == s || !created[t] || closed[t]) {
                        return;
                    }
                    String transferId = next("TRF");
                    String doc = next("DOC");
                    post(time, new BudgetTransferredOut(id, transferId, slotId(t), amount, "调剂", date, doc));
                    post(second, new BudgetTransferredIn(slotId(t), transferId, id, amount, "调剂", date, doc));
                    time = second;
                }
                case INCOME -> {
                    // a unit's own funds also use and allocate surplus (使用非财政拨款结余, 结余分配)
                    boolean own = !specs.get(s).fundSource().isAppropriation();
                    if (own && c % 4 == 1) {
                        post(time, new NonFiscalSurplusUsed(id, next("USE"), amount, date, "动用结余"));
                    } else if (own && c % 4 == 3) {
                        post(time, new SurplusAllocated(id, next("ALLOC"), amount, date, "结余分配"));
                    } else {
                        post(time, new IncomeRecorded(id, next("INC"), amount, date, "收入"));
                    }
                }
                case SPEND -> {
                    String restriction = specs.get(s).restriction();
                    String code = restriction != null && c % 3 != 0
                            ? restriction
                            : ECONOMIC_CODES.get(c % ECONOMIC_CODES.size());
                    String expenditureId = next("EXP");
                    post(time, new ExpenditureRecorded(id, expenditureId, amount, new EconomicCode(code), date,
                            next("V"), "收款人", "支出"));
                    expenditures.get(s).add(new Spent(expenditureId, code, amount.fen()));
                }
                case REVERSE -> {
                    List<Spent> spent = expenditures.get(s);
                    if (spent.isEmpty()) {
                        return;
                    }
                    Spent item = spent.get(c % spent.size());
                    long fen = item.left > 0 ? Math.min(item.left, step.fen()) : step.fen();
                    item.left -= fen;
                    post(time, new ExpenditureReversed(id, next("REV"), item.id, Money.ofFen(fen),
                            new EconomicCode(item.code), "冲销", date));
                }
                case CARRY_IN -> post(time, new CarriedIn(id, next("P" + id), attrs, amount, carryInDate(step)));
                case CARRY_FORWARD -> {
                    Money surplus = Money.ofFen(c % 3 == 0 ? 0 : step.fen() / 3);
                    SurplusDisposition disposition = c % 2 == 0 ? SurplusDisposition.CARRY : SurplusDisposition.RECAPTURE;
                    Money carried = disposition == SurplusDisposition.CARRY ? amount.plus(surplus) : amount;
                    post(time, new CarriedForward(id, nextYearId(s), amount, surplus, disposition, date));
                    post(second, new CarriedIn(nextYearId(s), id, attrs.nextYear(), carried, date));
                    time = second;
                    closed[s] = true;
                }
                default -> throw new IllegalStateException(step.op().name());
            }
        }

        /** Last year's balance arrives dated in last year's December, now and then in this year. */
        private static LocalDate carryInDate(Step step) {
            return step.choice() % 4 != 0
                    ? LocalDate.of(YEAR - 1, 12, 31).minusDays(step.day() % 31)
                    : JAN_1.plusDays(step.day() % 366);
        }
    }

    // --- feeding the projection ---

    /**
     * Registers the units, then hands every event to the projection as the tracking processor
     * would: in batches, each in a unit of work whose commit writes the batch's rows.
     */
    void project(BalanceProjection projection) {
        departments.forEach(TestDatabase::unit);
        List<Posting> stream = deliveryOrder();
        deliverInBatches(projection, stream);
        if (redeliverFrom >= 0 && !stream.isEmpty()) {
            // at-least-once delivery: a processor that lost its token handles a tail of the stream again
            deliverInBatches(projection, stream.subList(redeliverFrom % stream.size(), stream.size()));
        }
    }

    /**
     * The postings in recorded order, but the one delivered late moved to just before the next
     * posting of its indicator (or to the end): a transaction that committed after later ones
     * holds back only its own indicator's later events, not those of others.
     */
    private List<Posting> deliveryOrder() {
        if (deliveredLate < 0 || postings.isEmpty()) {
            return postings;
        }
        List<Posting> order = new ArrayList<>(postings);
        int from = deliveredLate % order.size();
        Posting late = order.remove(from);
        int to = from;
        while (to < order.size() && !order.get(to).event().indicatorId().equals(late.event().indicatorId())) {
            to++;
        }
        order.add(to, late);
        return order;
    }

    /** Batches of 1 to 7 events, so that an indicator is often opened and moved within one batch. */
    private static void deliverInBatches(BalanceProjection projection, List<Posting> stream) {
        int from = 0;
        while (from < stream.size()) {
            int to = Math.min(stream.size(), from + 1 + (int) (stream.get(from).globalIndex() % 7));
            List<Posting> batch = stream.subList(from, to);
            DefaultUnitOfWork.startAndGet(null).execute(() -> batch.forEach(p -> deliver(projection, p)));
            from = to;
        }
    }

    static void deliver(BalanceProjection projection, Posting posting) {
        projection.on(posting.event(), "event-" + posting.globalIndex(), posting.recordedAt());
    }

    // --- time slices ---

    TimeSlice slice(SliceSpec spec) {
        LocalDate asOf = switch (spec.asOfMode()) {
            case 0 -> null;
            case 1, 3 -> pick(spec.asOfRef(), spec.asOfMode() == 3).event().effectiveDate()
                    .plusDays(spec.asOfShift() % 3 - 1);
            default -> LocalDate.of(YEAR - 1, 11, 1).plusDays(spec.asOfRef() % 460);
        };
        Instant knownAt = switch (spec.knownAtMode()) {
            case 0 -> null;
            case 1, 5 -> pick(spec.knownAtRef(), spec.knownAtMode() == 5).recordedAt()
                    .plusNanos(spec.knownAtShiftNanos());
            case 2 -> postings.get(0).recordedAt().minusSeconds(3600);
            case 3 -> postings.get(postings.size() - 1).recordedAt().plusSeconds(3600);
            default -> {
                // half-way between two consecutive recordings
                int i = spec.knownAtRef() % postings.size();
                Instant from = postings.get(i).recordedAt();
                Instant to = i + 1 < postings.size() ? postings.get(i + 1).recordedAt() : from.plusSeconds(60);
                yield from.plus(Duration.between(from, to).dividedBy(2));
            }
        };
        return new TimeSlice(asOf, knownAt);
    }

    /** One of the postings, or of the CarriedForward postings if asked for and there are any. */
    private Posting pick(int ref, boolean closing) {
        List<Posting> closings = postings.stream().filter(p -> p.event() instanceof CarriedForward).toList();
        List<Posting> from = closing && !closings.isEmpty() ? closings : postings;
        return from.get(ref % from.size());
    }

    static String describeKnownAt(SliceSpec spec) {
        return switch (spec.knownAtMode()) {
            case 0 -> "knownAt null";
            case 1 -> "knownAt recorded " + Duration.ofNanos(spec.knownAtShiftNanos());
            case 5 -> "knownAt carry-forward recorded " + Duration.ofNanos(spec.knownAtShiftNanos());
            case 2 -> "knownAt before all";
            case 3 -> "knownAt after all";
            default -> "knownAt between";
        };
    }

    // --- the brute-force answers ---

    List<Posting> postings() {
        return postings;
    }

    /** Every indicator of the history, in the order it was opened. */
    List<String> indicatorIds() {
        return List.copyOf(attributes.keySet());
    }

    IndicatorAttributes attributes(String indicatorId) {
        return attributes.get(indicatorId);
    }

    String sourceIndicator(String indicatorId) {
        return sourceIndicators.get(indicatorId);
    }

    static boolean qualifies(Posting posting, TimeSlice time) {
        return (time.asOf() == null || !posting.event().effectiveDate().isAfter(time.asOf()))
                && (time.knownAt() == null || !posting.recordedAt().isAfter(time.knownAt()));
    }

    /** The events of one indicator that count at {@code time}, in the order they were recorded. */
    List<IndicatorEvent> events(String indicatorId, TimeSlice time) {
        return postings.stream().filter(p -> p.event().indicatorId().equals(indicatorId))
                .filter(p -> qualifies(p, time)).map(Posting::event).toList();
    }

    /** Whether the indicator had been opened (its first event recorded) by {@code time.knownAt()}. */
    boolean known(String indicatorId, TimeSlice time) {
        return postings.stream().filter(p -> p.event().indicatorId().equals(indicatorId)).findFirst()
                .map(p -> time.knownAt() == null || !p.recordedAt().isAfter(time.knownAt())).orElse(false);
    }

    IndicatorFigures figures(String indicatorId, TimeSlice time) {
        return IndicatorState.replay(events(indicatorId, time)).figures();
    }

    boolean closed(String indicatorId, TimeSlice time) {
        return events(indicatorId, time).stream().anyMatch(CarriedForward.class::isInstance);
    }

    /** An expenditure's or reversal's own economic code; for budget and income, the indicator's restriction. */
    String economicCode(IndicatorEvent event) {
        EconomicCode own = FigureMovements.of(event).orElseThrow().economicCode();
        EconomicCode restriction = own != null ? own : attributes.get(event.indicatorId()).economicCode();
        return restriction == null ? null : restriction.value();
    }

    boolean inScope(String indicatorId, Scope scope) {
        IndicatorAttributes a = attributes.get(indicatorId);
        if (a.fiscalYear() != scope.fiscalYear()) {
            return false;
        }
        return scope.unitCode() != null
                ? scope.unitCode().equals(a.unitCode())
                : scope.departmentCode().equals(departments.get(a.unitCode()));
    }

    /** The events that move a figure of an indicator in scope and count at {@code time}, in recorded order. */
    List<IndicatorEvent> movements(Scope scope, TimeSlice time) {
        return postings.stream().filter(p -> qualifies(p, time)).map(Posting::event)
                .filter(e -> FigureMovements.of(e).isPresent() && inScope(e.indicatorId(), scope)).toList();
    }

    String key(Dimension dimension, IndicatorEvent event) {
        IndicatorAttributes a = attributes.get(event.indicatorId());
        String functional = a.functionalCode().value();
        String economic = economicCode(event);
        return switch (dimension) {
            case UNIT -> a.unitCode();
            case FUND_SOURCE -> a.fundSource().name();
            case FUNCTIONAL_CLASS -> functional.substring(0, 3);
            case FUNCTIONAL_SECTION -> functional.substring(0, 5);
            case FUNCTIONAL_ITEM -> functional;
            case ECONOMIC_CLASS -> economic == null ? null : economic.substring(0, 3);
            case ECONOMIC_SECTION, GOVERNMENT_ECONOMIC_SECTION -> economic; // the query groups by 款; the API maps it
            case KIND -> a.kind().name();
            case PROJECT -> a.projectCode();
            case INDICATOR -> event.indicatorId();
        };
    }

    /** Group and sum: one row per group that has a qualifying movement, in key order (nulls first). */
    List<BalanceRow> balances(Scope scope, List<Dimension> groupBy, TimeSlice time) {
        List<IndicatorEvent> movements = movements(scope, time);
        if (groupBy.isEmpty()) {
            return List.of(new BalanceRow(Map.of(), IndicatorState.replay(movements).figures()));
        }
        Comparator<List<String>> order = (x, y) -> {
            for (int i = 0; i < x.size(); i++) {
                int c = Comparator.nullsFirst(Comparator.<String>naturalOrder()).compare(x.get(i), y.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
        Map<List<String>, List<IndicatorEvent>> groups = new TreeMap<>(order);
        for (IndicatorEvent e : movements) {
            List<String> key = Arrays.asList(groupBy.stream().map(d -> key(d, e)).toArray(String[]::new));
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
        }
        List<BalanceRow> rows = new ArrayList<>();
        groups.forEach((key, events) -> {
            Map<String, String> named = new LinkedHashMap<>();
            for (int i = 0; i < groupBy.size(); i++) {
                named.put(groupBy.get(i).key(), key.get(i));
            }
            rows.add(new BalanceRow(named, IndicatorState.replay(events).figures()));
        });
        return rows;
    }

    /** The grain of the report facts. */
    record FactKey(FundSource fundSource, String functionalCode, ExpenditureKind kind, String economicCode,
                   Figure figure) {
    }

    Map<FactKey, Long> facts(Scope scope, TimeSlice time) {
        Map<FactKey, Long> facts = new HashMap<>();
        for (IndicatorEvent e : movements(scope, time)) {
            IndicatorAttributes a = attributes.get(e.indicatorId());
            FigureMovement movement = FigureMovements.of(e).orElseThrow();
            facts.merge(new FactKey(a.fundSource(), a.functionalCode().value(), a.kind(), economicCode(e),
                    movement.figure()), movement.amount().fen(), Long::sum);
        }
        return facts;
    }

    /** The figures summed over the scope, per figure, from a replay of the qualifying events. */
    Map<Figure, Long> totals(Scope scope, TimeSlice time) {
        IndicatorFigures f = IndicatorState.replay(movements(scope, time)).figures();
        Map<Figure, Long> totals = new EnumMap<>(Figure.class);
        totals.put(Figure.INITIAL, f.initial().fen());
        totals.put(Figure.ADJUSTMENT, f.adjustments().fen());
        totals.put(Figure.CARRIED_IN, f.carriedIn().fen());
        totals.put(Figure.INCOME, f.income().fen());
        totals.put(Figure.SPENT, f.spent().fen());
        totals.put(Figure.SURPLUS_USED, f.surplusUsed().fen());
        totals.put(Figure.ALLOCATED, f.allocated().fen());
        return totals;
    }

    boolean hasCarryForward() {
        return postings.stream().anyMatch(p -> p.event() instanceof CarriedForward);
    }

    /** Whether some posting was back-dated: recorded after another of its indicator with a later effective date. */
    boolean hasBackDatedPosting() {
        Map<String, LocalDate> latest = new HashMap<>();
        boolean backDated = false;
        for (Posting p : postings) {
            LocalDate before = latest.get(p.event().indicatorId());
            if (before != null && p.event().effectiveDate().isBefore(before)) {
                backDated = true;
            }
            latest.merge(p.event().indicatorId(), p.event().effectiveDate(), (x, y) -> x.isAfter(y) ? x : y);
        }
        return backDated;
    }

    @Override
    public String toString() {
        return "History(units " + departments + (redeliverFrom >= 0 ? ", redelivered from " + redeliverFrom % Math.max(1,
                postings.size()) : "") + (deliveredLate >= 0 ? ", delivered late: " + deliveredLate % Math.max(1,
                postings.size()) : "") + ")\n  " + postings.stream().map(Posting::toString)
                .collect(Collectors.joining("\n  "));
    }
}
