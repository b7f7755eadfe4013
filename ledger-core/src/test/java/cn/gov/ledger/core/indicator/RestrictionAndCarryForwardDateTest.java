package cn.gov.ledger.core.indicator;

import static cn.gov.ledger.core.indicator.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.core.classification.EconomicCode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two rules that were once missing: a restriction is a 款, and a carry-forward has a date in its year. */
class RestrictionAndCarryForwardDateTest {

    private InMemoryLedger ledger;

    @BeforeEach
    void open() {
        ledger = new InMemoryLedger();
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    /**
     * docs/domain.md: an indicator is "optionally [restricted to] one economic 款". AppropriateBudget
     * checks that the functional code is a 项 but only that the economic code is known, so a 类
     * such as 302 is accepted, and the indicator can then never pay anything: expenditures must
     * carry a 款, and no 款 equals "302".
     */
    @Test
    void anEconomicRestrictionMustBeASection() {
        IndicatorAttributes restrictedToAClass = new IndicatorAttributes(YEAR, UNIT, FundSource.GENERAL_BUDGET,
                ADMIN_OPERATION, ExpenditureKind.BASIC, null, null, new EconomicCode("302"));

        assertThat(ledger.send(appropriate("IND", restrictedToAClass, "1000.00")))
                .as("appropriation restricted to the 类 302")
                .hasValueSatisfying(rejection -> assertThat(rejection.reason()).isEqualTo(RejectionReason.UNKNOWN_CODE));
    }

    /**
     * docs/domain.md "Time": every event has an effective date, and every read filters on it. Every
     * command checks its date against the fiscal year except CarryForward, which stores
     * CarriedForward and CarriedIn events with whatever date it is given, even none.
     */
    @Test
    void aCarryForwardNeedsAnEffectiveDate() {
        ledger.accept(appropriate("A", project(), "1000.00"));
        ledger.accept(income("A", "I1", "300.00"));
        List<Object> before = ledger.allEvents();

        assertThat(ledger.send(new CarryForward("A", "A2025", null, null, null)))
                .as("carry-forward without an effective date")
                .hasValueSatisfying(rejection ->
                        assertThat(rejection.reason()).isEqualTo(RejectionReason.EFFECTIVE_DATE_OUTSIDE_FISCAL_YEAR));
        assertThat(ledger.allEvents()).isEqualTo(before);
    }
}
