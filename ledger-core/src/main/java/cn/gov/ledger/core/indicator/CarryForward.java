package cn.gov.ledger.core.indicator;

import cn.gov.ledger.core.money.Money;
import java.time.LocalDate;

/** Year end: closes the indicator and moves its funds balance into next year's indicator. The carry-over (结转) defaults to the whole balance; the rest is surplus (结余), carried or taken back. */
public record CarryForward(String indicatorId, String targetIndicatorId, Money carryOverAmount, SurplusDisposition surplusDisposition, LocalDate effectiveDate) {
}
