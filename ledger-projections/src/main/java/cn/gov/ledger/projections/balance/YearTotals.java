package cn.gov.ledger.projections.balance;

import static cn.gov.ledger.projections.balance.ArrayParameters.bind;

import cn.gov.ledger.core.indicator.Figure;
import cn.gov.ledger.projections.balance.MovementJournal.IndicatorScope;
import cn.gov.ledger.projections.balance.MovementJournal.Movement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** Adds a batch's movements to the pre-summed rm_year_total, one row per key and year. */
final class YearTotals {

    /** Adds each key's sums through each month, all keys of a batch in one statement of arrays. */
    private static final String UPSERT_YEAR_TOTALS = """
            INSERT INTO rm_year_total (indicator_id, fiscal_year, unit_code, figure, economic_code, year, first_month,
                %s)
            SELECT * FROM unnest(?::varchar[], ?::int[], ?::varchar[], ?::varchar[], ?::varchar[], ?::int[],
                ?::smallint[], %s)
            ON CONFLICT (indicator_id, figure, economic_code, year) DO UPDATE
            SET first_month = LEAST(rm_year_total.first_month, EXCLUDED.first_month), %s""".formatted(
            String.join(", ", YearTotal.THROUGH),
            String.join(", ", YearTotal.THROUGH.stream().map(c -> "?::bigint[]").toList()),
            String.join(", ", YearTotal.THROUGH.stream().map(c -> c + " = rm_year_total." + c + " + EXCLUDED." + c)
                    .toList()));

    private YearTotals() {
    }

    /** A key of rm_year_total: the year is the effective date's. */
    private record TotalKey(String indicatorId, Figure figure, String economicCode, int year) {
    }

    /** A batch's additions to one row of rm_year_total. */
    private static final class YearSums {
        int firstMonth = 12;
        final long[] through = new long[12];

        void add(int month, long amount) {
            firstMonth = Math.min(firstMonth, month);
            for (int m = month; m <= 12; m++) {
                through[m - 1] += amount;
            }
        }
    }

    /**
     * Adds the movements just written to rm_year_total, each to the sums through its month and
     * every later month of its year, one row per key and year.
     */
    static void add(JdbcTemplate jdbc, List<Movement> inserted, Map<String, IndicatorScope> scopes) {
        if (inserted.isEmpty()) {
            return;
        }
        Map<TotalKey, YearSums> totals = new LinkedHashMap<>();
        for (Movement m : inserted) {
            totals.computeIfAbsent(new TotalKey(m.indicatorId(), m.figure(),
                            m.economicCode() == null ? "" : m.economicCode(), m.effectiveDate().getYear()),
                    key -> new YearSums()).add(m.effectiveDate().getMonthValue(), m.amount());
        }
        List<Map.Entry<TotalKey, YearSums>> rows = List.copyOf(totals.entrySet());
        jdbc.execute((Connection c) -> {
            try (PreparedStatement upsert = c.prepareStatement(UPSERT_YEAR_TOTALS)) {
                bind(c, upsert, 1, "varchar", rows, e -> e.getKey().indicatorId());
                bind(c, upsert, 2, "int4", rows, e -> scopes.get(e.getKey().indicatorId()).fiscalYear());
                bind(c, upsert, 3, "varchar", rows, e -> scopes.get(e.getKey().indicatorId()).unitCode());
                bind(c, upsert, 4, "varchar", rows, e -> e.getKey().figure().name());
                bind(c, upsert, 5, "varchar", rows, e -> e.getKey().economicCode());
                bind(c, upsert, 6, "int4", rows, e -> e.getKey().year());
                bind(c, upsert, 7, "int2", rows, e -> (short) e.getValue().firstMonth);
                for (int month = 1; month <= 12; month++) {
                    int column = month - 1;
                    bind(c, upsert, 7 + month, "int8", rows, e -> e.getValue().through[column]);
                }
                upsert.executeUpdate();
            }
            return null;
        });
    }
}
