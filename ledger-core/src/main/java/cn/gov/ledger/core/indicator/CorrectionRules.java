package cn.gov.ledger.core.indicator;

import cn.gov.ledger.core.money.Money;
import java.time.LocalDate;
import java.util.Map;

/**
 * What a correction of an earlier posting must respect, from that posting alone: a reversal is never
 * effective before what it reverses nor more than is left of it, and a corrected appropriation
 * changes the amount to one that is not negative. The indicator asks them with the posting it holds.
 */
final class CorrectionRules {

    private CorrectionRules() {
    }

    /** A reversal never precedes its expenditure, so spending as of any date is never negative. */
    static void requireNotBeforeExpenditure(String expenditureId, IndicatorState.SpentItem item, LocalDate date) {
        if (date.isBefore(item.effectiveDate())) {
            throw new LedgerRejection(RejectionReason.EFFECTIVE_DATE_BEFORE_EXPENDITURE,
                    "effective date " + date + " is before expenditure " + expenditureId + " (" + item.effectiveDate() + ")",
                    Map.of("expenditureDate", item.effectiveDate().toString()));
        }
    }

    /** An income reversal never precedes its income, so income as of any date is never negative. */
    static void requireNotBeforeIncome(String incomeId, IndicatorState.ReceivedItem item, LocalDate date) {
        if (date.isBefore(item.effectiveDate())) {
            throw new LedgerRejection(RejectionReason.EFFECTIVE_DATE_BEFORE_INCOME,
                    "effective date " + date + " is before income " + incomeId + " (" + item.effectiveDate() + ")",
                    Map.of("incomeDate", item.effectiveDate().toString()));
        }
    }

    static void requireIncomeLeft(String incomeId, IndicatorState.ReceivedItem item, Money amount) {
        if (!amount.isPositive() || item.left().isLessThan(amount)) {
            throw new LedgerRejection(RejectionReason.REVERSAL_EXCEEDS_INCOME,
                    "only " + item.left() + " of income " + incomeId + " is left to reverse",
                    Map.of("leftToReverse", item.left().toString()));
        }
    }

    /** The corrected amount is not negative and differs from the appropriation's: the signed change. */
    static Money requireCorrection(IndicatorState.Appropriation appropriation, Money correctedAmount) {
        if (correctedAmount.isNegative()) {
            throw new LedgerRejection(RejectionReason.INVALID_AMOUNT, "an appropriation cannot be negative",
                    Map.of("field", "correctedAmount"));
        }
        Money change = correctedAmount.minus(appropriation.amount());
        if (change.isZero()) {
            throw new LedgerRejection(RejectionReason.INVALID_AMOUNT,
                    "the appropriation is " + appropriation.amount() + " already: nothing to correct",
                    Map.of("field", "correctedAmount"));
        }
        return change;
    }
}
