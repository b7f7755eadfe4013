package cn.gov.ledger.core.indicator;

import cn.gov.ledger.core.money.Money;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** 红字冲销: reverses all ({@code amount} null) or part of an earlier expenditure. */
public record ReverseExpenditure(@TargetAggregateIdentifier String indicatorId, String reversalId, String expenditureId, Money amount, String reason, LocalDate effectiveDate) {
}
