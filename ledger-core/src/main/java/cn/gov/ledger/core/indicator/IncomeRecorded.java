package cn.gov.ledger.core.indicator;

import cn.gov.ledger.core.money.Money;
import java.time.LocalDate;

/** Funds were received. */
public record IncomeRecorded(String indicatorId, String incomeId, Money amount, LocalDate effectiveDate, String description) implements IndicatorEvent {
}
