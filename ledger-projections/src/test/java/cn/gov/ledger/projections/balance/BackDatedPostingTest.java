package cn.gov.ledger.projections.balance;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.core.classification.EconomicCode;
import cn.gov.ledger.core.classification.FunctionalCode;
import cn.gov.ledger.core.indicator.BudgetAppropriated;
import cn.gov.ledger.core.indicator.ExpenditureKind;
import cn.gov.ledger.core.indicator.ExpenditureRecorded;
import cn.gov.ledger.core.indicator.Figure;
import cn.gov.ledger.core.indicator.FundSource;
import cn.gov.ledger.core.indicator.IndicatorAttributes;
import cn.gov.ledger.core.indicator.IndicatorFigures;
import cn.gov.ledger.core.money.Money;
import cn.gov.ledger.projections.TestDatabase;
import cn.gov.ledger.projections.balance.History.Posting;
import cn.gov.ledger.projections.reporting.Fact;
import cn.gov.ledger.projections.reporting.ReportFacts;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A posting recorded in June with an effective date in February (a back-dated voucher) changes the
 * answers asOf February 15 onwards, but not the answers as they were known before June.
 */
class BackDatedPostingTest {

    private static final String INDICATOR = "I01";
    private static final Scope DEPARTMENT = Scope.department(2024, "D01");

    private static final Instant APPROPRIATED = Instant.parse("2024-01-05T02:00:00Z");
    private static final Instant SPENT_IN_MARCH = Instant.parse("2024-03-10T03:00:00.250Z");
    /** When the back-dated voucher was recorded. */
    private static final Instant BACK_DATED = Instant.parse("2024-06-20T08:00:00.125Z");
    private static final Instant JUST_BEFORE = Instant.parse("2024-06-20T08:00:00.124Z");

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final BalanceProjection projection = new BalanceProjection(jdbc);
    private final BalanceQueries queries = new BalanceQueries(jdbc);
    private final ReportFacts reportFacts = new ReportFacts(jdbc);

    private final IndicatorAttributes attributes = new IndicatorAttributes(2024, "U01", FundSource.GENERAL_BUDGET,
            new FunctionalCode("2010101"), ExpenditureKind.BASIC, null, null, null);
    private final Posting appropriation = new Posting(1, APPROPRIATED, new BudgetAppropriated(INDICATOR, attributes,
            Money.ofFen(10_000_000), true, LocalDate.of(2024, 1, 1), "财预〔2024〕1号"));
    private final Posting marchExpenditure = new Posting(2, SPENT_IN_MARCH, new ExpenditureRecorded(INDICATOR, "E1",
            Money.ofFen(30_000), new EconomicCode("30201"), LocalDate.of(2024, 3, 10), "记-1", "印刷厂", "印刷费"));
    private final Posting backDatedReception = new Posting(5, BACK_DATED, new ExpenditureRecorded(INDICATOR, "E2",
            Money.ofFen(50_000), new EconomicCode("30217"), LocalDate.of(2024, 2, 15), "记-2", "宾馆", "公务接待费"));

    private static final List<LocalDate> DATES = List.of(LocalDate.of(2024, 2, 14), LocalDate.of(2024, 2, 15),
            LocalDate.of(2024, 3, 9), LocalDate.of(2024, 3, 10), LocalDate.of(2024, 12, 31));

    @BeforeEach
    void emptyReadModels() {
        TestDatabase.clear();
        TestDatabase.unit("U01", "D01");
    }

    @Test
    void backDatedPostingChangesAsOfAnswersFromItsDateButNotWhatWasKnownBefore() {
        History.deliver(projection, appropriation);
        History.deliver(projection, marchExpenditure);
        Map<LocalDate, Answers> beforeRecording = new LinkedHashMap<>();
        for (LocalDate asOf : asOfs()) {
            beforeRecording.put(asOf, answers(new TimeSlice(asOf, null)));
        }

        History.deliver(projection, backDatedReception);

        // as now known: the reception counts from February 15
        assertThat(spent(LocalDate.of(2024, 2, 14), null)).isEqualTo(0);
        assertThat(spent(LocalDate.of(2024, 2, 15), null)).isEqualTo(50_000);
        assertThat(spent(LocalDate.of(2024, 3, 9), null)).isEqualTo(50_000);
        assertThat(spent(LocalDate.of(2024, 3, 10), null)).isEqualTo(80_000);
        assertThat(spent(null, null)).isEqualTo(80_000);
        assertThat(figures(LocalDate.of(2024, 2, 20), null).authorityLeft()).isEqualTo(Money.ofFen(9_950_000));

        // as known before it was recorded: no trace of it, whatever the date asked for
        assertThat(spent(LocalDate.of(2024, 2, 15), JUST_BEFORE)).isEqualTo(0);
        assertThat(spent(LocalDate.of(2024, 3, 31), JUST_BEFORE)).isEqualTo(30_000);
        assertThat(spent(null, JUST_BEFORE)).isEqualTo(30_000);
        assertThat(spent(null, Instant.parse("2024-04-01T00:00:00Z"))).isEqualTo(30_000);
        assertThat(spent(null, SPENT_IN_MARCH.minusMillis(1))).isEqualTo(0);
        // knownAt is inclusive: recorded at exactly that instant counts
        assertThat(spent(LocalDate.of(2024, 2, 15), BACK_DATED)).isEqualTo(50_000);
        assertThat(spent(null, BACK_DATED)).isEqualTo(80_000);

        // the same through the grouped balances and the report facts
        Map<String, String> reception = new LinkedHashMap<>();
        reception.put("economicSection", "30217");
        Map<String, String> budget = new LinkedHashMap<>();
        budget.put("economicSection", null);
        List<Dimension> byEconomicSection = List.of(Dimension.ECONOMIC_SECTION);
        TimeSlice february = new TimeSlice(LocalDate.of(2024, 2, 28), null);
        assertThat(queries.balances(DEPARTMENT, byEconomicSection, february)).containsExactly(
                new BalanceRow(budget, figures(10_000_000, 0)), new BalanceRow(reception, figures(0, 50_000)));
        assertThat(queries.balances(DEPARTMENT, byEconomicSection, new TimeSlice(LocalDate.of(2024, 2, 28), JUST_BEFORE)))
                .containsExactly(new BalanceRow(budget, figures(10_000_000, 0)));
        assertThat(spentInFacts(february)).isEqualTo(Map.of("30217", 50_000L));
        assertThat(spentInFacts(new TimeSlice(LocalDate.of(2024, 2, 28), JUST_BEFORE))).isEmpty();
        assertThat(spentInFacts(new TimeSlice(null, JUST_BEFORE))).isEqualTo(Map.of("30201", 30_000L));

        // an auditor asking with knownAt just before the recording sees every answer as it was given then
        for (LocalDate asOf : asOfs()) {
            assertThat(answers(new TimeSlice(asOf, JUST_BEFORE))).as("asOf %s known just before", asOf)
                    .isEqualTo(beforeRecording.get(asOf));
        }
        // and from February 15 on, the answers as now known differ from those
        for (LocalDate asOf : asOfs()) {
            boolean affected = asOf == null || !asOf.isBefore(LocalDate.of(2024, 2, 15));
            assertThat(answers(new TimeSlice(asOf, null)).equals(beforeRecording.get(asOf))).as("asOf %s", asOf)
                    .isEqualTo(!affected);
        }
    }

    private static List<LocalDate> asOfs() {
        List<LocalDate> asOfs = new ArrayList<>(DATES);
        asOfs.add(null);
        return asOfs;
    }

    /** Everything the read model answers for the slice. */
    private record Answers(IndicatorView indicator, List<BalanceRow> byUnitAndEconomicCode, List<Fact> facts) {
    }

    private Answers answers(TimeSlice time) {
        List<Fact> facts = new ArrayList<>(reportFacts.load(DEPARTMENT, time));
        facts.sort((x, y) -> (x.figure() + "|" + x.economicCode()).compareTo(y.figure() + "|" + y.economicCode()));
        return new Answers(queries.indicator(INDICATOR, time).orElseThrow(),
                queries.balances(DEPARTMENT, List.of(Dimension.UNIT, Dimension.ECONOMIC_SECTION), time), facts);
    }

    private IndicatorFigures figures(LocalDate asOf, Instant knownAt) {
        return queries.indicator(INDICATOR, new TimeSlice(asOf, knownAt)).orElseThrow().figures();
    }

    private long spent(LocalDate asOf, Instant knownAt) {
        return figures(asOf, knownAt).spent().fen();
    }

    private static IndicatorFigures figures(long initialFen, long spentFen) {
        return new IndicatorFigures(Money.ofFen(initialFen), Money.ZERO, Money.ZERO, Money.ZERO, Money.ofFen(spentFen));
    }

    private Map<String, Long> spentInFacts(TimeSlice time) {
        Map<String, Long> spent = new HashMap<>();
        reportFacts.load(DEPARTMENT, time).stream().filter(f -> f.figure() == Figure.SPENT)
                .forEach(f -> spent.merge(f.economicCode(), f.fen(), Long::sum));
        return spent;
    }
}
