package cn.gov.ledger.core.indicator;

import cn.gov.ledger.core.money.Money;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * 使用非财政拨款结余: the unit spends from the accumulated surplus of its non-appropriation funds, a
 * source of the indicator's funds in the year that is not income.
 */
public record UseNonFiscalSurplus(@TargetAggregateIdentifier String indicatorId, String useId, Money amount, LocalDate effectiveDate, String reason) {
}
