package cn.gov.ledger.core.indicator;

import cn.gov.ledger.core.money.Money;
import java.time.LocalDate;

/** The budget was adjusted by a signed amount (追加 +, 调减 −). */
public record BudgetAdjusted(String indicatorId, String adjustmentId, Money amount, String reason, LocalDate effectiveDate, String documentRef) implements IndicatorEvent {
}
