package cn.gov.ledger.core.indicator;

import cn.gov.ledger.core.money.Money;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** 收入冲销: reverses all ({@code amount} null) or part of income recorded earlier, named by its {@code incomeId}. */
public record ReverseIncome(@TargetAggregateIdentifier String indicatorId, String reversalId, String incomeId, Money amount, String reason, LocalDate effectiveDate) {
}
