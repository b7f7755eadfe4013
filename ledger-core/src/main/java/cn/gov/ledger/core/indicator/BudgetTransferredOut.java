package cn.gov.ledger.core.indicator;

import cn.gov.ledger.core.money.Money;
import java.time.LocalDate;

/** Authority left this indicator in a transfer (调出). */
public record BudgetTransferredOut(String indicatorId, String transferId, String toIndicatorId, Money amount, String reason, LocalDate effectiveDate, String documentRef) implements IndicatorEvent {
}
