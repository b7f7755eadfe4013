package cn.gov.ledger.core.indicator;

import cn.gov.ledger.core.money.Money;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Changes an indicator's budget: 追加 (+) or 调减 (−), with a reason and the document reference (指标文号). */
public record AdjustBudget(@TargetAggregateIdentifier String indicatorId, String adjustmentId, Money amount, String reason, LocalDate effectiveDate, String documentRef) {
}
