package cn.gov.ledger.projections.balance;

import cn.gov.ledger.projections.unit.UnitVersions;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;

/**
 * The FROM and WHERE clauses every sum over a scope's movements shares: the movements that count
 * at a point in time ({@code m}: indicator_id, fiscal_year and unit_code of its indicator, figure,
 * economic_code, amount) with their indicators ({@code i}), of a fiscal year of a department or unit.
 *
 * <p>Without {@code knownAt} they are read pre-summed from rm_year_total
 * (V5__cumulative_year_totals.sql), which holds per indicator, figure, economic code and year the
 * sums through the end of each month: as known now the year totals; as of a date the sums through
 * asOf's last whole month, of the keys that had a movement by then, and the journal for the days of
 * asOf's month up to it. Either way one row per key and year, not one per month. With
 * {@code knownAt}, from the journal, which alone knows when each movement was
 * recorded: as known at a moment, the latest checkpoint before it and the movements after that
 * (KnownCheckpoints); with asOf as well, the whole journal.
 *
 * <p>{@code i} is a left join on its primary key, so PostgreSQL leaves it out of a read that uses
 * none of its columns: a read grouped by unit (execution-rates) filters and groups on {@code m}
 * alone. Every movement has its indicator, so it finds one for each row of {@code m} otherwise.
 */
public final class MovementFilter {

    private MovementFilter() {
    }

    /** Appends the clause's parameters to {@code args} and answers " FROM ... m LEFT JOIN rm_indicator i ...". */
    public static String from(TimeSlice time, List<Object> args) {
        return " FROM (" + movements(time, args) + ") m LEFT JOIN rm_indicator i ON i.indicator_id = m.indicator_id";
    }

    private static String movements(TimeSlice time, List<Object> args) {
        if (time.knownAt() != null && time.asOf() == null) {
            return byKey(KnownCheckpoints.sumsKnownAt(TimeSlice.knownAtBound(time.knownAt()), args));
        }
        if (time.knownAt() != null) {
            return journal(time(time, args));
        }
        if (time.asOf() == null) {
            return "SELECT indicator_id, fiscal_year, unit_code, figure, NULLIF(economic_code, '') AS economic_code, "
                    + YearTotal.YEAR + " AS amount FROM rm_year_total";
        }
        // months that end on or before asOf are whole; the days of asOf's month up to it come from the journal
        LocalDate firstPartialDay = time.asOf().plusDays(1).withDayOfMonth(1);
        LocalDate wholeMonthsEnd = firstPartialDay.minusDays(1);
        int year = wholeMonthsEnd.getYear();
        int month = wholeMonthsEnd.getMonthValue();
        args.addAll(List.of(year, year, year, month));
        String wholeMonths = "SELECT indicator_id, fiscal_year, unit_code, figure,"
                + " NULLIF(economic_code, '') AS economic_code,"
                + " CASE WHEN year < ? THEN " + YearTotal.YEAR + " ELSE " + YearTotal.through(month) + " END AS amount"
                + " FROM rm_year_total WHERE year < ? OR (year = ? AND first_month <= ?)";
        if (firstPartialDay.isAfter(time.asOf())) {
            return wholeMonths; // asOf is a month's last day
        }
        args.add(Date.valueOf(firstPartialDay));
        args.add(Date.valueOf(time.asOf()));
        return wholeMonths + " UNION ALL " + journal(" AND m.effective_date >= ? AND m.effective_date <= ?");
    }

    /**
     * Journal movements that meet {@code conditions}, summed by their key's number before the join
     * with the key's columns and its indicator's scope (V10__movement_keys.sql,
     * V11__movement_key_scope.sql): a read joins one sum per key, not every movement, and none of
     * them with rm_indicator.
     */
    private static String journal(String conditions) {
        return byKey("SELECT key_id, sum(amount) AS amount FROM rm_movement m WHERE TRUE" + conditions + " GROUP BY 1");
    }

    /** Sums by key number ({@code key_id, amount}) joined with their keys' columns. */
    private static String byKey(String sums) {
        return "SELECT k.indicator_id, k.fiscal_year, k.unit_code, k.figure, NULLIF(k.economic_code, '') AS"
                + " economic_code, s.amount FROM (" + sums + ") s JOIN rm_movement_key k ON k.key_id = s.key_id";
    }

    /**
     * Appends the clause's parameters to {@code args} and answers the clause, starting with " WHERE".
     * A department's units are those it had as of the read's asOf, as known at its knownAt.
     */
    public static String where(Scope scope, TimeSlice time, List<Object> args) {
        StringBuilder sql = new StringBuilder(" WHERE m.fiscal_year = ?");
        args.add(scope.fiscalYear());
        if (scope.unitCode() != null) {
            sql.append(" AND m.unit_code = ?");
            args.add(scope.unitCode());
        } else {
            sql.append(" AND ").append(UnitVersions.inDepartment("m.unit_code", scope.departmentCode(), time.asOf(),
                    time.knownAt(), args));
        }
        return sql.toString();
    }

    /** Only the time conditions on the journal {@code m}, each starting with " AND". */
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
