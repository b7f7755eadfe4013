package cn.gov.ledger.core.indicator;

import cn.gov.ledger.core.money.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * 更正指标金额: the indicator's appropriation was entered with a wrong amount; {@code correctedAmount}
 * is what it should have been. An input error, not a budget change (that is {@link AdjustBudget}):
 * the correction counts from the appropriation's own effective date.
 */
public record CorrectAppropriation(@TargetAggregateIdentifier String indicatorId, String correctionId, Money correctedAmount, String reason, String documentRef) {
}
