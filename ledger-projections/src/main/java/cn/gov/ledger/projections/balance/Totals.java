package cn.gov.ledger.projections.balance;

import cn.gov.ledger.core.indicator.IndicatorFigures;
import cn.gov.ledger.core.money.Money;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Summed figures of one row of a read, in the shape of an indicator's figures. */
final class Totals {

    /** The SQL columns that {@link #read} expects, summed over rm_movement {@code m}. */
    static final String COLUMNS = """
            COALESCE(SUM(m.amount) FILTER (WHERE m.figure = 'INITIAL'), 0) AS initial_budget,
            COALESCE(SUM(m.amount) FILTER (WHERE m.figure = 'ADJUSTMENT'), 0) AS adjustments,
            COALESCE(SUM(m.amount) FILTER (WHERE m.figure = 'CARRIED_IN'), 0) AS carried_in,
            COALESCE(SUM(m.amount) FILTER (WHERE m.figure = 'INCOME'), 0) AS income,
            COALESCE(SUM(m.amount) FILTER (WHERE m.figure = 'SPENT'), 0) AS spent,
            COALESCE(SUM(m.amount) FILTER (WHERE m.figure = 'SURPLUS_USED'), 0) AS surplus_used,
            COALESCE(SUM(m.amount) FILTER (WHERE m.figure = 'ALLOCATED'), 0) AS allocated""";

    private Totals() {
    }

    static IndicatorFigures read(ResultSet rs) throws SQLException {
        return new IndicatorFigures(Money.ofFen(rs.getLong("initial_budget")), Money.ofFen(rs.getLong("adjustments")),
                Money.ofFen(rs.getLong("carried_in")), Money.ofFen(rs.getLong("income")),
                Money.ofFen(rs.getLong("spent")), Money.ofFen(rs.getLong("surplus_used")),
                Money.ofFen(rs.getLong("allocated")));
    }
}
