package cn.gov.ledger.core.indicator;

import cn.gov.ledger.core.money.Money;
import java.time.LocalDate;

/** Non-fiscal surplus was used (使用非财政拨款结余): the indicator's funds grow by {@code amount}. */
public record NonFiscalSurplusUsed(String indicatorId, String useId, Money amount, LocalDate effectiveDate, String reason) implements IndicatorEvent {
}
