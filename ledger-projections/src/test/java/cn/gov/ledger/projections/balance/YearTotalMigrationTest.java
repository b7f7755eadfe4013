package cn.gov.ledger.projections.balance;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.projections.TestDatabase;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** V5 on a database that already has a journal: rm_year_total is summed from rm_movement. */
class YearTotalMigrationTest {

    @Test
    void sumsTheJournalThroughEachMonthPerKeyAndYear() {
        DataSource dataSource = TestDatabase.migratedUpTo("4");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.update("""
                INSERT INTO rm_indicator (indicator_id, fiscal_year, unit_code, fund_source, functional_code, kind)
                VALUES ('A', 2024, 'U1', 'GENERAL_BUDGET', '2010101', 'BASIC')""");
        insertMovement(jdbc, "e1", "INITIAL", 100_000, null, "2024-01-01");
        insertMovement(jdbc, "e2", "SPENT", 30_000, "30201", "2024-02-10");
        insertMovement(jdbc, "e3", "SPENT", -30_000, "30201", "2024-03-05"); // reversed: sums to 0 from March
        insertMovement(jdbc, "e4", "SPENT", 5_000, "30201", "2024-03-31");
        insertMovement(jdbc, "e5", "CARRIED_IN", 7_000, null, "2023-12-31");

        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

        List<String> rows = jdbc.queryForList("""
                SELECT concat_ws(' ', indicator_id, figure, economic_code, year, fiscal_year, unit_code, first_month,
                    %s)
                FROM rm_year_total ORDER BY figure, year""".formatted(String.join(", ", YearTotal.THROUGH)),
                String.class);
        assertThat(rows).containsExactly(
                "A CARRIED_IN  2023 2024 U1 12 0 0 0 0 0 0 0 0 0 0 0 7000",
                "A INITIAL  2024 2024 U1 1 100000 100000 100000 100000 100000 100000 100000 100000 100000 100000"
                        + " 100000 100000",
                "A SPENT 30201 2024 2024 U1 2 0 30000 5000 5000 5000 5000 5000 5000 5000 5000 5000 5000");
        assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM pg_tables WHERE tablename IN ('rm_total', 'rm_month_total')", Integer.class))
                .isZero();
    }

    private static void insertMovement(JdbcTemplate jdbc, String eventId, String figure, long amount,
                                       String economicCode, String effectiveDate) {
        jdbc.update("""
                INSERT INTO rm_movement (event_id, indicator_id, figure, amount, economic_code, effective_date,
                    recorded_at) VALUES (?, 'A', ?, ?, ?, ?::date, now())""",
                eventId, figure, amount, economicCode, effectiveDate);
    }
}
