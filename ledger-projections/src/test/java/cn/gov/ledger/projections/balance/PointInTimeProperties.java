package cn.gov.ledger.projections.balance;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.core.indicator.ExpenditureKind;
import cn.gov.ledger.core.indicator.Figure;
import cn.gov.ledger.core.indicator.FundSource;
import cn.gov.ledger.core.indicator.IndicatorAttributes;
import cn.gov.ledger.core.indicator.IndicatorFigures;
import cn.gov.ledger.projections.TestDatabase;
import cn.gov.ledger.projections.balance.History.FactKey;
import cn.gov.ledger.projections.balance.History.IndicatorSpec;
import cn.gov.ledger.projections.balance.History.Op;
import cn.gov.ledger.projections.balance.History.SliceSpec;
import cn.gov.ledger.projections.balance.History.Step;
import cn.gov.ledger.projections.reporting.Fact;
import cn.gov.ledger.projections.reporting.ReportFacts;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeTry;
import net.jqwik.api.statistics.Statistics;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * "Every figure at any point in time" (docs/domain.md, Time): for random event histories, every asOf /
 * knownAt answer of the read model equals a from-scratch fold of exactly the qualifying events.
 */
class PointInTimeProperties {

    private static final List<List<Dimension>> GROUPINGS = List.of(
            List.of(),
            List.of(Dimension.UNIT),
            List.of(Dimension.FUNCTIONAL_ITEM, Dimension.ECONOMIC_SECTION),
            List.of(Dimension.KIND));

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final BalanceQueries queries = new BalanceQueries(jdbc);
    private final ReportFacts reportFacts = new ReportFacts(jdbc);

    @BeforeTry
    void emptyReadModels() {
        TestDatabase.clear();
    }

    /**
     * Slices with asOf null, on, a day before or after an event's date (often a carry-forward's), or
     * anywhere around the year, and knownAt null, exactly at a recording (the bound is inclusive), a
     * millisecond or a microsecond either side of one, before, between or after all recordings.
     */
    @Property(tries = 150)
    void everyAnswerEqualsAReplayOfTheQualifyingEvents(@ForAll("histories") History history,
                                                       @ForAll("slices") List<SliceSpec> slices,
                                                       @ForAll("groupBy") List<Dimension> randomGroupBy,
                                                       @ForAll("checkpoints") KnownCheckpoints checkpoints) {
        history.project(new BalanceProjection(jdbc, checkpoints));
        Statistics.label("back-dated posting").collect(history.hasBackDatedPosting());
        Statistics.label("indicators").collect(history.indicatorIds().size());
        Statistics.label("carry-forward").collect(history.hasCarryForward());
        List<SliceSpec> all = new ArrayList<>(slices);
        all.add(new SliceSpec(0, 0, 0, 0, 0, 0)); // and always the answer as known now
        for (SliceSpec spec : all) {
            Statistics.label("knownAt").collect(History.describeKnownAt(spec));
            allAnswersAgree(history, history.slice(spec), randomGroupBy);
        }
    }

    /**
     * An API client may ask with any {@link java.time.Instant}, to the nanosecond: an event
     * recorded even a nanosecond after knownAt was not known then, and one recorded a nanosecond
     * before was. (Recorded instants have millisecond precision, as Axon stores them.)
     */
    @Property(tries = 40)
    void knownAtIsAnExactBoundBelowAMicrosecond(@ForAll("histories") History history,
                                                @ForAll("subMicrosecondSlices") List<SliceSpec> slices,
                                                @ForAll("checkpoints") KnownCheckpoints checkpoints) {
        history.project(new BalanceProjection(jdbc, checkpoints));
        for (SliceSpec spec : slices) {
            allAnswersAgree(history, history.slice(spec), List.of(Dimension.INDICATOR, Dimension.ECONOMIC_SECTION));
        }
    }

    private void allAnswersAgree(History history, TimeSlice time, List<Dimension> randomGroupBy) {
        indicatorsAgree(history, time);
        balancesAgree(history, time, randomGroupBy);
        reportFactsAgree(history, time);
    }

    // --- (a) one indicator ---

    private void indicatorsAgree(History history, TimeSlice time) {
        for (String id : history.indicatorIds()) {
            Optional<IndicatorView> read = queries.indicator(id, time);
            if (history.known(id, time)) {
                assertThat(read).as("indicator %s at %s", id, time).isPresent();
            } else if (read.isEmpty()) {
                // not recorded yet at knownAt: answering "no such indicator" is as right as all zeros
                continue;
            }
            IndicatorView view = read.orElseThrow();
            IndicatorFigures expected = history.figures(id, time);
            IndicatorFigures actual = view.figures();
            String what = "indicator " + id + " at " + time + ": ";
            assertThat(actual.initial()).as(what + "initial").isEqualTo(expected.initial());
            assertThat(actual.adjustments()).as(what + "adjustments").isEqualTo(expected.adjustments());
            assertThat(actual.carriedIn()).as(what + "carriedIn").isEqualTo(expected.carriedIn());
            assertThat(actual.income()).as(what + "income").isEqualTo(expected.income());
            assertThat(actual.spent()).as(what + "spent").isEqualTo(expected.spent());
            assertThat(actual.authorityLeft()).as(what + "authority left").isEqualTo(expected.authorityLeft());
            assertThat(actual.fundsBalance()).as(what + "funds balance").isEqualTo(expected.fundsBalance());
            assertThat(view.closed()).as(what + "closed").isEqualTo(history.closed(id, time));

            IndicatorAttributes a = history.attributes(id);
            assertThat(view.fiscalYear()).as(what + "fiscal year").isEqualTo(a.fiscalYear());
            assertThat(view.unitCode()).as(what + "unit").isEqualTo(a.unitCode());
            assertThat(view.fundSource()).as(what + "fund source").isEqualTo(a.fundSource().name());
            assertThat(view.functionalCode()).as(what + "functional code").isEqualTo(a.functionalCode().value());
            assertThat(view.kind()).as(what + "kind").isEqualTo(a.kind().name());
            assertThat(view.projectCode()).as(what + "project code").isEqualTo(a.projectCode());
            assertThat(view.economicCode()).as(what + "restriction")
                    .isEqualTo(a.economicCode() == null ? null : a.economicCode().value());
            if (time.knownAt() == null) {
                // attributes are not sliced; the source is that of the first carry-in received
                assertThat(view.sourceIndicatorId()).as(what + "source indicator")
                        .isEqualTo(history.sourceIndicator(id));
            }
        }
        assertThat(queries.indicator("I99", time)).as("an indicator that never existed").isEmpty();
    }

    // --- (b) balances grouped by dimensions ---

    private void balancesAgree(History history, TimeSlice time, List<Dimension> randomGroupBy) {
        Scope department = Scope.department(History.YEAR, History.DEPARTMENT);
        for (List<Dimension> groupBy : GROUPINGS) {
            balancesAgree(history, department, groupBy, time);
        }
        balancesAgree(history, department, randomGroupBy, time);
        balancesAgree(history, Scope.department(History.YEAR, History.OTHER_DEPARTMENT), List.of(Dimension.INDICATOR),
                time);
        balancesAgree(history, Scope.department(History.YEAR + 1, History.DEPARTMENT), List.of(Dimension.INDICATOR),
                time);
        balancesAgree(history, Scope.unit(History.YEAR, "U02"),
                List.of(Dimension.ECONOMIC_CLASS, Dimension.FUND_SOURCE), time);
    }

    private void balancesAgree(History history, Scope scope, List<Dimension> groupBy, TimeSlice time) {
        assertThat(queries.balances(scope, groupBy, time))
                .as("balances of %s by %s at %s", scope, groupBy, time)
                .containsExactlyElementsOf(history.balances(scope, groupBy, time));
    }

    // --- (c) the facts the year-end report is built from ---

    private void reportFactsAgree(History history, TimeSlice time) {
        for (Scope scope : List.of(Scope.department(History.YEAR, History.DEPARTMENT),
                Scope.department(History.YEAR, History.OTHER_DEPARTMENT),
                Scope.department(History.YEAR + 1, History.DEPARTMENT), Scope.unit(History.YEAR, "U01"))) {
            List<Fact> facts = reportFacts.load(scope, time);
            Map<FactKey, Long> actual = new HashMap<>();
            Map<Figure, Long> perFigure = new EnumMap<>(Figure.class);
            for (Figure figure : Figure.values()) {
                perFigure.put(figure, 0L);
            }
            for (Fact f : facts) {
                Long before = actual.put(new FactKey(f.fundSource(), f.functionalCode(), f.kind(), f.economicCode(),
                        f.figure()), f.fen());
                assertThat(before).as("one fact per grain, at %s: %s", time, f).isNull();
                perFigure.merge(f.figure(), f.fen(), Long::sum);
            }
            assertThat(perFigure).as("report facts of %s summed per figure at %s", scope, time)
                    .isEqualTo(history.totals(scope, time));
            assertThat(actual).as("report facts of %s at %s", scope, time).isEqualTo(history.facts(scope, time));
        }
    }

    // --- generators ---

    @Provide
    Arbitrary<History> histories() {
        Arbitrary<String> unit = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.just("U01")), Tuple.of(3, Arbitraries.just("U02")),
                Tuple.of(1, Arbitraries.just("U03")));
        Arbitrary<FundSource> fundSource =
                Arbitraries.of(FundSource.GENERAL_BUDGET, FundSource.GOVERNMENT_FUND, FundSource.BUSINESS);
        Arbitrary<String> functional = Arbitraries.of("2010101", "2010102", "2010350", "2050201", "2080505");
        Arbitrary<ExpenditureKind> kind =
                Arbitraries.of(ExpenditureKind.BASIC, ExpenditureKind.PROJECT, ExpenditureKind.OPERATING);
        Arbitrary<String> restriction = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just((String) null)), Tuple.of(1, Arbitraries.just("30217")),
                Tuple.of(1, Arbitraries.just("30201")));
        Arbitrary<IndicatorSpec> spec = Combinators.combine(unit, fundSource, functional, kind,
                Arbitraries.integers().between(0, 2), restriction).as(IndicatorSpec::new);

        Arbitrary<Op> op = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(Op.ADJUST)), Tuple.of(2, Arbitraries.just(Op.TRANSFER)),
                Tuple.of(3, Arbitraries.just(Op.INCOME)), Tuple.of(6, Arbitraries.just(Op.SPEND)),
                Tuple.of(2, Arbitraries.just(Op.REVERSE)), Tuple.of(1, Arbitraries.just(Op.CARRY_IN)),
                Tuple.of(2, Arbitraries.just(Op.CARRY_FORWARD)));
        Arbitrary<Long> gapMillis = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.longs().between(1, 3)),
                Tuple.of(3, Arbitraries.longs().between(1, 60_000)),
                Tuple.of(5, Arbitraries.longs().between(60_000, 10L * 24 * 3600 * 1000)));
        Arbitrary<Step> step = Combinators.combine(op, Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 2), Arbitraries.longs().between(1, 5_000_000),
                Arbitraries.integers().between(0, 365), gapMillis, Arbitraries.integers().between(0, 10_000))
                .as(Step::new);

        Arbitrary<Integer> redeliverFrom = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(-1)), Tuple.of(1, Arbitraries.integers().between(0, 40)));
        Arbitrary<Integer> deliveredLate = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(-1)), Tuple.of(1, Arbitraries.integers().between(0, 40)));
        return Combinators.combine(spec.list().ofSize(3), step.list().ofMinSize(1).ofMaxSize(40),
                Arbitraries.of(true, false), redeliverFrom, deliveredLate).as(History::build);
    }

    /**
     * Checkpoints of the journal for knownAt: after nearly every batch, now and then, or (the
     * service's rule) never in histories this short.
     */
    @Provide
    Arbitrary<KnownCheckpoints> checkpoints() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(new KnownCheckpoints(1, 0))),
                Tuple.of(2, Arbitraries.just(new KnownCheckpoints(4, 0))),
                Tuple.of(1, Arbitraries.just(new KnownCheckpoints(1, 2))),
                Tuple.of(1, Arbitraries.just(KnownCheckpoints.SERVICE)));
    }

    @Provide
    Arbitrary<List<SliceSpec>> slices() {
        Arbitrary<Integer> ref = Arbitraries.integers().between(0, 1000);
        Arbitrary<Integer> asOfMode = Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(0)),
                Tuple.of(4, Arbitraries.just(1)), Tuple.of(2, Arbitraries.just(2)), Tuple.of(2, Arbitraries.just(3)));
        Arbitrary<Integer> knownAtMode = Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(0)),
                Tuple.of(5, Arbitraries.just(1)), Tuple.of(1, Arbitraries.just(2)), Tuple.of(1, Arbitraries.just(3)),
                Tuple.of(1, Arbitraries.just(4)), Tuple.of(2, Arbitraries.just(5)));
        Arbitrary<Long> shift = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(0L)),
                Tuple.of(1, Arbitraries.of(-1_000_000L, 1_000_000L)), Tuple.of(1, Arbitraries.of(-1_000L, 1_000L)));
        return Combinators.combine(asOfMode, ref, Arbitraries.integers().between(0, 2), knownAtMode, ref, shift)
                .as(SliceSpec::new).list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<List<SliceSpec>> subMicrosecondSlices() {
        Arbitrary<Integer> ref = Arbitraries.integers().between(0, 1000);
        Arbitrary<Long> shift = Arbitraries.oneOf(Arbitraries.longs().between(-999, -1), Arbitraries.longs().between(1, 999));
        return Combinators.combine(Arbitraries.of(0, 1, 2, 3), ref, Arbitraries.integers().between(0, 2),
                Arbitraries.of(1, 5), ref, shift).as(SliceSpec::new).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<Dimension>> groupBy() {
        return Arbitraries.of(Dimension.class).list().uniqueElements().ofMinSize(1).ofMaxSize(4);
    }
}
