package cn.gov.ledger.projections.reporting;

import cn.gov.ledger.core.indicator.ExpenditureKind;
import cn.gov.ledger.core.indicator.FundSource;
import cn.gov.ledger.core.indicator.IndicatorFigures;
import cn.gov.ledger.core.money.Money;
import cn.gov.ledger.core.indicator.Figure;
import cn.gov.ledger.projections.balance.MovementFilter;
import cn.gov.ledger.projections.balance.Scope;
import cn.gov.ledger.projections.balance.TimeSlice;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads the sums the reports are built from, in one indexed query over the movement journal. */
public class ReportFacts {

    private final JdbcTemplate jdbc;

    public ReportFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Fact> load(Scope scope, TimeSlice time) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT i.fund_source, i.functional_code, i.kind, m.economic_code, m.figure, SUM(m.amount) AS fen"
                + MovementFilter.from(time, args) + MovementFilter.where(scope, time, args)
                + " GROUP BY 1, 2, 3, 4, 5";
        return jdbc.query(sql, (rs, n) -> new Fact(FundSource.valueOf(rs.getString(1)), rs.getString(2),
                ExpenditureKind.valueOf(rs.getString(3)), rs.getString(4), Figure.valueOf(rs.getString(5)),
                rs.getLong(6)), args.toArray());
    }

    /**
     * Whether any indicator of this fiscal year is in the ledger: a year without one has no facts,
     * and a read with {@code knownAt} would otherwise sum the whole journal to find that out.
     */
    public boolean hasFiscalYear(int fiscalYear) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM rm_indicator WHERE fiscal_year = ?)", Boolean.class, fiscalYear));
    }

    /** One project's budget and execution. */
    public record ProjectFigures(String projectCode, String projectName, String unitCode, IndicatorFigures figures) {
    }

    /** Per project (indicators of kind PROJECT, by project code, or by name where there is no code). */
    public List<ProjectFigures> projects(Scope scope, TimeSlice time) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT i.project_code, min(i.project_name) AS project_name, min(i.unit_code) AS unit_code,"
                + " COALESCE(i.project_code, i.project_name) AS project,"
                + " COALESCE(SUM(m.amount) FILTER (WHERE m.figure = 'INITIAL'), 0),"
                + " COALESCE(SUM(m.amount) FILTER (WHERE m.figure = 'ADJUSTMENT'), 0),"
                + " COALESCE(SUM(m.amount) FILTER (WHERE m.figure = 'CARRIED_IN'), 0),"
                + " COALESCE(SUM(m.amount) FILTER (WHERE m.figure = 'INCOME'), 0),"
                + " COALESCE(SUM(m.amount) FILTER (WHERE m.figure = 'SPENT'), 0),"
                + " COALESCE(SUM(m.amount) FILTER (WHERE m.figure = 'SURPLUS_USED'), 0),"
                + " COALESCE(SUM(m.amount) FILTER (WHERE m.figure = 'ALLOCATED'), 0)"
                + MovementFilter.from(time, args) + MovementFilter.where(scope, time, args) + " AND i.kind = 'PROJECT'"
                + " GROUP BY i.project_code, project ORDER BY project";
        return jdbc.query(sql, (rs, n) -> new ProjectFigures(rs.getString(1), rs.getString(2), rs.getString(3),
                new IndicatorFigures(Money.ofFen(rs.getLong(5)), Money.ofFen(rs.getLong(6)), Money.ofFen(rs.getLong(7)),
                        Money.ofFen(rs.getLong(8)), Money.ofFen(rs.getLong(9)), Money.ofFen(rs.getLong(10)),
                        Money.ofFen(rs.getLong(11)))), args.toArray());
    }

    static boolean isBudget(Figure figure) {
        return figure == Figure.INITIAL || figure == Figure.ADJUSTMENT || figure == Figure.CARRIED_IN;
    }
}
