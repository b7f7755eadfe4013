package cn.gov.ledger.projections.unit;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/** The reference data of budget units, kept as plain rows (it is not part of the ledger's history). */
public class UnitDirectory {

    private static final RowMapper<BudgetUnit> ROW = (rs, n) -> new BudgetUnit(rs.getString("unit_code"),
            rs.getString("name"), rs.getString("department_code"), rs.getString("department_name"));

    private final JdbcTemplate jdbc;

    public UnitDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates or replaces a unit; answers true when it was new. */
    public boolean put(BudgetUnit unit) {
        Boolean inserted = jdbc.queryForObject("""
                INSERT INTO budget_unit (unit_code, name, department_code, department_name)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (unit_code) DO UPDATE SET name = EXCLUDED.name,
                    department_code = EXCLUDED.department_code, department_name = EXCLUDED.department_name,
                    updated_at = now()
                RETURNING (xmax = 0)""", Boolean.class,
                unit.unitCode(), unit.name(), unit.departmentCode(), unit.departmentName());
        return Boolean.TRUE.equals(inserted);
    }

    public Optional<BudgetUnit> find(String unitCode) {
        return jdbc.query("SELECT * FROM budget_unit WHERE unit_code = ?", ROW, unitCode).stream().findFirst();
    }

    public List<BudgetUnit> all() {
        return jdbc.query("SELECT * FROM budget_unit ORDER BY department_code, unit_code", ROW);
    }
}
