package cn.gov.ledger.core.indicator;

import cn.gov.ledger.core.money.Money;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * 结余分配: part of a non-fiscal surplus is allocated (to 专用基金, or paid as tax), taken from the
 * indicator's funds balance; it is not spending.
 */
public record AllocateSurplus(@TargetAggregateIdentifier String indicatorId, String allocationId, Money amount, LocalDate effectiveDate, String reason) {
}
