package cn.gov.ledger.core.indicator;

import cn.gov.ledger.core.money.Money;
import java.time.LocalDate;

/** Next year's indicator received last year's balance (年初结转和结余); the first such event opens it. */
public record CarriedIn(String indicatorId, String sourceIndicatorId, IndicatorAttributes attributes, Money amount, LocalDate effectiveDate) implements IndicatorEvent {
}
