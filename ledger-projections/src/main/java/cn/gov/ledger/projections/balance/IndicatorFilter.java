package cn.gov.ledger.projections.balance;

import cn.gov.ledger.projections.unit.UnitVersions;
import java.util.List;
import java.util.Set;

/**
 * Which indicators a list read answers: those of a fiscal year, of a department or a unit (at most
 * one), under a functional code (a 类, 款 or 项: the code itself and every code under it), of a
 * kind and of a project; {@code closed} true for closed (carried forward), false for open. Null
 * means any. {@code visible} limits a list without department or unit to what its reader may see
 * (null: everything).
 */
public record IndicatorFilter(int fiscalYear, String departmentCode, String unitCode, String functionalCode,
                              String kind, String projectCode, Boolean closed, Visible visible) {

    /** The departments and units a reader may see. */
    public record Visible(Set<String> departments, Set<String> units) {
    }

    /**
     * Appends the parameters to {@code args} and answers the indicators of the fiscal year, the
     * department or the unit as a query over rm_indicator: the department's clause is the one
     * every sum over a scope shares ({@link MovementFilter#where}: the department's units as of the
     * read's asOf, as known at its knownAt), which names its table {@code m}.
     */
    String scoped(TimeSlice time, List<Object> args) {
        if (departmentCode == null && unitCode == null) {
            args.add(fiscalYear);
            if (visible == null) {
                return "SELECT * FROM rm_indicator WHERE fiscal_year = ?";
            }
            args.add(visible.units().toArray(String[]::new));
            return "SELECT * FROM rm_indicator WHERE fiscal_year = ? AND (unit_code = ANY(?) OR "
                    + UnitVersions.inAnyDepartment("unit_code", visible.departments(), time.asOf(), time.knownAt(), args)
                    + ")";
        }
        Scope scope = unitCode != null ? Scope.unit(fiscalYear, unitCode) : Scope.department(fiscalYear, departmentCode);
        return "SELECT * FROM rm_indicator m" + MovementFilter.where(scope, time, args);
    }

    /** Appends the parameters to {@code args} and answers the other conditions on {@code i}, each starting with " AND". */
    String conditions(List<Object> args) {
        StringBuilder sql = new StringBuilder();
        if (functionalCode != null) {
            sql.append(" AND i.functional_code LIKE ?");
            args.add(functionalCode + "%");
        }
        if (kind != null) {
            sql.append(" AND i.kind = ?");
            args.add(kind);
        }
        if (projectCode != null) {
            sql.append(" AND i.project_code = ?");
            args.add(projectCode);
        }
        return sql.toString();
    }
}
