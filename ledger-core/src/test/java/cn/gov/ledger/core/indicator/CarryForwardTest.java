package cn.gov.ledger.core.indicator;

import static cn.gov.ledger.core.indicator.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.core.money.Money;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** 年终结转 through {@link YearEndCarryForward}, over a real event-sourcing repository and unit of work. */
class CarryForwardTest {

    private InMemoryLedger ledger;

    @BeforeEach
    void open() {
        ledger = new InMemoryLedger();
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    /** A 2024 project indicator with a funds balance of 300.00: income 800.00 − spent 500.00. */
    private void projectWithBalance300(String id) {
        ledger.accept(appropriate(id, project(), "1000.00"));
        ledger.accept(income(id, id + "-I1", "800.00"));
        ledger.accept(spend(id, id + "-E1", "500.00"));
    }

    @Test
    void byDefaultTheWholeFundsBalanceOpensNextYearsIndicator() {
        projectWithBalance300("A");

        ledger.accept(carryForward("A", "A2025"));

        assertThat(ledger.events("A")).last().isEqualTo(new CarriedForward("A", "A2025", yuan("300.00"),
                Money.ZERO, SurplusDisposition.CARRY, DEC_31));
        IndicatorState source = ledger.replay("A");
        assertThat(source.closed()).isTrue();

        assertThat(ledger.events("A2025")).containsExactly(new CarriedIn("A2025", "A",
                project().nextYear(), yuan("300.00"), DEC_31));
        IndicatorState target = ledger.replay("A2025");
        assertThat(target.closed()).isFalse();
        assertThat(target.attributes().fiscalYear()).isEqualTo(YEAR + 1);
        assertThat(target.attributes()).usingRecursiveComparison().ignoringFields("fiscalYear").isEqualTo(project());
        assertThat(target.figures()).isEqualTo(new IndicatorFigures(Money.ZERO, Money.ZERO, yuan("300.00"),
                Money.ZERO, Money.ZERO));
        // the carried-in balance is authority to spend next year
        assertThat(target.figures().authorityLeft()).isEqualTo(yuan("300.00"));
    }

    @Test
    void theBalanceIncludesWhatWasCarriedInLastYear() {
        projectWithBalance300("A");
        ledger.accept(carryForward("A", "A2025"));
        // next year: carried in 300.00 + income 50.00 − spent 120.00 = 230.00
        ledger.accept(new RecordIncome("A2025", "I1", yuan("50.00"), java.time.LocalDate.of(2025, 3, 1), "拨款"));
        ledger.accept(new RecordExpenditure("A2025", "E1", yuan("120.00"), OFFICE, java.time.LocalDate.of(2025, 3, 2),
                "记-1", "供应商", "办公"));

        ledger.accept(new CarryForward("A2025", "A2026", null, null, java.time.LocalDate.of(2025, 12, 31)));

        assertThat(ledger.replay("A2026").figures().carriedIn()).isEqualTo(yuan("230.00"));
        assertThat(ledger.replay("A2026").attributes().fiscalYear()).isEqualTo(YEAR + 2);
    }

    @Test
    void aRecapturedSurplusIsNotCarried() {
        projectWithBalance300("A");

        ledger.accept(carryForward("A", "A2025", "200.00", SurplusDisposition.RECAPTURE));

        assertThat(ledger.events("A")).last().isEqualTo(new CarriedForward("A", "A2025", yuan("200.00"),
                yuan("100.00"), SurplusDisposition.RECAPTURE, DEC_31));
        assertThat(ledger.replay("A2025").figures().carriedIn()).isEqualTo(yuan("200.00"));
    }

    @Test
    void aCarriedSurplusGoesWithTheCarryOver() {
        projectWithBalance300("A");

        ledger.accept(carryForward("A", "A2025", "200.00", SurplusDisposition.CARRY));

        assertThat(ledger.events("A")).last().isEqualTo(new CarriedForward("A", "A2025", yuan("200.00"),
                yuan("100.00"), SurplusDisposition.CARRY, DEC_31));
        assertThat(ledger.replay("A2025").figures().carriedIn()).isEqualTo(yuan("300.00"));
    }

    @Test
    void aSplitLargerThanTheBalanceIsRefusedAndNothingIsStored() {
        projectWithBalance300("A");
        List<Object> before = ledger.allEvents();

        assertThat(ledger.reject(carryForward("A", "A2025", "300.01", SurplusDisposition.RECAPTURE)))
                .isEqualTo(RejectionReason.CARRY_FORWARD_SPLIT_INVALID);
        assertThat(ledger.reject(carryForward("A", "A2025", "-0.01", SurplusDisposition.RECAPTURE)))
                .isEqualTo(RejectionReason.CARRY_FORWARD_SPLIT_INVALID);

        assertThat(ledger.allEvents()).isEqualTo(before);
        assertThat(ledger.replay("A").closed()).isFalse();
        assertThat(ledger.events("A2025")).isEmpty();
    }

    @Test
    void aSurplusOnABasicIndicatorIsRefused() {
        ledger.accept(appropriate("BASIC", basic(), "1000.00"));
        ledger.accept(income("BASIC", "I1", "1000.00"));
        ledger.accept(spend("BASIC", "E1", "700.00"));
        List<Object> before = ledger.allEvents();

        assertThat(ledger.reject(carryForward("BASIC", "BASIC2025", "200.00", SurplusDisposition.RECAPTURE)))
                .isEqualTo(RejectionReason.SURPLUS_ON_BASIC_INDICATOR);
        assertThat(ledger.reject(carryForward("BASIC", "BASIC2025", "299.99", SurplusDisposition.CARRY)))
                .isEqualTo(RejectionReason.SURPLUS_ON_BASIC_INDICATOR);
        assertThat(ledger.allEvents()).isEqualTo(before);

        // the whole balance as carry-over is what basic expenditure does
        ledger.accept(carryForward("BASIC", "BASIC2025", "300.00", SurplusDisposition.RECAPTURE));
        assertThat(ledger.replay("BASIC2025").figures().carriedIn()).isEqualTo(yuan("300.00"));
    }

    @Test
    void aClosedIndicatorCannotBeCarriedForwardAgain() {
        projectWithBalance300("A");
        ledger.accept(carryForward("A", "A2025"));
        List<Object> before = ledger.allEvents();

        assertThat(ledger.reject(carryForward("A", "A2025"))).isEqualTo(RejectionReason.INDICATOR_CLOSED);
        assertThat(ledger.reject(carryForward("A", "OTHER2025"))).isEqualTo(RejectionReason.INDICATOR_CLOSED);

        assertThat(ledger.allEvents()).isEqualTo(before);
        assertThat(ledger.replay("A2025").figures().carriedIn()).isEqualTo(yuan("300.00"));
    }

    @Test
    void aClosedIndicatorRefusesEverySingleIndicatorCommand() {
        projectWithBalance300("A");
        ledger.accept(carryForward("A", "A2025"));
        List<Object> before = ledger.allEvents();

        assertThat(ledger.reject(adjust("A", "ADJ", "10.00"))).isEqualTo(RejectionReason.INDICATOR_CLOSED);
        assertThat(ledger.reject(income("A", "I2", "10.00"))).isEqualTo(RejectionReason.INDICATOR_CLOSED);
        assertThat(ledger.reject(spend("A", "E2", "10.00"))).isEqualTo(RejectionReason.INDICATOR_CLOSED);
        assertThat(ledger.reject(reverse("A", "R1", "A-E1", "10.00"))).isEqualTo(RejectionReason.INDICATOR_CLOSED);

        assertThat(ledger.allEvents()).isEqualTo(before);
    }

    @Test
    void anExistingTargetWithOtherAttributesIsRefusedAndTheSourceStaysOpen() {
        projectWithBalance300("A");
        // next year's indicator, but of another unit
        ledger.accept(appropriate("X2025", project(YEAR + 1, OTHER_UNIT), "50.00"));
        // this year's indicator: not next year's
        ledger.accept(appropriate("B", project(), "50.00"));
        List<Object> before = ledger.allEvents();

        assertThat(ledger.reject(carryForward("A", "X2025"))).isEqualTo(RejectionReason.CARRY_FORWARD_TARGET_INVALID);
        assertThat(ledger.reject(carryForward("A", "B"))).isEqualTo(RejectionReason.CARRY_FORWARD_TARGET_INVALID);

        assertThat(ledger.allEvents()).isEqualTo(before);
        assertThat(ledger.replay("A").closed()).isFalse();
        assertThat(ledger.replay("X2025").figures().carriedIn()).isEqualTo(Money.ZERO);
    }

    @Test
    void theTargetMustBeAnotherIndicator() {
        projectWithBalance300("A");
        List<Object> before = ledger.allEvents();

        assertThat(ledger.reject(carryForward("A", "A"))).isEqualTo(RejectionReason.CARRY_FORWARD_TARGET_INVALID);
        assertThat(ledger.reject(carryForward("A", null))).isEqualTo(RejectionReason.CARRY_FORWARD_TARGET_INVALID);

        assertThat(ledger.allEvents()).isEqualTo(before);
    }

    @Test
    void anUnknownSourceIsRefused() {
        assertThat(ledger.reject(carryForward("NOPE", "NOPE2025"))).isEqualTo(RejectionReason.INDICATOR_NOT_FOUND);

        assertThat(ledger.allEvents()).isEmpty();
    }

    @Test
    void anExistingTargetOfNextYearKeepsItsBudgetAndAddsTheCarriedBalance() {
        projectWithBalance300("A");
        ledger.accept(appropriate("A2025", project().nextYear(), "1000.00"));

        ledger.accept(carryForward("A", "A2025"));

        IndicatorFigures target = ledger.replay("A2025").figures();
        assertThat(target.initial()).isEqualTo(yuan("1000.00"));
        assertThat(target.carriedIn()).isEqualTo(yuan("300.00"));
        assertThat(target.authorityLeft()).isEqualTo(yuan("1300.00"));
    }

    @Test
    void twoSourcesCarriedIntoOneTargetAddUp() {
        projectWithBalance300("A");
        ledger.accept(appropriate("B", project(), "100.00"));
        ledger.accept(income("B", "B-I1", "100.00"));
        ledger.accept(spend("B", "B-E1", "20.50"));

        ledger.accept(carryForward("A", "T2025"));
        ledger.accept(carryForward("B", "T2025"));

        assertThat(ledger.events("T2025")).extracting(e -> ((CarriedIn) e).sourceIndicatorId())
                .containsExactly("A", "B");
        assertThat(ledger.replay("T2025").figures().carriedIn()).isEqualTo(yuan("379.50"));
        assertThat(ledger.replay("A").closed()).isTrue();
        assertThat(ledger.replay("B").closed()).isTrue();
    }

    @Test
    void nextYearsCarriedInIsCarryOverPlusCarriedSurplusAcrossSources() {
        // docs/domain.md: next year's carried in = this year's carry-over + surplus carried (what was taken back is gone)
        projectWithBalance300("A");
        projectWithBalance300("B");

        ledger.accept(carryForward("A", "T2025", "120.00", SurplusDisposition.RECAPTURE));
        ledger.accept(carryForward("B", "T2025", "120.00", SurplusDisposition.CARRY));

        assertThat(ledger.replay("T2025").figures().carriedIn()).isEqualTo(yuan("420.00"));
    }
}
