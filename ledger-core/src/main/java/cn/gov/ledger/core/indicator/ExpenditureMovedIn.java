package cn.gov.ledger.core.indicator;

import cn.gov.ledger.core.classification.EconomicCode;
import cn.gov.ledger.core.money.Money;
import java.time.LocalDate;

/**
 * An expenditure moved here from {@code fromIndicatorId} (调账, the re-posting half of a move), with
 * the economic code, voucher and payee it was paid with; the source's {@link ExpenditureMovedOut}
 * has the same {@code moveId}. From now on the expenditure is this indicator's, under its own id.
 */
public record ExpenditureMovedIn(String indicatorId, String moveId, String expenditureId, String fromIndicatorId, Money amount, EconomicCode economicCode, String voucherNo, String payee, String description, String reason, LocalDate effectiveDate) implements IndicatorEvent {
}
