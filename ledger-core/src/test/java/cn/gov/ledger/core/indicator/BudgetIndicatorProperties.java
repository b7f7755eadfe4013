package cn.gov.ledger.core.indicator;

import static cn.gov.ledger.core.indicator.Fixtures.ADMIN_OPERATION;
import static cn.gov.ledger.core.indicator.Fixtures.OTHER_UNIT;
import static cn.gov.ledger.core.indicator.Fixtures.RECEPTION;
import static cn.gov.ledger.core.indicator.Fixtures.UNIT;
import static cn.gov.ledger.core.indicator.Fixtures.YEAR;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.core.classification.EconomicCode;
import cn.gov.ledger.core.money.Money;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Random command sequences against one indicator (and, for transfers and year end, a few), sent
 * through Axon's event-sourcing repository. An independent model in this class predicts which
 * rules each command breaks; the ledger must refuse exactly the commands that break one, name one
 * of the broken rules, and store nothing for them.
 */
class BudgetIndicatorProperties {

    private static final String ID = "IND";
    private static final LocalDate IN_YEAR = LocalDate.of(YEAR, 7, 1);
    private static final LocalDate OUTSIDE_YEAR = LocalDate.of(YEAR - 1, 12, 31);
    /** What a sequence may spend with: known 款, a 类 (not a 款) and an unknown code. */
    private static final String[] SPEND_CODES = {"30201", "30217", "302", "30298"};

    // ------------------------------------------------------------------ one indicator

    /**
     * How the indicator is opened: by appropriation (initial or mid-year), {@code day} days into the
     * year, or by last year's carry-forward.
     */
    record Opening(long fen, boolean initial, boolean byCarryForward, EconomicCode restriction, int day) {
    }

    enum Timing { AFTER, BEFORE, OUTSIDE_YEAR }

    /**
     * A command's effective date: {@code days} after its anchor (the indicator's opening; for a
     * reversal, its expenditure), at most 31 December; {@code days} + 1 before it; or outside the year.
     */
    record When(Timing timing, int days) {
    }

    /** A command of the sequence; relative amounts are resolved against the model when sent. */
    sealed interface Step permits Adjust, Income, Spend, Reverse, ReverseIncomeStep, Correct {
    }

    /** {@code relative}: the amount is −(authority left) + fen, so fen ≈ 0 hits the "below spent" edge. */
    record Adjust(long fen, boolean relative, When when) implements Step {
    }

    record Income(long fen, When when) implements Step {
    }

    /** {@code relative}: the amount is authority left + fen, so fen ≈ 0 hits the 无预算不支出 edge. */
    record Spend(String expenditureId, long fen, boolean relative, String code, When when) implements Step {
    }

    /**
     * Reverses the {@code pick}-th expenditure recorded so far, or one never recorded when
     * {@code unknown}; {@code fen} null reverses what is left; {@code relative}: what is left + fen.
     */
    record Reverse(int pick, boolean unknown, Long fen, boolean relative, When when) implements Step {
    }

    /** As {@link Reverse}, for the incomes recorded so far (收入冲销). */
    record ReverseIncomeStep(int pick, boolean unknown, Long fen, boolean relative, When when) implements Step {
    }

    /**
     * 更正指标金额 to {@code fen}, or, {@code relative}, to the lowest amount that leaves authority as
     * of every date since the appropriation not negative + fen, so fen ≈ 0 hits that edge.
     */
    record Correct(long fen, boolean relative) implements Step {
    }

    record Scenario(Opening opening, List<Step> steps) {
    }

    /** The figures as the test computes them, independently of {@link IndicatorState}. */
    static final class Model {
        long initial;
        long adjustments;
        long carriedIn;
        long income;
        long spent;
        final Map<String, Long> leftOfExpenditure = new HashMap<>();
        final Map<String, EconomicCode> codeOfExpenditure = new HashMap<>();
        final Map<String, LocalDate> dateOfExpenditure = new HashMap<>();
        final Map<String, Long> leftOfIncome = new HashMap<>();
        final Map<String, LocalDate> dateOfIncome = new HashMap<>();
        /** How authority left (budget − spent) moved on each effective date. */
        final TreeMap<LocalDate, Long> authorityOn = new TreeMap<>();
        final EconomicCode restriction;
        /** The date of the appropriation or carry-in that opened the indicator. */
        LocalDate openedOn;
        /** The appropriation's amount as corrected; null when opened by a carry-in. */
        Long appropriation;
        boolean initialAppropriation;

        /** The lowest authority left as of any date on or after the appropriation's. */
        long lowestAuthoritySinceOpening() {
            long asOf = 0;
            long lowest = Long.MAX_VALUE;
            for (Map.Entry<LocalDate, Long> day : authorityOn.entrySet()) {
                asOf += day.getValue();
                if (!day.getKey().isBefore(openedOn)) {
                    lowest = Math.min(lowest, asOf);
                }
            }
            return lowest;
        }

        Model(EconomicCode restriction) {
            this.restriction = restriction;
        }

        long authorityLeft() {
            return initial + adjustments + carriedIn - spent;
        }

        IndicatorFigures figures() {
            return new IndicatorFigures(Money.ofFen(initial), Money.ofFen(adjustments), Money.ofFen(carriedIn),
                    Money.ofFen(income), Money.ofFen(spent));
        }
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void everyCommandIsDecidedByTheRulesAndTheFiguresAlwaysAddUp(@ForAll("scenarios") Scenario scenario) {
        try (InMemoryLedger ledger = new InMemoryLedger()) {
            Model model = open(ledger, scenario.opening());
            int counter = 0;
            for (Step step : scenario.steps()) {
                counter++;
                Object command = command(step, model, "C" + counter);
                Set<RejectionReason> broken = brokenRules(command, model);
                List<Object> before = ledger.allEvents();

                Optional<LedgerRejection> rejection = ledger.send(command);

                List<Object> after = ledger.allEvents();
                Statistics.label("accepted").collect(command.getClass().getSimpleName(), rejection.isEmpty());
                rejection.ifPresent(r -> Statistics.label("rejection").collect(r.reason()));
                if (broken.isEmpty()) {
                    assertThat(rejection).as("%s breaks no rule", command).isEmpty();
                    // exactly the one event the command describes, appended to the stream
                    assertThat(after.subList(0, before.size())).isEqualTo(before);
                    assertThat(after.subList(before.size(), after.size())).containsExactly(expectedEvent(command, model));
                    applyTo(model, command);
                } else {
                    // (d) a rejected command emits nothing, and says which rule it broke
                    assertThat(rejection).as("%s breaks %s", command, broken).isPresent();
                    assertThat(rejection.get().reason()).as("rejection of %s", command).isIn(broken);
                    assertThat(after).isEqualTo(before);
                }
                checkInvariants(ledger, model);
            }
        }
        // the generator must reach every outcome, or the property proves little
        Statistics.label("accepted").coverage(checker -> {
            for (String type : List.of("AdjustBudget", "RecordIncome", "RecordExpenditure", "ReverseExpenditure",
                    "ReverseIncome", "CorrectAppropriation")) {
                checker.check(type, true).count(n -> n > 0);
                checker.check(type, false).count(n -> n > 0);
            }
        });
        Statistics.label("rejection").coverage(checker -> {
            for (RejectionReason reason : EnumSet.of(RejectionReason.INVALID_AMOUNT, RejectionReason.EFFECTIVE_DATE_OUTSIDE_FISCAL_YEAR,
                    RejectionReason.BUDGET_BELOW_SPENT, RejectionReason.BUDGET_EXCEEDED, RejectionReason.UNKNOWN_CODE,
                    RejectionReason.ECONOMIC_CODE_NOT_ALLOWED, RejectionReason.ID_CONFLICT, RejectionReason.EXPENDITURE_NOT_FOUND,
                    RejectionReason.REVERSAL_EXCEEDS_EXPENDITURE, RejectionReason.EFFECTIVE_DATE_BEFORE_INDICATOR,
                    RejectionReason.EFFECTIVE_DATE_BEFORE_EXPENDITURE, RejectionReason.INCOME_NOT_FOUND,
                    RejectionReason.REVERSAL_EXCEEDS_INCOME, RejectionReason.EFFECTIVE_DATE_BEFORE_INCOME,
                    RejectionReason.APPROPRIATION_NOT_FOUND)) {
                checker.check(reason).count(n -> n > 0);
            }
        });
    }

    private static Model open(InMemoryLedger ledger, Opening opening) {
        IndicatorAttributes attributes = new IndicatorAttributes(YEAR, UNIT, FundSource.GENERAL_BUDGET,
                ADMIN_OPERATION, ExpenditureKind.PROJECT, "P1", "项目", opening.restriction());
        Model model = new Model(opening.restriction());
        if (opening.byCarryForward()) {
            IndicatorAttributes lastYear = new IndicatorAttributes(YEAR - 1, UNIT, FundSource.GENERAL_BUDGET,
                    ADMIN_OPERATION, ExpenditureKind.PROJECT, "P1", "项目", opening.restriction());
            LocalDate lastYearDate = LocalDate.of(YEAR - 1, 3, 1);
            ledger.accept(new AppropriateBudget("PREV", lastYear, Money.ofFen(opening.fen()), true, lastYearDate, "doc"));
            if (opening.fen() > 0) {
                ledger.accept(new RecordIncome("PREV", "PREV-I", Money.ofFen(opening.fen()), lastYearDate, "拨款"));
            }
            ledger.accept(new CarryForward("PREV", ID, null, null, LocalDate.of(YEAR - 1, 12, 31)));
            model.carriedIn = opening.fen();
            model.openedOn = LocalDate.of(YEAR - 1, 12, 31);
            model.authorityOn.merge(model.openedOn, opening.fen(), Long::sum);
        } else {
            model.openedOn = LocalDate.of(YEAR, 1, 1).plusDays(opening.day());
            ledger.accept(new AppropriateBudget(ID, attributes, Money.ofFen(opening.fen()), opening.initial(),
                    model.openedOn, "doc"));
            if (opening.initial()) {
                model.initial = opening.fen();
            } else {
                model.adjustments = opening.fen();
            }
            model.appropriation = opening.fen();
            model.initialAppropriation = opening.initial();
            model.authorityOn.merge(model.openedOn, opening.fen(), Long::sum);
        }
        assertThat(ledger.replay(ID).attributes()).isEqualTo(attributes);
        checkInvariants(ledger, model);
        return model;
    }

    private static Object command(Step step, Model model, String commandId) {
        if (step instanceof Adjust s) {
            long fen = s.relative() ? -model.authorityLeft() + s.fen() : s.fen();
            return new AdjustBudget(ID, commandId, Money.ofFen(fen), "调整", date(s.when(), model.openedOn),
                    "doc-" + commandId);
        } else if (step instanceof Income s) {
            return new RecordIncome(ID, commandId, Money.ofFen(s.fen()), date(s.when(), model.openedOn), "收入");
        } else if (step instanceof Spend s) {
            long fen = s.relative() ? model.authorityLeft() + s.fen() : s.fen();
            return new RecordExpenditure(ID, s.expenditureId(), Money.ofFen(fen), new EconomicCode(s.code()),
                    date(s.when(), model.openedOn), "v-" + commandId, "payee", "支出");
        } else if (step instanceof Reverse s) {
            List<String> recorded = model.leftOfExpenditure.keySet().stream().sorted().toList();
            String expenditureId = s.unknown() || recorded.isEmpty() ? "E-NEVER" : recorded.get(s.pick() % recorded.size());
            Money amount = null;
            if (s.fen() != null) {
                long left = model.leftOfExpenditure.getOrDefault(expenditureId, 0L);
                amount = Money.ofFen(s.relative() ? left + s.fen() : s.fen());
            }
            LocalDate anchor = model.dateOfExpenditure.getOrDefault(expenditureId, model.openedOn);
            return new ReverseExpenditure(ID, commandId, expenditureId, amount, "冲销", date(s.when(), anchor));
        } else if (step instanceof ReverseIncomeStep s) {
            List<String> recorded = model.leftOfIncome.keySet().stream().sorted().toList();
            String incomeId = s.unknown() || recorded.isEmpty() ? "I-NEVER" : recorded.get(s.pick() % recorded.size());
            Money amount = null;
            if (s.fen() != null) {
                long left = model.leftOfIncome.getOrDefault(incomeId, 0L);
                amount = Money.ofFen(s.relative() ? left + s.fen() : s.fen());
            }
            LocalDate anchor = model.dateOfIncome.getOrDefault(incomeId, model.openedOn);
            return new ReverseIncome(ID, commandId, incomeId, amount, "退回", date(s.when(), anchor));
        } else if (step instanceof Correct s) {
            long fen = s.relative() && model.appropriation != null
                    ? model.appropriation - model.lowestAuthoritySinceOpening() + s.fen() : s.fen();
            return new CorrectAppropriation(ID, commandId, Money.ofFen(fen), "录入错误", "doc-" + commandId);
        }
        throw new IllegalArgumentException(String.valueOf(step));
    }

    private static LocalDate date(When when, LocalDate anchor) {
        LocalDate firstInYear = anchor.getYear() < YEAR ? LocalDate.of(YEAR, 1, 1) : anchor;
        return switch (when.timing()) {
            case AFTER -> firstInYear.plusDays(when.days()).isAfter(DEC_31_OF_YEAR)
                    ? DEC_31_OF_YEAR : firstInYear.plusDays(when.days());
            case BEFORE -> anchor.minusDays(1L + when.days());
            case OUTSIDE_YEAR -> OUTSIDE_YEAR;
        };
    }

    /** The rules of docs/domain.md a command breaks, as the model sees them; empty when it must be accepted. */
    private static Set<RejectionReason> brokenRules(Object command, Model model) {
        Set<RejectionReason> broken = EnumSet.noneOf(RejectionReason.class);
        if (command instanceof AdjustBudget c) {
            outsideYear(c.effectiveDate(), broken);
            beforeOpening(c.effectiveDate(), model, broken);
            if (c.amount().isZero()) {
                broken.add(RejectionReason.INVALID_AMOUNT);
            }
            if (model.authorityLeft() + c.amount().fen() < 0) {
                broken.add(RejectionReason.BUDGET_BELOW_SPENT);
            }
        } else if (command instanceof RecordIncome c) {
            outsideYear(c.effectiveDate(), broken);
            beforeOpening(c.effectiveDate(), model, broken);
            if (c.amount().fen() <= 0) {
                broken.add(RejectionReason.INVALID_AMOUNT);
            }
        } else if (command instanceof RecordExpenditure c) {
            outsideYear(c.effectiveDate(), broken);
            beforeOpening(c.effectiveDate(), model, broken);
            String code = c.economicCode().value();
            if (!code.equals("30201") && !code.equals("30217")) {
                broken.add(RejectionReason.UNKNOWN_CODE);
            }
            if (model.restriction != null && !model.restriction.value().equals(code)) {
                broken.add(RejectionReason.ECONOMIC_CODE_NOT_ALLOWED);
            }
            if (c.amount().fen() <= 0) {
                broken.add(RejectionReason.INVALID_AMOUNT);
            }
            if (model.leftOfExpenditure.containsKey(c.expenditureId())) {
                broken.add(RejectionReason.ID_CONFLICT);
            }
            if (c.amount().fen() > model.authorityLeft()) {
                broken.add(RejectionReason.BUDGET_EXCEEDED);
            }
        } else if (command instanceof ReverseExpenditure c) {
            Long left = model.leftOfExpenditure.get(c.expenditureId());
            if (left == null) {
                broken.add(RejectionReason.EXPENDITURE_NOT_FOUND);
                return broken;
            }
            outsideYear(c.effectiveDate(), broken);
            if (c.effectiveDate().isBefore(model.dateOfExpenditure.get(c.expenditureId()))) {
                broken.add(RejectionReason.EFFECTIVE_DATE_BEFORE_EXPENDITURE);
            }
            if (c.amount() != null && c.amount().fen() <= 0) {
                broken.add(RejectionReason.INVALID_AMOUNT);
            } else {
                long amount = c.amount() == null ? left : c.amount().fen();
                if (amount <= 0 || amount > left) {
                    broken.add(RejectionReason.REVERSAL_EXCEEDS_EXPENDITURE);
                }
            }
        } else if (command instanceof ReverseIncome c) {
            Long left = model.leftOfIncome.get(c.incomeId());
            if (left == null) {
                broken.add(RejectionReason.INCOME_NOT_FOUND);
                return broken;
            }
            outsideYear(c.effectiveDate(), broken);
            if (c.effectiveDate().isBefore(model.dateOfIncome.get(c.incomeId()))) {
                broken.add(RejectionReason.EFFECTIVE_DATE_BEFORE_INCOME);
            }
            if (c.amount() != null && c.amount().fen() <= 0) {
                broken.add(RejectionReason.INVALID_AMOUNT);
            } else {
                long amount = c.amount() == null ? left : c.amount().fen();
                if (amount <= 0 || amount > left) {
                    broken.add(RejectionReason.REVERSAL_EXCEEDS_INCOME);
                }
            }
        } else if (command instanceof CorrectAppropriation c) {
            if (model.appropriation == null) {
                broken.add(RejectionReason.APPROPRIATION_NOT_FOUND);
                return broken;
            }
            long change = c.correctedAmount().fen() - model.appropriation;
            if (c.correctedAmount().isNegative() || change == 0) {
                broken.add(RejectionReason.INVALID_AMOUNT);
            }
            if (model.lowestAuthoritySinceOpening() + change < 0) {
                broken.add(RejectionReason.BUDGET_BELOW_SPENT);
            }
        }
        return broken;
    }

    private static void beforeOpening(LocalDate date, Model model, Set<RejectionReason> broken) {
        if (date.isBefore(model.openedOn)) {
            broken.add(RejectionReason.EFFECTIVE_DATE_BEFORE_INDICATOR);
        }
    }

    private static void outsideYear(LocalDate date, Set<RejectionReason> broken) {
        if (date.getYear() != YEAR) {
            broken.add(RejectionReason.EFFECTIVE_DATE_OUTSIDE_FISCAL_YEAR);
        }
    }

    private static Object expectedEvent(Object command, Model model) {
        if (command instanceof AdjustBudget c) {
            return new BudgetAdjusted(ID, c.adjustmentId(), c.amount(), c.reason(), c.effectiveDate(), c.documentRef());
        } else if (command instanceof RecordIncome c) {
            return new IncomeRecorded(ID, c.incomeId(), c.amount(), c.effectiveDate(), c.description());
        } else if (command instanceof RecordExpenditure c) {
            return new ExpenditureRecorded(ID, c.expenditureId(), c.amount(), c.economicCode(), c.effectiveDate(),
                    c.voucherNo(), c.payee(), c.description());
        } else if (command instanceof ReverseExpenditure c) {
            long amount = c.amount() == null ? model.leftOfExpenditure.get(c.expenditureId()) : c.amount().fen();
            return new ExpenditureReversed(ID, c.reversalId(), c.expenditureId(), Money.ofFen(amount),
                    spentCode(command, model), c.reason(), c.effectiveDate());
        } else if (command instanceof ReverseIncome c) {
            long amount = c.amount() == null ? model.leftOfIncome.get(c.incomeId()) : c.amount().fen();
            return new IncomeReversed(ID, c.reversalId(), c.incomeId(), Money.ofFen(amount), c.reason(),
                    c.effectiveDate());
        } else if (command instanceof CorrectAppropriation c) {
            return new AppropriationCorrected(ID, c.correctionId(), Money.ofFen(c.correctedAmount().fen()
                    - model.appropriation), c.correctedAmount(), model.initialAppropriation, c.reason(),
                    c.documentRef(), model.openedOn);
        }
        throw new IllegalArgumentException(String.valueOf(command));
    }

    /** The economic code a reversal carries: the one of the expenditure it reverses. */
    private static EconomicCode spentCode(Object command, Model model) {
        return model.codeOfExpenditure.get(((ReverseExpenditure) command).expenditureId());
    }

    private static void applyTo(Model model, Object command) {
        if (command instanceof AdjustBudget c) {
            model.adjustments += c.amount().fen();
            model.authorityOn.merge(c.effectiveDate(), c.amount().fen(), Long::sum);
        } else if (command instanceof RecordIncome c) {
            model.income += c.amount().fen();
            model.leftOfIncome.put(c.incomeId(), c.amount().fen());
            model.dateOfIncome.put(c.incomeId(), c.effectiveDate());
        } else if (command instanceof ReverseIncome c) {
            long left = model.leftOfIncome.get(c.incomeId());
            long amount = c.amount() == null ? left : c.amount().fen();
            model.income -= amount;
            model.leftOfIncome.put(c.incomeId(), left - amount);
        } else if (command instanceof CorrectAppropriation c) {
            long change = c.correctedAmount().fen() - model.appropriation;
            if (model.initialAppropriation) {
                model.initial += change;
            } else {
                model.adjustments += change;
            }
            model.appropriation = c.correctedAmount().fen();
            model.authorityOn.merge(model.openedOn, change, Long::sum);
        } else if (command instanceof RecordExpenditure c) {
            model.spent += c.amount().fen();
            model.authorityOn.merge(c.effectiveDate(), -c.amount().fen(), Long::sum);
            model.leftOfExpenditure.put(c.expenditureId(), c.amount().fen());
            model.codeOfExpenditure.put(c.expenditureId(), c.economicCode());
            model.dateOfExpenditure.put(c.expenditureId(), c.effectiveDate());
        } else if (command instanceof ReverseExpenditure c) {
            long left = model.leftOfExpenditure.get(c.expenditureId());
            long amount = c.amount() == null ? left : c.amount().fen();
            model.spent -= amount;
            model.leftOfExpenditure.put(c.expenditureId(), left - amount);
            model.authorityOn.merge(c.effectiveDate(), amount, Long::sum);
        }
    }

    private static void checkInvariants(InMemoryLedger ledger, Model model) {
        List<IndicatorEvent> events = ledger.events(ID);
        IndicatorFigures replayed = IndicatorState.replay(events).figures();

        // (c) the audit replay, the live aggregate and the model agree
        assertThat(replayed).isEqualTo(model.figures());
        assertThat(ledger.liveState(ID).figures()).isEqualTo(replayed);

        // (e) nothing is effective before the indicator opened, and as of any date spending and income are not negative
        TreeMap<LocalDate, Long> spentOn = new TreeMap<>();
        TreeMap<LocalDate, Long> incomeOn = new TreeMap<>();
        for (IndicatorEvent event : events) {
            assertThat(event.effectiveDate()).as("%s", event).isAfterOrEqualTo(model.openedOn);
            if (event instanceof ExpenditureRecorded e) {
                spentOn.merge(e.effectiveDate(), e.amount().fen(), Long::sum);
            } else if (event instanceof ExpenditureReversed e) {
                spentOn.merge(e.effectiveDate(), -e.amount().fen(), Long::sum);
            } else if (event instanceof IncomeRecorded e) {
                incomeOn.merge(e.effectiveDate(), e.amount().fen(), Long::sum);
            } else if (event instanceof IncomeReversed e) {
                incomeOn.merge(e.effectiveDate(), -e.amount().fen(), Long::sum);
            }
        }
        long spentAsOf = 0;
        for (Map.Entry<LocalDate, Long> day : spentOn.entrySet()) {
            spentAsOf += day.getValue();
            assertThat(spentAsOf).as("spent as of %s", day.getKey()).isNotNegative();
        }
        long incomeAsOf = 0;
        for (Map.Entry<LocalDate, Long> day : incomeOn.entrySet()) {
            incomeAsOf += day.getValue();
            assertThat(incomeAsOf).as("income as of %s", day.getKey()).isNotNegative();
        }

        // (a) 无预算不支出: the authority left is never negative
        assertThat(replayed.authorityLeft().isNegative()).as("authority left %s", replayed.authorityLeft()).isFalse();

        // (b) funds identity, against the amounts of the events themselves
        long carriedIn = 0;
        long income = 0;
        long spent = 0;
        for (IndicatorEvent event : events) {
            if (event instanceof CarriedIn e) {
                carriedIn += e.amount().fen();
            } else if (event instanceof IncomeRecorded e) {
                income += e.amount().fen();
            } else if (event instanceof IncomeReversed e) {
                income -= e.amount().fen();
            } else if (event instanceof ExpenditureRecorded e) {
                spent += e.amount().fen();
            } else if (event instanceof ExpenditureReversed e) {
                spent -= e.amount().fen();
            }
        }
        assertThat(replayed.fundsBalance())
                .isEqualTo(replayed.carriedIn().plus(replayed.income()).minus(replayed.spent()))
                .isEqualTo(Money.ofFen(carriedIn + income - spent));
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Opening> opening = Combinators.combine(
                Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0L)),
                        Tuple.of(6, Arbitraries.longs().between(1, 5_000_000))),
                Arbitraries.of(true, true, false),
                Arbitraries.of(false, false, false, true),
                Arbitraries.of(null, null, RECEPTION),
                Arbitraries.integers().between(0, 150)
        ).as(Opening::new);
        Arbitrary<List<Step>> steps = step().list().ofMinSize(1).ofMaxSize(30);
        return Combinators.combine(opening, steps).as(Scenario::new);
    }

    // ------------------------------------------------------------------ transfers (调剂)

    /**
     * A and B belong to one unit, C to another; D is of the first unit but another fund source (事业收入),
     * E of the first unit but basic expenditure; all of the same fiscal year, opened on 2 January.
     */
    private static final List<String> TRANSFER_INDICATORS = List.of("A", "B", "C", "D", "E");
    private static final List<IndicatorAttributes> TRANSFER_ATTRIBUTES = List.of(
            Fixtures.project(YEAR, UNIT), Fixtures.project(YEAR, UNIT), Fixtures.project(YEAR, OTHER_UNIT),
            new IndicatorAttributes(YEAR, UNIT, FundSource.BUSINESS, ADMIN_OPERATION, ExpenditureKind.PROJECT, "P2024-001",
                    "工信产业项目管理经费", null),
            Fixtures.basic());
    /** Before every transfer indicator exists. */
    private static final LocalDate NEW_YEARS_DAY = LocalDate.of(YEAR, 1, 1);

    /**
     * {@code relative}: the amount is the source's authority left + fen; {@code acrossKinds}: the
     * transfer asks to cross kinds of expenditure; {@code early}: effective before the indicators exist.
     */
    record Move(int from, int to, long fen, boolean relative, boolean spend, boolean acrossKinds, boolean early) {
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void transfersMoveAuthorityWithinAUnitFundSourceAndKindAndNetToZero(@ForAll("budgets") List<Long> budgets,
            @ForAll("moves") List<Move> moves, @ForAll boolean acrossKindsAllowed) {
        int n = TRANSFER_INDICATORS.size();
        try (InMemoryLedger ledger = new InMemoryLedger(acrossKindsAllowed)) {
            long[] budget = new long[n];
            long[] spent = new long[n];
            for (int i = 0; i < n; i++) {
                ledger.accept(Fixtures.appropriate(TRANSFER_INDICATORS.get(i), TRANSFER_ATTRIBUTES.get(i), "0"));
                ledger.accept(new AdjustBudget(TRANSFER_INDICATORS.get(i), "ADJ", Money.ofFen(budgets.get(i) + 1),
                        "追加", IN_YEAR, "doc"));
                budget[i] = budgets.get(i) + 1;
            }
            long[] initialBudget = budget.clone();
            long unitTotal = budget[0] + budget[1] + budget[3] + budget[4];
            int counter = 0;
            for (Move move : moves) {
                counter++;
                String from = TRANSFER_INDICATORS.get(move.from());
                long authority = budget[move.from()] - spent[move.from()];
                long fen = move.relative() ? authority + move.fen() : move.fen();
                LocalDate date = move.early() ? NEW_YEARS_DAY : IN_YEAR;
                Set<RejectionReason> broken = EnumSet.noneOf(RejectionReason.class);
                Set<TransferRule> brokenTransferRules = EnumSet.noneOf(TransferRule.class);
                Object command;
                if (move.spend()) {
                    command = new RecordExpenditure(from, "E" + counter, Money.ofFen(fen), Fixtures.OFFICE, date,
                            "v", "payee", "支出");
                } else {
                    String to = TRANSFER_INDICATORS.get(move.to());
                    command = new TransferBudget("T" + counter, from, to, Money.ofFen(fen), "调剂", date, "doc",
                            move.acrossKinds());
                    brokenTransferRules.addAll(transferRules(move, acrossKindsAllowed));
                    if (!brokenTransferRules.isEmpty()) {
                        broken.add(RejectionReason.TRANSFER_NOT_ALLOWED);
                    }
                }
                if (fen <= 0) {
                    broken.add(RejectionReason.INVALID_AMOUNT);
                }
                if (fen > authority) {
                    broken.add(RejectionReason.BUDGET_EXCEEDED);
                }
                if (move.early()) {
                    broken.add(RejectionReason.EFFECTIVE_DATE_BEFORE_INDICATOR);
                }
                List<Object> before = ledger.allEvents();

                Optional<LedgerRejection> rejection = ledger.send(command);

                List<Object> after = ledger.allEvents();
                Statistics.label("outcome").collect(move.spend() ? "spend" : "transfer",
                        rejection.map(r -> r.reason().name()).orElse("accepted"));
                if (broken.isEmpty()) {
                    assertThat(rejection).as("%s breaks no rule", command).isEmpty();
                    List<Object> added = after.subList(before.size(), after.size());
                    if (command instanceof TransferBudget t) {
                        assertThat(added).containsExactlyInAnyOrder(
                                new BudgetTransferredOut(t.fromIndicatorId(), t.transferId(), t.toIndicatorId(),
                                        t.amount(), t.reason(), t.effectiveDate(), t.documentRef()),
                                new BudgetTransferredIn(t.toIndicatorId(), t.transferId(), t.fromIndicatorId(),
                                        t.amount(), t.reason(), t.effectiveDate(), t.documentRef()));
                        budget[move.from()] -= fen;
                        budget[move.to()] += fen;
                        if (TRANSFER_ATTRIBUTES.get(move.from()).kind() != TRANSFER_ATTRIBUTES.get(move.to()).kind()) {
                            Statistics.label("outcome").collect("transfer", "accepted across kinds");
                        }
                    } else {
                        assertThat(added).hasSize(1).first().isInstanceOf(ExpenditureRecorded.class);
                        spent[move.from()] += fen;
                    }
                } else {
                    assertThat(rejection).as("%s breaks %s", command, broken).isPresent();
                    assertThat(rejection.get().reason()).as("rejection of %s", command).isIn(broken);
                    if (rejection.get().reason() == RejectionReason.TRANSFER_NOT_ALLOWED) {
                        // the rule it names is one the transfer breaks
                        TransferRule rule = TransferRule.valueOf(rejection.get().details().get("rule"));
                        assertThat(rule).as("rule refusing %s", command).isIn(brokenTransferRules);
                        Statistics.label("rule").collect(rule);
                    }
                    assertThat(after).isEqualTo(before);
                }

                long[] replayedBudget = new long[n];
                for (int i = 0; i < n; i++) {
                    IndicatorFigures figures = ledger.replay(TRANSFER_INDICATORS.get(i)).figures();
                    replayedBudget[i] = figures.budget().fen();
                    assertThat(figures.budget().fen()).isEqualTo(budget[i]);
                    assertThat(figures.spent().fen()).isEqualTo(spent[i]);
                    assertThat(figures.authorityLeft().isNegative()).isFalse();
                }
                // transfers net to zero within the unit and never reach another unit or fund source
                assertThat(replayedBudget[0] + replayedBudget[1] + replayedBudget[3] + replayedBudget[4])
                        .isEqualTo(unitTotal);
                assertThat(replayedBudget[2]).isEqualTo(initialBudget[2]);
                assertThat(replayedBudget[3]).isEqualTo(initialBudget[3]);
                if (!acrossKindsAllowed) {
                    // nor another kind of expenditure, unless the ledger allows it
                    assertThat(replayedBudget[4]).isEqualTo(initialBudget[4]);
                }
            }
        }
        Statistics.label("outcome").coverage(checker -> {
            checker.check("transfer", "accepted").count(c -> c > 0);
            checker.check("transfer", "accepted across kinds").count(c -> c > 0);
            checker.check("transfer", "BUDGET_EXCEEDED").count(c -> c > 0);
            checker.check("transfer", "TRANSFER_NOT_ALLOWED").count(c -> c > 0);
            checker.check("transfer", "INVALID_AMOUNT").count(c -> c > 0);
            checker.check("transfer", "EFFECTIVE_DATE_BEFORE_INDICATOR").count(c -> c > 0);
            checker.check("spend", "accepted").count(c -> c > 0);
            checker.check("spend", "EFFECTIVE_DATE_BEFORE_INDICATOR").count(c -> c > 0);
        });
        Statistics.label("rule").coverage(checker -> {
            for (TransferRule rule : EnumSet.complementOf(EnumSet.of(TransferRule.SAME_FISCAL_YEAR))) {
                checker.check(rule).count(c -> c > 0);
            }
        });
    }

    /** The rules of 调剂 a transfer breaks, as the test sees them. */
    private static Set<TransferRule> transferRules(Move move, boolean acrossKindsAllowed) {
        Set<TransferRule> broken = EnumSet.noneOf(TransferRule.class);
        IndicatorAttributes from = TRANSFER_ATTRIBUTES.get(move.from());
        IndicatorAttributes to = TRANSFER_ATTRIBUTES.get(move.to());
        if (move.from() == move.to()) {
            broken.add(TransferRule.TWO_INDICATORS);
        }
        if (!from.unitCode().equals(to.unitCode())) {
            broken.add(TransferRule.SAME_UNIT);
        }
        if (from.fundSource() != to.fundSource()) {
            broken.add(TransferRule.SAME_FUND_SOURCE);
        }
        if (from.kind() != to.kind() && !move.acrossKinds()) {
            broken.add(TransferRule.SAME_KIND);
        }
        if (from.kind() != to.kind() && move.acrossKinds() && !acrossKindsAllowed) {
            broken.add(TransferRule.ACROSS_KINDS_ENABLED);
        }
        return broken;
    }

    @Provide
    Arbitrary<List<Long>> budgets() {
        return Arbitraries.longs().between(0, 1_000_000).list().ofSize(TRANSFER_INDICATORS.size());
    }

    @Provide
    Arbitrary<List<Move>> moves() {
        Arbitrary<Integer> indicator = Arbitraries.frequency(
                Tuple.of(3, 0), Tuple.of(3, 1), Tuple.of(1, 2), Tuple.of(1, 3), Tuple.of(2, 4));
        Arbitrary<Boolean> spend = Arbitraries.of(false, false, true);
        Arbitrary<Boolean> acrossKinds = Arbitraries.of(false, true);
        Arbitrary<Boolean> early = Arbitraries.frequency(Tuple.of(15, false), Tuple.of(1, true));
        Arbitrary<Move> absolute = Combinators.combine(indicator, indicator, amount(), spend, acrossKinds, early)
                .as((from, to, fen, s, across, e) -> new Move(from, to, fen, false, s, across, e));
        Arbitrary<Move> edge = Combinators.combine(indicator, indicator, Arbitraries.longs().between(-1, 1), spend,
                        acrossKinds, early)
                .as((from, to, fen, s, across, e) -> new Move(from, to, fen, true, s, across, e));
        return Arbitraries.frequencyOf(Tuple.of(3, absolute), Tuple.of(1, edge)).list().ofMinSize(1).ofMaxSize(20);
    }

    // ------------------------------------------------------------------ year end (年终结转)

    /**
     * {@code carryOver}: null for the default (the whole balance), else the balance + {@code delta}
     * when {@code relative}, else {@code delta} itself.
     */
    record YearEnd(ExpenditureKind kind, long initial, long income, List<Long> spending, boolean carryOverGiven,
                   boolean relative, long delta, SurplusDisposition disposition, Long existingTargetBudget) {
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void carryForwardSplitsTheFundsBalanceAndCarriesWhatIsNotTakenBack(@ForAll("yearEnds") YearEnd yearEnd) {
        try (InMemoryLedger ledger = new InMemoryLedger()) {
            IndicatorAttributes attributes = new IndicatorAttributes(YEAR, UNIT, FundSource.GENERAL_BUDGET,
                    ADMIN_OPERATION, yearEnd.kind(), null, null, null);
            ledger.accept(new AppropriateBudget("S", attributes, Money.ofFen(yearEnd.initial()), true, IN_YEAR, "doc"));
            if (yearEnd.income() > 0) {
                ledger.accept(new RecordIncome("S", "I", Money.ofFen(yearEnd.income()), IN_YEAR, "拨款"));
            }
            long spent = 0;
            for (long fen : yearEnd.spending()) {
                if (fen <= yearEnd.initial() - spent) {
                    ledger.accept(new RecordExpenditure("S", "E" + spent, Money.ofFen(fen), Fixtures.OFFICE, IN_YEAR,
                            "v", "payee", "支出"));
                    spent += fen;
                }
            }
            long targetBudget = 0;
            if (yearEnd.existingTargetBudget() != null) {
                targetBudget = yearEnd.existingTargetBudget();
                ledger.accept(new AppropriateBudget("S2025", attributes.nextYear(), Money.ofFen(targetBudget), true,
                        LocalDate.of(YEAR + 1, 1, 1), "doc"));
            }
            long balance = yearEnd.income() - spent;
            assertThat(ledger.replay("S").figures().fundsBalance().fen()).isEqualTo(balance);
            Long carryOver = !yearEnd.carryOverGiven() ? null
                    : yearEnd.relative() ? balance + yearEnd.delta() : yearEnd.delta();
            long effectiveCarryOver = carryOver == null ? balance : carryOver;
            long surplus = balance - effectiveCarryOver;
            Set<RejectionReason> broken = EnumSet.noneOf(RejectionReason.class);
            if (balance < 0 || effectiveCarryOver < 0 || surplus < 0) {
                broken.add(RejectionReason.CARRY_FORWARD_SPLIT_INVALID);
            }
            if (surplus > 0 && yearEnd.kind() == ExpenditureKind.BASIC) {
                broken.add(RejectionReason.SURPLUS_ON_BASIC_INDICATOR);
            }
            CarryForward command = new CarryForward("S", "S2025", carryOver == null ? null : Money.ofFen(carryOver),
                    yearEnd.disposition(), DEC_31_OF_YEAR);
            List<Object> before = ledger.allEvents();

            Optional<LedgerRejection> rejection = ledger.send(command);

            Statistics.label("outcome").collect(rejection.map(r -> r.reason().name()).orElse("accepted"));
            if (broken.isEmpty()) {
                assertThat(rejection).as("%s breaks no rule", command).isEmpty();
                SurplusDisposition disposition = yearEnd.disposition() == null
                        ? SurplusDisposition.CARRY : yearEnd.disposition();
                assertThat(ledger.events("S")).last().isEqualTo(new CarriedForward("S", "S2025",
                        Money.ofFen(effectiveCarryOver), Money.ofFen(surplus), disposition, DEC_31_OF_YEAR));
                IndicatorState target = ledger.replay("S2025");
                long carried = effectiveCarryOver + (disposition == SurplusDisposition.CARRY ? surplus : 0);
                assertThat(target.figures().carriedIn().fen()).isEqualTo(carried);
                assertThat(target.figures().initial().fen()).isEqualTo(targetBudget);
                assertThat(target.attributes()).isEqualTo(attributes.nextYear());
                assertThat(ledger.replay("S").closed()).isTrue();
                assertThat(ledger.reject(new RecordIncome("S", "I2", Money.ofFen(1), IN_YEAR, "拨款")))
                        .isEqualTo(RejectionReason.INDICATOR_CLOSED);
            } else {
                assertThat(rejection).as("%s breaks %s", command, broken).isPresent();
                assertThat(rejection.get().reason()).as("rejection of %s", command).isIn(broken);
                assertThat(ledger.allEvents()).isEqualTo(before);
                assertThat(ledger.replay("S").closed()).isFalse();
            }
        }
        Statistics.label("outcome").coverage(checker -> {
            checker.check("accepted").count(n -> n > 0);
            checker.check("CARRY_FORWARD_SPLIT_INVALID").count(n -> n > 0);
            checker.check("SURPLUS_ON_BASIC_INDICATOR").count(n -> n > 0);
        });
    }

    private static final LocalDate DEC_31_OF_YEAR = LocalDate.of(YEAR, 12, 31);

    @Provide
    Arbitrary<YearEnd> yearEnds() {
        Arbitrary<Long> money = Arbitraries.longs().between(0, 1_000_000);
        Arbitrary<Long> delta = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs().between(-2, 1)),
                Tuple.of(1, Arbitraries.longs().between(-500_000, 500_000)));
        Arbitrary<YearEnd> withoutTarget = Combinators.combine(
                Arbitraries.of(ExpenditureKind.BASIC, ExpenditureKind.PROJECT),
                money,
                money,
                Arbitraries.longs().between(1, 400_000).list().ofMaxSize(4),
                Arbitraries.of(false, true, true),
                Arbitraries.of(false, true),
                delta,
                Arbitraries.of(SurplusDisposition.CARRY, SurplusDisposition.RECAPTURE).injectNull(0.3)
        ).as((kind, initial, income, spending, given, relative, d, disposition) ->
                new YearEnd(kind, initial, income, spending, given, relative, d, disposition, null));
        return Combinators.combine(withoutTarget, money.injectNull(0.6))
                .as((y, target) -> new YearEnd(y.kind(), y.initial(), y.income(), y.spending(), y.carryOverGiven(),
                        y.relative(), y.delta(), y.disposition(), target));
    }

    /** Amounts in fen: zero, small ones of either sign, everyday ones and some beyond any budget. */
    private static Arbitrary<Long> amount() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(0L)),
                Tuple.of(1, Arbitraries.longs().between(-200, 200)),
                Tuple.of(6, Arbitraries.longs().between(1, 200_000)),
                Tuple.of(1, Arbitraries.longs().between(200_000, 5_000_000)));
    }

    private Arbitrary<Step> step() {
        Arbitrary<Long> edge = Arbitraries.longs().between(-1, 1);
        Arbitrary<Boolean> relative = Arbitraries.frequency(Tuple.of(2, false), Tuple.of(1, true));
        Arbitrary<When> when = Arbitraries.frequencyOf(
                Tuple.of(20, Arbitraries.integers().between(0, 120).map(days -> new When(Timing.AFTER, days))),
                Tuple.of(1, Arbitraries.integers().between(0, 30).map(days -> new When(Timing.BEFORE, days))),
                Tuple.of(1, Arbitraries.just(new When(Timing.OUTSIDE_YEAR, 0))));
        Arbitrary<String> spendId = Arbitraries.strings().withChars("123456").ofLength(1).map(n -> "E" + n);
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 5);
        Arbitrary<Boolean> unknown = Arbitraries.frequency(Tuple.of(10, false), Tuple.of(1, true));
        Arbitrary<String> code = Arbitraries.frequency(
                Tuple.of(12, SPEND_CODES[0]), Tuple.of(6, SPEND_CODES[1]),
                Tuple.of(1, SPEND_CODES[2]), Tuple.of(1, SPEND_CODES[3]));

        Arbitrary<Step> adjust = relative.flatMap(r -> Combinators.combine(
                r ? edge : amount().map(fen -> fen % 2 == 0 ? fen : -fen), when)
                .as((fen, w) -> (Step) new Adjust(fen, r, w)));
        Arbitrary<Step> income = Combinators.combine(amount(), when)
                .as((fen, w) -> (Step) new Income(fen, w));
        Arbitrary<Step> spend = relative.flatMap(r -> Combinators.combine(spendId, r ? edge : amount(), code, when)
                .as((id, fen, c, w) -> (Step) new Spend(id, fen, r, c, w)));
        Arbitrary<Step> reverse = Arbitraries.frequencyOf(
                Tuple.of(2, Combinators.combine(pick, unknown, when)
                        .as((p, u, w) -> (Step) new Reverse(p, u, null, false, w))),
                Tuple.of(2, Combinators.combine(pick, unknown, edge, when)
                        .as((p, u, fen, w) -> (Step) new Reverse(p, u, fen, true, w))),
                Tuple.of(2, Combinators.combine(pick, unknown, amount().map(fen -> fen / 4), when)
                        .as((p, u, fen, w) -> (Step) new Reverse(p, u, fen, false, w))));
        Arbitrary<Step> reverseIncome = Arbitraries.frequencyOf(
                Tuple.of(2, Combinators.combine(pick, unknown, when)
                        .as((p, u, w) -> (Step) new ReverseIncomeStep(p, u, null, false, w))),
                Tuple.of(2, Combinators.combine(pick, unknown, edge, when)
                        .as((p, u, fen, w) -> (Step) new ReverseIncomeStep(p, u, fen, true, w))),
                Tuple.of(2, Combinators.combine(pick, unknown, amount().map(fen -> fen / 4), when)
                        .as((p, u, fen, w) -> (Step) new ReverseIncomeStep(p, u, fen, false, w))));
        Arbitrary<Step> correct = relative.flatMap(r -> (r ? edge : amount()).map(fen -> (Step) new Correct(fen, r)));
        return Arbitraries.frequencyOf(
                Tuple.of(2, adjust),
                Tuple.of(2, income),
                Tuple.of(5, spend),
                Tuple.of(3, reverse),
                Tuple.of(2, reverseIncome),
                Tuple.of(1, correct));
    }
}
