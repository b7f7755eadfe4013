package cn.gov.ledger.projections.unit;

/** A budget unit (预算单位) and the department (部门) it reports to. */
public record BudgetUnit(String unitCode, String name, String departmentCode, String departmentName) {
}
