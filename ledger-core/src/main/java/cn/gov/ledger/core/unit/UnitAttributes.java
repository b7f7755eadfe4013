package cn.gov.ledger.core.unit;

/**
 * What a budget unit is at some date: its name, the department (部门) it belongs to, its type and
 * the unit above it.
 *
 * @param parentUnitCode the unit it reports to (上级单位), or null
 */
public record UnitAttributes(String name,
                             String departmentCode,
                             String departmentName,
                             UnitType unitType,
                             String parentUnitCode) {
}
