package cn.gov.ledger.core.indicator;

import cn.gov.ledger.core.classification.EconomicCode;
import cn.gov.ledger.core.money.Money;
import java.time.LocalDate;

/**
 * What was left of an expenditure left this indicator for {@code toIndicatorId} (调账, the reversal
 * half of a move); the target's {@link ExpenditureMovedIn} has the same {@code moveId}.
 */
public record ExpenditureMovedOut(String indicatorId, String moveId, String expenditureId, String toIndicatorId, Money amount, EconomicCode economicCode, String reason, LocalDate effectiveDate) implements IndicatorEvent {
}
