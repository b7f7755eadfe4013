package cn.gov.ledger.projections.balance;

/** Whose figures a read sums: one fiscal year of a department (部门) or of a unit (单位). */
public record Scope(int fiscalYear, String departmentCode, String unitCode) {

    public static Scope department(int fiscalYear, String departmentCode) {
        return new Scope(fiscalYear, departmentCode, null);
    }

    public static Scope unit(int fiscalYear, String unitCode) {
        return new Scope(fiscalYear, null, unitCode);
    }
}
