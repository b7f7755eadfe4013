package cn.gov.ledger.core.indicator;

import cn.gov.ledger.core.money.Money;
import java.time.LocalDate;

/** Year end: the indicator closed; its funds balance went to {@code targetIndicatorId} (carry-over and, with CARRY, the surplus) or back to the finance department (a recaptured surplus). */
public record CarriedForward(String indicatorId, String targetIndicatorId, Money carryOver, Money surplus, SurplusDisposition surplusDisposition, LocalDate effectiveDate) implements IndicatorEvent {
}
