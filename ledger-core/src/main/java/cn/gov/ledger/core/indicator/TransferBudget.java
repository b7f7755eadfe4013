package cn.gov.ledger.core.indicator;

import cn.gov.ledger.core.money.Money;
import java.time.LocalDate;

/**
 * 调剂: moves budget authority from one indicator to another of the same unit, fiscal year and fund
 * source.
 *
 * @param acrossKinds the caller asks to move authority between kinds of expenditure (基本支出 and
 *                    项目支出); allowed only where the ledger is configured to allow it
 */
public record TransferBudget(String transferId, String fromIndicatorId, String toIndicatorId, Money amount, String reason, LocalDate effectiveDate, String documentRef, boolean acrossKinds) {
}
