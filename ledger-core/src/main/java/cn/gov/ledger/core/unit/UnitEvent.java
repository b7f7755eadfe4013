package cn.gov.ledger.core.unit;

import java.time.LocalDate;

/** Every event of a budget unit: a version of its attributes, effective from a date. */
public sealed interface UnitEvent permits UnitRegistered, UnitChanged {

    String unitCode();

    UnitAttributes attributes();

    LocalDate effectiveDate();
}
