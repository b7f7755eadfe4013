package cn.gov.ledger.core.indicator;

import static cn.gov.ledger.core.indicator.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** 调账 through {@link ExpenditureMoves}, over a real event-sourcing repository and unit of work. */
class MoveExpenditureTest {

    private static final LocalDate SEP_1 = LocalDate.of(YEAR, 9, 1);

    private InMemoryLedger ledger;

    @BeforeEach
    void anExpenditureOnTheWrongIndicator() {
        ledger = new InMemoryLedger();
        ledger.accept(appropriate("A", project(), "1000.00"));
        ledger.accept(appropriate("B", project(), "500.00"));
        ledger.accept(spend("A", "E1", "300.00"));
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void aMoveReversesOnTheSourceAndRepostsOnTheTargetLinkedByItsId() {
        ledger.accept(move("M1", "E1", "A", "B", null));

        // effective on the expenditure's own date, with what it was paid with
        assertThat(ledger.events("A")).last().isEqualTo(new ExpenditureMovedOut("A", "M1", "E1", "B",
                yuan("300.00"), OFFICE, "记错指标", JUN_30));
        assertThat(ledger.events("B")).last().isEqualTo(new ExpenditureMovedIn("B", "M1", "E1", "A",
                yuan("300.00"), OFFICE, "记-0001", "某供应商", "办公用品", "记错指标", JUN_30));
        assertThat(ledger.replay("A").figures().spent()).isEqualTo(yuan("0.00"));
        assertThat(ledger.replay("A").figures().authorityLeft()).isEqualTo(yuan("1000.00"));
        assertThat(ledger.replay("B").figures().spent()).isEqualTo(yuan("300.00"));
        assertThat(ledger.replay("B").figures().authorityLeft()).isEqualTo(yuan("200.00"));
        assertThat(ledger.liveState("B").expenditure("E1")).map(IndicatorState.SpentItem::left)
                .contains(yuan("300.00"));
    }

    @Test
    void onlyWhatIsLeftAfterReversalsMoves() {
        ledger.accept(reverse("A", "R1", "E1", "100.00"));

        ledger.accept(move("M1", "E1", "A", "B", SEP_1));

        assertThat(ledger.events("B")).last().extracting(e -> ((ExpenditureMovedIn) e).amount())
                .isEqualTo(yuan("200.00"));
        assertThat(ledger.replay("A").figures().spent()).isEqualTo(yuan("0.00"));
        assertThat(ledger.replay("B").figures().spent()).isEqualTo(yuan("200.00"));
    }

    @Test
    void aMovedExpenditureIsTheTargetsToReverseAndToMoveAgain() {
        ledger.accept(appropriate("C", project(), "500.00"));
        ledger.accept(move("M1", "E1", "A", "B", null));

        ledger.accept(reverse("B", "R1", "E1", "50.00"));
        // the command names where it was posted: the move follows it to where it is
        ledger.accept(move("M2", "E1", "A", "C", null));

        assertThat(ledger.events("C")).last().isEqualTo(new ExpenditureMovedIn("C", "M2", "E1", "B",
                yuan("250.00"), OFFICE, "记-0001", "某供应商", "办公用品", "记错指标", JUN_30));
        assertThat(ledger.replay("B").figures().spent()).isEqualTo(yuan("0.00"));
        assertThat(ledger.replay("C").figures().spent()).isEqualTo(yuan("250.00"));

        // a correction of the correction: back where it was posted first
        ledger.accept(move("M3", "E1", "A", "A", null));
        assertThat(ledger.replay("A").figures().spent()).isEqualTo(yuan("250.00"));
        assertThat(ledger.replay("C").figures().spent()).isEqualTo(yuan("0.00"));
        ledger.accept(reverse("A", "R2", "E1", null));
        assertThat(ledger.replay("A").figures().spent()).isEqualTo(yuan("0.00"));
    }

    @Test
    void aMoveMayCrossFundSourcesAndKindsWithinTheUnit() {
        ledger.accept(appropriate("BASIC", basic(), "500.00"));

        ledger.accept(move("M1", "E1", "A", "BASIC", null));

        assertThat(ledger.replay("BASIC").figures().spent()).isEqualTo(yuan("300.00"));
    }

    @Test
    void refusalsNameTheirRuleAndWriteNothing() {
        ledger.accept(appropriate("OTHER", project(YEAR, OTHER_UNIT), "500.00"));
        ledger.accept(appropriate("NEXT", project(YEAR + 1, UNIT), "500.00"));
        ledger.accept(appropriate("SMALL", project(), "299.99"));
        ledger.accept(appropriate("RECEPTION", receptionLimit(), "500.00"));
        ledger.accept(new AppropriateBudget("LATE", project(), yuan("500.00"), true, SEP_1, "doc"));
        ledger.accept(appropriate("SHUT", project(), "0"));
        ledger.accept(carryForward("SHUT", "SHUT2025"));
        ledger.accept(spend("A", "GONE", "10.00"));
        ledger.accept(reverse("A", "R1", "GONE", null));
        List<Object> before = ledger.allEvents();

        assertThat(ledger.reject(move("M1", "NOPE", "A", "B", null))).isEqualTo(RejectionReason.EXPENDITURE_NOT_FOUND);
        assertThat(ledger.reject(move("M2", "GONE", "A", "B", null))).isEqualTo(RejectionReason.NOTHING_LEFT_TO_MOVE);
        assertThat(ledger.reject(move("M3", "E1", "A", "NOPE", null))).isEqualTo(RejectionReason.INDICATOR_NOT_FOUND);
        assertThat(rule(move("M4", "E1", "A", "A", null))).isEqualTo("TWO_INDICATORS");
        assertThat(rule(move("M5", "E1", "A", "OTHER", null))).isEqualTo("SAME_UNIT");
        assertThat(rule(move("M6", "E1", "A", "NEXT", null))).isEqualTo("SAME_FISCAL_YEAR");
        assertThat(ledger.reject(move("M7", "E1", "A", "SMALL", null))).isEqualTo(RejectionReason.BUDGET_EXCEEDED);
        assertThat(ledger.reject(move("M8", "E1", "A", "RECEPTION", null)))
                .isEqualTo(RejectionReason.ECONOMIC_CODE_NOT_ALLOWED);
        assertThat(ledger.reject(move("M9", "E1", "A", "LATE", null)))
                .isEqualTo(RejectionReason.EFFECTIVE_DATE_BEFORE_INDICATOR);
        assertThat(ledger.reject(move("M10", "E1", "A", "SHUT", null))).isEqualTo(RejectionReason.INDICATOR_CLOSED);
        assertThat(ledger.reject(move("M11", "E1", "A", "B", JUN_30.minusDays(1))))
                .isEqualTo(RejectionReason.EFFECTIVE_DATE_BEFORE_EXPENDITURE);
        assertThat(ledger.reject(move("M12", "E1", "A", "B", JUN_30.plusYears(1))))
                .isEqualTo(RejectionReason.EFFECTIVE_DATE_OUTSIDE_FISCAL_YEAR);

        assertThat(ledger.allEvents()).isEqualTo(before);
        assertThat(ledger.liveState("A").expenditure("E1")).map(IndicatorState.SpentItem::left)
                .contains(yuan("300.00"));
    }

    private String rule(MoveExpenditure command) {
        LedgerRejection rejection = ledger.send(command).orElseThrow();
        assertThat(rejection.reason()).isEqualTo(RejectionReason.MOVE_NOT_ALLOWED);
        return rejection.details().get("rule");
    }

    private static MoveExpenditure move(String moveId, String expenditureId, String postedTo, String target,
                                        LocalDate effectiveDate) {
        return new MoveExpenditure(moveId, expenditureId, postedTo, target, effectiveDate, "记错指标");
    }
}
