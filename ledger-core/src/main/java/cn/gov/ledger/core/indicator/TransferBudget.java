package cn.gov.ledger.core.indicator;

import cn.gov.ledger.core.money.Money;
import java.time.LocalDate;

/** 调剂: moves budget authority from one indicator to another of the same unit and fiscal year. */
public record TransferBudget(String transferId, String fromIndicatorId, String toIndicatorId, Money amount, String reason, LocalDate effectiveDate, String documentRef) {
}
