package cn.gov.ledger.core.indicator;

import cn.gov.ledger.core.classification.EconomicCode;
import cn.gov.ledger.core.money.Money;
import java.time.LocalDate;

/** Money was spent with an economic code. */
public record ExpenditureRecorded(String indicatorId, String expenditureId, Money amount, EconomicCode economicCode, LocalDate effectiveDate, String voucherNo, String payee, String description) implements IndicatorEvent {
}
