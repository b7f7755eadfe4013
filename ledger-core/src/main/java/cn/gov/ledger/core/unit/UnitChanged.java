package cn.gov.ledger.core.unit;

import java.time.LocalDate;

/** A budget unit has new attributes from {@code effectiveDate} on: another version. */
public record UnitChanged(String unitCode, UnitAttributes attributes, LocalDate effectiveDate) implements UnitEvent {
}
