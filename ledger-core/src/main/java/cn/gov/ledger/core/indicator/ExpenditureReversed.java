package cn.gov.ledger.core.indicator;

import cn.gov.ledger.core.classification.EconomicCode;
import cn.gov.ledger.core.money.Money;
import java.time.LocalDate;

/** Part or all of an expenditure was reversed (红字冲销); the economic code is the expenditure's. */
public record ExpenditureReversed(String indicatorId, String reversalId, String expenditureId, Money amount, EconomicCode economicCode, String reason, LocalDate effectiveDate) implements IndicatorEvent {
}
