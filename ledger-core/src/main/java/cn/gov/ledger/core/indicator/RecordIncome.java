package cn.gov.ledger.core.indicator;

import cn.gov.ledger.core.money.Money;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records funds received against an indicator (收入). */
public record RecordIncome(@TargetAggregateIdentifier String indicatorId, String incomeId, Money amount, LocalDate effectiveDate, String description) {
}
