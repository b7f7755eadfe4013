package cn.gov.ledger.core.indicator;

import java.time.LocalDate;

/** Every event of a budget indicator names it and carries its effective (accounting) date. */
public interface IndicatorEvent {

    String indicatorId();

    LocalDate effectiveDate();
}
