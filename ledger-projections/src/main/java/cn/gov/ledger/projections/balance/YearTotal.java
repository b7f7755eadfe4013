package cn.gov.ledger.projections.balance;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The columns of rm_year_total (V5__cumulative_year_totals.sql) that hold a key's sum from 1 January
 * of its year through the end of each month: a movement of month m adds to {@code through(m)} and
 * every later one.
 */
public final class YearTotal {

    /** through_01 .. through_12, in month order. */
    public static final List<String> THROUGH = IntStream.rangeClosed(1, 12).mapToObj(YearTotal::through).toList();

    /** The year's total. */
    public static final String YEAR = through(12);

    private YearTotal() {
    }

    /** The column of the sum through the end of {@code month} (1 to 12). */
    public static String through(int month) {
        return "through_%02d".formatted(month);
    }
}
