package cn.gov.ledger.projections.balance;

import java.sql.Date;
import java.util.List;

/**
 * The WHERE clause every sum over the movement journal shares: a fiscal year of a department or
 * unit, and the events that count at a point in time. Expects rm_movement {@code m} joined with
 * rm_indicator {@code i}.
 */
public final class MovementFilter {

    private MovementFilter() {
    }

    /** Appends the clause's parameters to {@code args} and answers the clause, starting with " WHERE". */
    public static String where(Scope scope, TimeSlice time, List<Object> args) {
        StringBuilder sql = new StringBuilder(" WHERE i.fiscal_year = ?");
        args.add(scope.fiscalYear());
        if (scope.unitCode() != null) {
            sql.append(" AND i.unit_code = ?");
            args.add(scope.unitCode());
        } else {
            sql.append(" AND i.unit_code IN (SELECT unit_code FROM budget_unit WHERE department_code = ?)");
            args.add(scope.departmentCode());
        }
        return sql.append(time(time, args)).toString();
    }

    /** Only the time conditions, each starting with " AND". */
    static String time(TimeSlice time, List<Object> args) {
        StringBuilder sql = new StringBuilder();
        if (time.asOf() != null) {
            sql.append(" AND m.effective_date <= ?");
            args.add(Date.valueOf(time.asOf()));
        }
        if (time.knownAt() != null) {
            sql.append(" AND m.recorded_at <= ?");
            args.add(TimeSlice.knownAtBound(time.knownAt()));
        }
        return sql.toString();
    }
}
