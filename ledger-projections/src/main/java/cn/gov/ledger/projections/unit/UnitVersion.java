package cn.gov.ledger.projections.unit;

import cn.gov.ledger.core.unit.UnitType;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One version of a budget unit (预算单位) as the read side keeps it: its attributes from
 * {@code effectiveDate} on, as recorded at {@code recordedAt}. The unit itself is the aggregate
 * {@code cn.gov.ledger.core.unit.BudgetUnit}.
 *
 * @param version the version's event's sequence number within its unit (0 for its registration)
 */
public record UnitVersion(String unitCode,
                          long version,
                          String name,
                          String departmentCode,
                          String departmentName,
                          UnitType unitType,
                          String parentUnitCode,
                          LocalDate effectiveDate,
                          Instant recordedAt) {
}
