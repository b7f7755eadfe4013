package cn.gov.ledger.projections.balance;

import cn.gov.ledger.core.indicator.BudgetAppropriated;
import cn.gov.ledger.core.indicator.CarriedForward;
import cn.gov.ledger.core.indicator.CarriedIn;
import cn.gov.ledger.core.indicator.Figure;
import cn.gov.ledger.core.indicator.FigureMovements;
import cn.gov.ledger.core.indicator.IndicatorAttributes;
import cn.gov.ledger.core.indicator.IndicatorEvent;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps the indicator register and the journal of figure movements that every balance, rate and
 * report is summed from. Each event's row is keyed by the event's identifier, so a redelivered
 * event changes nothing.
 */
@ProcessingGroup(BalanceProjection.PROCESSING_GROUP)
public class BalanceProjection {

    public static final String PROCESSING_GROUP = "balances";

    private static final String PENDING = BalanceProjection.class.getName() + ".pending";

    private final JdbcTemplate jdbc;
    private final KnownCheckpoints checkpoints;

    public BalanceProjection(JdbcTemplate jdbc) {
        this(jdbc, KnownCheckpoints.SERVICE);
    }

    /** @param checkpoints when to write checkpoints of the journal for reads with knownAt */
    BalanceProjection(JdbcTemplate jdbc, KnownCheckpoints checkpoints) {
        this.jdbc = jdbc;
        this.checkpoints = checkpoints;
    }

    /** Every indicator event: its figure movement, if it has one, and the register's changes. */
    @EventHandler
    void on(IndicatorEvent event, @MessageIdentifier String eventId,
            @org.axonframework.eventhandling.Timestamp Instant recordedAt) {
        if (event instanceof BudgetAppropriated e) {
            register(new IndicatorRow(e.indicatorId(), e.attributes(), null));
        } else if (event instanceof CarriedIn e) {
            register(new IndicatorRow(e.indicatorId(), e.attributes(), e.sourceIndicatorId()));
        } else if (event instanceof CarriedForward e) {
            record(pending -> pending.closures.add(new Closure(e.indicatorId(), e.effectiveDate(), recordedAt)));
        }
        FigureMovements.of(event).ifPresent(movement -> record(pending -> pending.movements.add(new Movement(eventId,
                event.indicatorId(), movement.figure(), movement.amount().fen(),
                movement.economicCode() == null ? null : movement.economicCode().value(), event.effectiveDate(),
                recordedAt))));
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM rm_year_total");
        jdbc.update("DELETE FROM rm_movement");
        jdbc.update("DELETE FROM rm_movement_key");
        jdbc.update("DELETE FROM rm_indicator");
        KnownCheckpoints.reset(jdbc);
    }

    /** Registered twice in one batch (a carry-in to an indicator opened in it): as the upsert would. */
    private void register(IndicatorRow row) {
        record(pending -> pending.indicators.merge(row.indicatorId(), row, IndicatorRow::withSourceOf));
    }

    /**
     * The rows of the events of one processing batch, written in one round trip per table when the
     * batch commits (with its token) rather than one statement per event, so that a replay is
     * bounded by PostgreSQL, not by round trips. Outside a unit of work they are written at once.
     */
    private void record(Consumer<Pending> change) {
        if (!CurrentUnitOfWork.isStarted()) {
            Pending now = new Pending();
            change.accept(now);
            now.write(jdbc, checkpoints);
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        change.accept(root.getOrComputeResource(PENDING, key -> {
            Pending pending = new Pending();
            root.onPrepareCommit(u -> pending.write(jdbc, checkpoints));
            return pending;
        }));
    }

    /** A row of rm_indicator. */
    private record IndicatorRow(String indicatorId, IndicatorAttributes attributes, String sourceIndicatorId) {

        IndicatorRow withSourceOf(IndicatorRow again) {
            return sourceIndicatorId != null ? this : new IndicatorRow(indicatorId, attributes, again.sourceIndicatorId());
        }

        Object[] values() {
            IndicatorAttributes a = attributes;
            return new Object[] {indicatorId, a.fiscalYear(), a.unitCode(), a.fundSource().name(),
                    a.functionalCode().value(), a.kind().name(), a.projectCode(), a.projectName(),
                    a.economicCode() == null ? null : a.economicCode().value(), sourceIndicatorId};
        }
    }

    /** An indicator closed by its CarriedForward. */
    private record Closure(String indicatorId, LocalDate closedOn, Instant closedAt) {
    }

    /**
     * A row of rm_movement, keyed by the event's identifier: the token's position is not the
     * event's own global index when an event that committed late fills a gap, so it cannot be the
     * key. With no economic code of its own it takes its indicator's.
     */
    private record Movement(String eventId, String indicatorId, Figure figure, long amount, String economicCode,
                            LocalDate effectiveDate, Instant recordedAt) {
    }

    /** A row of rm_movement_key: the key a movement is summed by ('' for no economic code). */
    private record MovementKey(String indicatorId, Figure figure, String economicCode) {

        static MovementKey of(Movement m) {
            return new MovementKey(m.indicatorId(), m.figure(), m.economicCode() == null ? "" : m.economicCode());
        }
    }

    /** A key of rm_year_total: the year is the effective date's. */
    private record TotalKey(String indicatorId, Figure figure, String economicCode, int year) {
    }

    /** What a movement takes from its indicator's rm_indicator row. */
    private record IndicatorScope(int fiscalYear, String unitCode, String economicCode) {
    }

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

    private static final class Pending {
        /** rm_indicator rows by indicator: one multi-row upsert may not touch a row twice. */
        final Map<String, IndicatorRow> indicators = new LinkedHashMap<>();
        final List<Movement> movements = new ArrayList<>();
        final List<Closure> closures = new ArrayList<>();

        void write(JdbcTemplate jdbc, KnownCheckpoints checkpoints) {
            if (!indicators.isEmpty()) {
                jdbc.batchUpdate("""
                        INSERT INTO rm_indicator (indicator_id, fiscal_year, unit_code, fund_source, functional_code,
                            kind, project_code, project_name, economic_code, source_indicator_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (indicator_id) DO UPDATE
                        SET source_indicator_id = COALESCE(rm_indicator.source_indicator_id,
                            EXCLUDED.source_indicator_id)""", indicators.values().stream().map(IndicatorRow::values).toList());
            }
            if (!movements.isEmpty()) {
                Map<String, IndicatorScope> scopes = scopes(jdbc);
                List<Movement> registered = registered(scopes);
                Map<MovementKey, Integer> keyIds = keyIds(jdbc, registered, scopes);
                List<Movement> inserted = insertMovements(jdbc, registered, keyIds);
                addToTotals(jdbc, inserted, scopes);
                checkpoints.count(jdbc, inserted.stream().map(m -> new KnownCheckpoints.Counted(
                        keyIds.get(MovementKey.of(m)), m.amount(), m.recordedAt())).toList());
            }
            if (!closures.isEmpty()) {
                jdbc.batchUpdate("UPDATE rm_indicator SET closed_on = ?, closed_at = ? WHERE indicator_id = ?",
                        closures.stream().map(c -> new Object[] {Date.valueOf(c.closedOn()),
                                Timestamp.from(c.closedAt()), c.indicatorId()}).toList());
            }
        }

        /** The scope of every indicator the movements are on, registered before or in this batch. */
        private Map<String, IndicatorScope> scopes(JdbcTemplate jdbc) {
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
        private List<Movement> registered(Map<String, IndicatorScope> scopes) {
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

        /**
         * Adds the movements just written to rm_year_total, each to the sums through its month and
         * every later month of its year, one row per key and year.
         */
        private static void addToTotals(JdbcTemplate jdbc, List<Movement> inserted,
                                        Map<String, IndicatorScope> scopes) {
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

    /** Binds one column of {@code rows} as an array parameter of type {@code type}. */
    static <T> void bind(Connection c, PreparedStatement statement, int index, String type, List<T> rows,
                         Function<T, Object> column) throws SQLException {
        Object[] values = new Object[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = column.apply(rows.get(i));
        }
        statement.setArray(index, c.createArrayOf(type, values));
    }
}
