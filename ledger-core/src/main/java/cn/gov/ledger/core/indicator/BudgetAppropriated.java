package cn.gov.ledger.core.indicator;

import cn.gov.ledger.core.money.Money;
import java.time.LocalDate;

/** An indicator was created with its first appropriation; {@code initial} tells 年初预算 from a mid-year grant. */
public record BudgetAppropriated(String indicatorId, IndicatorAttributes attributes, Money amount, boolean initial, LocalDate effectiveDate, String documentRef) implements IndicatorEvent {
}
