package cn.gov.ledger.core.unit;

import java.time.LocalDate;

/** A budget unit was registered: its first version. */
public record UnitRegistered(String unitCode, UnitAttributes attributes, LocalDate effectiveDate) implements UnitEvent {
}
