package cn.gov.ledger.projections.balance;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.projections.TestDatabase;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * V10 and V11 on a database that already has a journal: each movement gets the number of its key,
 * and each key its indicator's scope.
 */
class MovementKeyMigrationTest {

    @Test
    void numbersEachKeyOnceAndGivesEveryMovementItsKey() {
        DataSource dataSource = TestDatabase.migratedUpTo("8");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.update("""
                INSERT INTO rm_indicator (indicator_id, fiscal_year, unit_code, fund_source, functional_code, kind)
                VALUES ('A', 2024, 'U1', 'GENERAL_BUDGET', '2010101', 'BASIC')""");
        insertMovement(jdbc, "e1", "INITIAL", 100_000, null);
        insertMovement(jdbc, "e2", "SPENT", 30_000, "30201");
        insertMovement(jdbc, "e3", "SPENT", -10_000, "30201");
        insertMovement(jdbc, "e4", "SPENT", 5_000, "30217");

        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

        List<String> keys = jdbc.queryForList("""
                SELECT concat_ws(' ', k.indicator_id, k.fiscal_year, k.unit_code, k.figure, NULLIF(k.economic_code, ''),
                    count(*), sum(m.amount))
                FROM rm_movement m JOIN rm_movement_key k USING (key_id)
                GROUP BY k.key_id ORDER BY k.figure, k.economic_code""", String.class);
        assertThat(keys).containsExactly("A 2024 U1 INITIAL 1 100000", "A 2024 U1 SPENT 30201 2 20000",
                "A 2024 U1 SPENT 30217 1 5000");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM rm_movement_key", Integer.class)).isEqualTo(3);

        // a read with knownAt sums the journal through the keys
        List<BalanceRow> rows = new BalanceQueries(jdbc).balances(Scope.unit(2024, "U1"), List.of(Dimension.INDICATOR),
                new TimeSlice(null, Instant.now()));
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.figures().initial().fen()).isEqualTo(100_000);
            assertThat(row.figures().spent().fen()).isEqualTo(25_000);
        });
    }

    private static void insertMovement(JdbcTemplate jdbc, String eventId, String figure, long amount,
                                       String economicCode) {
        jdbc.update("""
                INSERT INTO rm_movement (event_id, indicator_id, figure, amount, economic_code, effective_date,
                    recorded_at) VALUES (?, 'A', ?, ?, ?, DATE '2024-03-01', now() - interval '1 minute')""",
                eventId, figure, amount, economicCode);
    }
}
