package cn.gov.ledger.core.indicator;

import cn.gov.ledger.core.money.Money;
import java.time.LocalDate;

/**
 * The appropriation's amount was corrected (更正指标金额) to {@code correctedAmount}, by the signed
 * {@code amount}. It moves the figure the appropriation moved (年初预算 when {@code initial}) and is
 * effective at the appropriation's date, so a read as of any date counts the corrected figure, while
 * one known before the correction was recorded does not.
 */
public record AppropriationCorrected(String indicatorId, String correctionId, Money amount, Money correctedAmount, boolean initial, String reason, String documentRef, LocalDate effectiveDate) implements IndicatorEvent {
}
