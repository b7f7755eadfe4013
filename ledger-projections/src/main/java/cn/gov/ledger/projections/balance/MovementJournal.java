package cn.gov.ledger.projections.balance;

import static cn.gov.ledger.projections.balance.ArrayParameters.bind;

import cn.gov.ledger.core.indicator.Figure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes a batch's movements to the journal (rm_movement, numbered by rm_movement_key) and what is
 * summed from it (rm_year_total, the checkpoints for knownAt), each table in one statement.
 */
final class MovementJournal {

    /**
     * A batch's movements in one statement of arrays (one round trip, one execution, where a JDBC
     * batch executes the statement once per row); answers the event ids actually inserted.
     */
    private static final String INSERT_MOVEMENTS = """
            INSERT INTO rm_movement (event_id, indicator_id, figure, amount, economic_code, effective_date, recorded_at,
                key_id)
            SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::bigint[], ?::varchar[], ?::date[],
                ?::timestamptz[], ?::int[])
            ON CONFLICT (event_id) DO NOTHING
            RETURNING event_id""";

    /**
     * Numbers the keys not numbered yet, each with its indicator's scope (V11__movement_key_scope.sql),
     * and answers the number of each: those inserted here and those found (a statement does not see
     * the rows its own CTE inserts, so each comes once).
     * Only keys not there yet are inserted, so the identity is not spent on every batch.
     */
    private static final String KEY_IDS = """
            WITH k AS (SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::int[], ?::varchar[])
                AS k(indicator_id, figure, economic_code, fiscal_year, unit_code)),
            added AS (INSERT INTO rm_movement_key (indicator_id, figure, economic_code, fiscal_year, unit_code)
                SELECT * FROM k WHERE NOT EXISTS (SELECT 1 FROM rm_movement_key r WHERE r.indicator_id = k.indicator_id
                    AND r.figure = k.figure AND r.economic_code = k.economic_code)
                ON CONFLICT DO NOTHING
                RETURNING key_id, indicator_id, figure, economic_code)
            SELECT * FROM added
            UNION ALL
            SELECT r.key_id, r.indicator_id, r.figure, r.economic_code FROM rm_movement_key r JOIN k USING (indicator_id,
                figure, economic_code)""";

    private MovementJournal() {
    }

    /**
     * A row of rm_movement, keyed by the event's identifier: the token's position is not the
     * event's own global index when an event that committed late fills a gap, so it cannot be the
     * key. With no economic code of its own it takes its indicator's.
     */
    record Movement(String eventId, String indicatorId, Figure figure, long amount, String economicCode,
                    LocalDate effectiveDate, Instant recordedAt) {
    }

    /** What a movement takes from its indicator's rm_indicator row. */
    record IndicatorScope(int fiscalYear, String unitCode, String economicCode) {
    }

    /** A row of rm_movement_key: the key a movement is summed by ('' for no economic code). */
    private record MovementKey(String indicatorId, Figure figure, String economicCode) {

        static MovementKey of(Movement m) {
            return new MovementKey(m.indicatorId(), m.figure(), m.economicCode() == null ? "" : m.economicCode());
        }
    }

    /** Writes the movements of registered indicators, their keys, year totals and checkpoints. */
    static void write(JdbcTemplate jdbc, KnownCheckpoints checkpoints, List<Movement> movements) {
        Map<String, IndicatorScope> scopes = scopes(jdbc, movements);
        List<Movement> registered = registered(movements, scopes);
        Map<MovementKey, Integer> keyIds = keyIds(jdbc, registered, scopes);
        List<Movement> inserted = insertMovements(jdbc, registered, keyIds);
        YearTotals.add(jdbc, inserted, scopes);
        checkpoints.count(jdbc, inserted.stream().map(m -> new KnownCheckpoints.Counted(
                keyIds.get(MovementKey.of(m)), m.amount(), m.recordedAt())).toList());
    }

    /** The scope of every indicator the movements are on, registered before or in this batch. */
    private static Map<String, IndicatorScope> scopes(JdbcTemplate jdbc, List<Movement> movements) {
        Map<String, IndicatorScope> scopes = new HashMap<>();
        String[] ids = movements.stream().map(Movement::indicatorId).distinct().toArray(String[]::new);
        jdbc.query("SELECT indicator_id, fiscal_year, unit_code, economic_code FROM rm_indicator"
                + " WHERE indicator_id = ANY (?)", rs -> {
            scopes.put(rs.getString(1), new IndicatorScope(rs.getInt(2), rs.getString(3), rs.getString(4)));
        }, (Object) ids);
        return scopes;
    }

    /**
     * The movements of indicators that are registered (as the join of a row-by-row insert
     * would), each with its indicator's economic code when it has none of its own.
     */
    private static List<Movement> registered(List<Movement> movements, Map<String, IndicatorScope> scopes) {
        List<Movement> registered = new ArrayList<>(movements.size());
        for (Movement m : movements) {
            IndicatorScope scope = scopes.get(m.indicatorId());
            if (scope != null) {
                registered.add(m.economicCode() != null || scope.economicCode() == null ? m
                        : new Movement(m.eventId(), m.indicatorId(), m.figure(), m.amount(), scope.economicCode(),
                        m.effectiveDate(), m.recordedAt()));
            }
        }
        return registered;
    }

    /** Writes the movements; answers those actually inserted, not those of a redelivered event, already there. */
    private static List<Movement> insertMovements(JdbcTemplate jdbc, List<Movement> registered,
                                                  Map<MovementKey, Integer> keyIds) {
        Set<String> inserted = new HashSet<>();
        jdbc.execute((Connection c) -> {
            try (PreparedStatement insert = c.prepareStatement(INSERT_MOVEMENTS)) {
                bind(c, insert, 1, "varchar", registered, Movement::eventId);
                bind(c, insert, 2, "varchar", registered, Movement::indicatorId);
                bind(c, insert, 3, "varchar", registered, m -> m.figure().name());
                bind(c, insert, 4, "int8", registered, Movement::amount);
                bind(c, insert, 5, "varchar", registered, Movement::economicCode);
                bind(c, insert, 6, "varchar", registered, m -> m.effectiveDate().toString());
                bind(c, insert, 7, "varchar", registered, m -> m.recordedAt().toString());
                bind(c, insert, 8, "int4", registered, m -> keyIds.get(MovementKey.of(m)));
                try (ResultSet rs = insert.executeQuery()) {
                    while (rs.next()) {
                        inserted.add(rs.getString(1));
                    }
                }
            }
            return null;
        });
        return registered.stream().filter(m -> inserted.contains(m.eventId())).toList();
    }

    /**
     * The number of each movement's key. One worker writes the journal at a time (the processor
     * has one segment), so no key is numbered by another transaction meanwhile; were one, its
     * movement's key_id would be null, the batch would fail on NOT NULL and be retried.
     */
    private static Map<MovementKey, Integer> keyIds(JdbcTemplate jdbc, List<Movement> movements,
                                                    Map<String, IndicatorScope> scopes) {
        List<MovementKey> keys = movements.stream().map(MovementKey::of).distinct().toList();
        Map<MovementKey, Integer> ids = new HashMap<>();
        jdbc.execute((Connection c) -> {
            try (PreparedStatement select = c.prepareStatement(KEY_IDS)) {
                bind(c, select, 1, "varchar", keys, MovementKey::indicatorId);
                bind(c, select, 2, "varchar", keys, k -> k.figure().name());
                bind(c, select, 3, "varchar", keys, MovementKey::economicCode);
                bind(c, select, 4, "int4", keys, k -> scopes.get(k.indicatorId()).fiscalYear());
                bind(c, select, 5, "varchar", keys, k -> scopes.get(k.indicatorId()).unitCode());
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        ids.put(new MovementKey(rs.getString(2), Figure.valueOf(rs.getString(3)), rs.getString(4)),
                                rs.getInt(1));
                    }
                }
            }
            return null;
        });
        return ids;
    }
}
