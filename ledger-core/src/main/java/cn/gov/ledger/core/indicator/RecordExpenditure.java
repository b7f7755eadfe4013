package cn.gov.ledger.core.indicator;

import cn.gov.ledger.core.classification.EconomicCode;
import cn.gov.ledger.core.money.Money;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Spends against an indicator with an economic 款 (支出). No spending without budget (无预算不支出). */
public record RecordExpenditure(@TargetAggregateIdentifier String indicatorId, String expenditureId, Money amount, EconomicCode economicCode, LocalDate effectiveDate, String voucherNo, String payee, String description) {
}
