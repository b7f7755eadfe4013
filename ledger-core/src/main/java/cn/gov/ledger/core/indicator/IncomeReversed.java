package cn.gov.ledger.core.indicator;

import cn.gov.ledger.core.money.Money;
import java.time.LocalDate;

/** Part or all of an income was reversed (收入冲销): the indicator's income falls by {@code amount}. */
public record IncomeReversed(String indicatorId, String reversalId, String incomeId, Money amount, String reason, LocalDate effectiveDate) implements IndicatorEvent {
}
