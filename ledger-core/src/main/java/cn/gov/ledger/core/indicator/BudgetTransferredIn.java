package cn.gov.ledger.core.indicator;

import cn.gov.ledger.core.money.Money;
import java.time.LocalDate;

/** Authority arrived from another indicator in a transfer (调入). */
public record BudgetTransferredIn(String indicatorId, String transferId, String fromIndicatorId, Money amount, String reason, LocalDate effectiveDate, String documentRef) implements IndicatorEvent {
}
