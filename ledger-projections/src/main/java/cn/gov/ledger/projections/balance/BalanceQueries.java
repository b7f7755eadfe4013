package cn.gov.ledger.projections.balance;

import cn.gov.ledger.projections.unit.UnitVersions;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.JdbcTemplate;

/** Balances of indicators and of groups of them, summed from the movement journal. */
public class BalanceQueries {

    private final JdbcTemplate jdbc;

    public BalanceQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<IndicatorView> indicator(String indicatorId, TimeSlice time) {
        List<Object> args = new ArrayList<>();
        String closedFilter = closedFilter(time, args);
        String movementFilter = MovementFilter.time(time, args);
        args.add(indicatorId);
        String sql = "SELECT i.*, (" + closedFilter + ") AS closed, " + Totals.COLUMNS
                + " FROM rm_indicator i LEFT JOIN rm_movement m ON m.indicator_id = i.indicator_id" + movementFilter
                + " WHERE i.indicator_id = ? GROUP BY i.indicator_id";
        return jdbc.query(sql, BalanceQueries::view, args.toArray()).stream().findFirst();
    }

    /**
     * Up to {@code limit} indicators that {@code filter} selects, in id order after {@code afterId}
     * (null: from the first), with their figures, in one statement. An indicator is listed if the
     * time slice counts one of its movements (its appropriation or carry-in opens it with one), so
     * one appropriated after asOf, or recorded after knownAt, is not; figures and status are as of
     * the slice, as {@link #indicator} answers them. Keyset paging on the id: indicators added
     * between pages sort where they belong, so an existing one is neither repeated nor skipped.
     */
    public List<IndicatorView> indicators(IndicatorFilter filter, TimeSlice time, String afterId, int limit) {
        List<Object> args = new ArrayList<>();
        String closed = closedFilter(time, args);
        StringBuilder page = new StringBuilder("SELECT i.* FROM (").append(filter.scoped(time, args)).append(") i WHERE TRUE")
                .append(filter.conditions(args));
        if (filter.closed() != null) {
            page.append(filter.closed() ? " AND (" : " AND NOT (").append(closedFilter(time, args)).append(")");
        }
        if (afterId != null) {
            page.append(" AND i.indicator_id > ?");
            args.add(afterId);
        }
        if (time.asOf() != null || time.knownAt() != null) {
            page.append(" AND EXISTS (SELECT 1 FROM rm_movement m WHERE m.indicator_id = i.indicator_id")
                    .append(MovementFilter.time(time, args)).append(")");
        }
        page.append(" ORDER BY i.indicator_id LIMIT ?");
        args.add(limit);
        String sql = "SELECT i.*, (" + closed + ") AS closed, t.* FROM (" + page + ") i"
                + " CROSS JOIN LATERAL (SELECT " + Totals.COLUMNS + " FROM rm_movement m"
                + " WHERE m.indicator_id = i.indicator_id" + MovementFilter.time(time, args) + ") t"
                + " ORDER BY i.indicator_id";
        return jdbc.query(sql, BalanceQueries::view, args.toArray());
    }

    private static IndicatorView view(ResultSet rs, int row) throws SQLException {
        return new IndicatorView(rs.getString("indicator_id"), rs.getInt("fiscal_year"),
                rs.getString("unit_code"), rs.getString("fund_source"), rs.getString("functional_code"),
                rs.getString("kind"), rs.getString("project_code"), rs.getString("project_name"),
                rs.getString("economic_code"), rs.getString("source_indicator_id"), rs.getBoolean("closed"),
                Totals.read(rs));
    }

    /**
     * The indicators of a fiscal year in the scope that are still open, with their kind, in id order;
     * a department's as of {@code asOf} (its units at that date).
     */
    public List<Map.Entry<String, String>> openIndicators(Scope scope, LocalDate asOf) {
        List<Object> args = new ArrayList<>(List.of(scope.fiscalYear()));
        String sql = "SELECT indicator_id, kind FROM rm_indicator i WHERE fiscal_year = ? AND closed_on IS NULL";
        if (scope.unitCode() != null) {
            sql += " AND unit_code = ?";
            args.add(scope.unitCode());
        } else {
            sql += " AND " + UnitVersions.inDepartment("unit_code", scope.departmentCode(), asOf, null, args);
        }
        return jdbc.query(sql + " ORDER BY indicator_id",
                (rs, n) -> Map.entry(rs.getString(1), rs.getString(2)), args.toArray());
    }

    /** One row per group of {@code groupBy}, in key order. */
    public List<BalanceRow> balances(Scope scope, List<Dimension> groupBy, TimeSlice time) {
        List<Object> args = new ArrayList<>();
        String from = MovementFilter.from(time, args);
        String where = MovementFilter.where(scope, time, args);
        String keys = groupBy.stream().map(d -> d.sql() + " AS k_" + d.ordinal()).collect(Collectors.joining(", "));
        String positions = IntStream.rangeClosed(1, groupBy.size()).mapToObj(Integer::toString)
                .collect(Collectors.joining(", "));
        String sql = "SELECT " + (keys.isEmpty() ? "" : keys + ", ") + Totals.COLUMNS
                + from + where
                + (groupBy.isEmpty() ? "" : " GROUP BY " + positions + " ORDER BY " + positions.replace(",", " NULLS FIRST,")
                + " NULLS FIRST");
        return jdbc.query(sql, (rs, n) -> {
            Map<String, String> key = new LinkedHashMap<>();
            for (Dimension d : groupBy) {
                key.put(d.key(), rs.getString("k_" + d.ordinal()));
            }
            return new BalanceRow(key, Totals.read(rs));
        }, args.toArray());
    }

    private static String closedFilter(TimeSlice time, List<Object> args) {
        StringBuilder sql = new StringBuilder("i.closed_on IS NOT NULL");
        if (time.asOf() != null) {
            sql.append(" AND i.closed_on <= ?");
            args.add(Date.valueOf(time.asOf()));
        }
        if (time.knownAt() != null) {
            sql.append(" AND i.closed_at <= ?");
            args.add(TimeSlice.knownAtBound(time.knownAt()));
        }
        return sql.toString();
    }
}
