package cn.gov.ledger.core.indicator;

import cn.gov.ledger.core.money.Money;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Grants budget: creates the indicator with its first appropriation, initial (年初预算) or mid-year. */
public record AppropriateBudget(@TargetAggregateIdentifier String indicatorId, IndicatorAttributes attributes, Money amount, boolean initial, LocalDate effectiveDate, String documentRef) {
}
