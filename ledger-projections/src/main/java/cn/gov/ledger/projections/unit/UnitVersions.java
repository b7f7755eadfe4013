package cn.gov.ledger.projections.unit;

import cn.gov.ledger.core.unit.UnitType;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The versions of budget units (unit_version, V15__unit_versions.sql), and the one place that
 * answers what a unit was, and which units a department had, as of a date and as known at a
 * moment: each unit's version with the latest effective date on or before {@code asOf} (without
 * asOf, its latest), of two on the same date the later, among the versions recorded up to
 * {@code knownAt} (without it, all). Every read by department goes through
 * {@link #inDepartment} or {@link #unitsOf}.
 */
public class UnitVersions {

    private static final RowMapper<UnitVersion> ROW = (rs, n) -> new UnitVersion(rs.getString("unit_code"),
            rs.getLong("version"), rs.getString("name"), rs.getString("department_code"),
            rs.getString("department_name"), UnitType.valueOf(rs.getString("unit_type")),
            rs.getString("parent_unit_code"), rs.getDate("effective_date").toLocalDate(),
            rs.getTimestamp("recorded_at").toInstant());

    private final JdbcTemplate jdbc;

    public UnitVersions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The SQL of each unit's version in effect as of {@code asOf}, as known at {@code knownAt}
     * (either may be null): the columns of unit_version, one row per unit known by then. Appends its
     * parameters to {@code args}.
     */
    private static String current(LocalDate asOf, Instant knownAt, List<Object> args) {
        return "SELECT DISTINCT ON (unit_code) * FROM unit_version u WHERE TRUE" + inEffect("u", asOf, knownAt, args)
                + " ORDER BY unit_code, effective_date DESC, version DESC";
    }

    /**
     * The condition "{@code unitColumn} is a unit of department {@code departmentCode} as of
     * {@code asOf}, as known at {@code knownAt}", for a read's WHERE clause; appends its parameters
     * to {@code args}.
     */
    public static String inDepartment(String unitColumn, String departmentCode, LocalDate asOf, Instant knownAt,
                                      List<Object> args) {
        return unitColumn + " IN (" + members(departmentCode, asOf, knownAt, args) + ")";
    }

    /** As {@link #inDepartment} for a unit of any of the departments. */
    public static String inAnyDepartment(String unitColumn, Collection<String> departmentCodes, LocalDate asOf,
                                         Instant knownAt, List<Object> args) {
        return unitColumn + " IN (" + members("= ANY(?)", departmentCodes.toArray(String[]::new), asOf, knownAt, args)
                + ")";
    }

    /** The codes of the units of a department as of {@code asOf}, as known at {@code knownAt}, in code order. */
    public List<String> unitsOf(String departmentCode, LocalDate asOf, Instant knownAt) {
        List<Object> args = new ArrayList<>();
        String sql = members(departmentCode, asOf, knownAt, args) + " ORDER BY 1";
        return jdbc.queryForList(sql, String.class, args.toArray());
    }

    private static String members(String departmentCode, LocalDate asOf, Instant knownAt, List<Object> args) {
        return members("= ?", departmentCode, asOf, knownAt, args);
    }

    /**
     * The units whose version in effect is of the department(s): no later version of the unit in
     * effect and known. Written as an anti-join rather than over {@link #current}'s DISTINCT ON,
     * whose row count PostgreSQL cannot estimate: with it, a department's read summed its units one
     * index scan each (85 ms against 32 ms at 10^6 postings, bench/results/2026-12-08-0123.md); with
     * this it hashes the department's units once, as a plain table's would be.
     */
    private static String members(String departmentCondition, Object departments, LocalDate asOf, Instant knownAt,
                                  List<Object> args) {
        args.add(departments);
        String sql = "SELECT v.unit_code FROM unit_version v WHERE v.department_code " + departmentCondition
                + inEffect("v", asOf, knownAt, args)
                + " AND NOT EXISTS (SELECT 1 FROM unit_version w WHERE w.unit_code = v.unit_code"
                + inEffect("w", asOf, knownAt, args);
        return sql + " AND (w.effective_date, w.version) > (v.effective_date, v.version))";
    }

    /** The conditions on the versions of {@code alias} in effect as of asOf, known at knownAt, each starting " AND". */
    private static String inEffect(String alias, LocalDate asOf, Instant knownAt, List<Object> args) {
        StringBuilder sql = new StringBuilder();
        if (asOf != null) {
            sql.append(" AND ").append(alias).append(".effective_date <= ?");
            args.add(Date.valueOf(asOf));
        }
        if (knownAt != null) {
            // truncated, not rounded, to PostgreSQL's microseconds, as every knownAt bound (TimeSlice)
            sql.append(" AND ").append(alias).append(".recorded_at <= ?");
            args.add(Timestamp.from(knownAt.truncatedTo(ChronoUnit.MICROS)));
        }
        return sql.toString();
    }

    /** Every unit as of {@code asOf}, as known at {@code knownAt}, by department and code. */
    public List<UnitVersion> all(LocalDate asOf, Instant knownAt) {
        List<Object> args = new ArrayList<>();
        return jdbc.query("SELECT * FROM (" + current(asOf, knownAt, args) + ") u ORDER BY department_code, unit_code",
                ROW, args.toArray());
    }

    /** The unit as of {@code asOf}, as known at {@code knownAt}. */
    public Optional<UnitVersion> find(String unitCode, LocalDate asOf, Instant knownAt) {
        List<Object> args = new ArrayList<>();
        String current = current(asOf, knownAt, args);
        args.add(unitCode);
        return jdbc.query("SELECT * FROM (" + current + ") u WHERE unit_code = ?", ROW, args.toArray())
                .stream().findFirst();
    }

    /** Whether the unit is registered. */
    public boolean exists(String unitCode) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM unit_version WHERE unit_code = ?)", Boolean.class, unitCode));
    }

    /** The unit's versions in the order they were recorded. */
    public List<UnitVersion> history(String unitCode) {
        return jdbc.query("SELECT * FROM unit_version WHERE unit_code = ? ORDER BY version", ROW, unitCode);
    }

    /** Keeps a version; a version kept before (the same unit and number) is left as it is. */
    public void record(UnitVersion v) {
        jdbc.update("""
                INSERT INTO unit_version (unit_code, version, name, department_code, department_name, unit_type,
                    parent_unit_code, effective_date, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (unit_code, version) DO NOTHING""",
                v.unitCode(), v.version(), v.name(), v.departmentCode(), v.departmentName(), v.unitType().name(),
                v.parentUnitCode(), Date.valueOf(v.effectiveDate()), Timestamp.from(v.recordedAt()));
    }
}
