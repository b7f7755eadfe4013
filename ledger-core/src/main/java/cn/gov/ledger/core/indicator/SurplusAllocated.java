package cn.gov.ledger.core.indicator;

import cn.gov.ledger.core.money.Money;
import java.time.LocalDate;

/** Surplus was allocated (结余分配): the indicator's funds balance falls by {@code amount}. */
public record SurplusAllocated(String indicatorId, String allocationId, Money amount, LocalDate effectiveDate, String reason) implements IndicatorEvent {
}
