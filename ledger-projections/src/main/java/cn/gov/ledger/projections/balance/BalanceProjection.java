package cn.gov.ledger.projections.balance;

import cn.gov.ledger.core.classification.EconomicCode;
import cn.gov.ledger.core.indicator.BudgetAdjusted;
import cn.gov.ledger.core.indicator.BudgetAppropriated;
import cn.gov.ledger.core.indicator.BudgetTransferredIn;
import cn.gov.ledger.core.indicator.BudgetTransferredOut;
import cn.gov.ledger.core.indicator.CarriedForward;
import cn.gov.ledger.core.indicator.CarriedIn;
import cn.gov.ledger.core.indicator.ExpenditureRecorded;
import cn.gov.ledger.core.indicator.ExpenditureReversed;
import cn.gov.ledger.core.indicator.IncomeRecorded;
import cn.gov.ledger.core.indicator.IndicatorAttributes;
import cn.gov.ledger.core.money.Money;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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
    private static final int SOURCE_INDICATOR_ID = 9; // in a row of pending.indicators

    private final JdbcTemplate jdbc;

    public BalanceProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(BudgetAppropriated event, @MessageIdentifier String eventId,
            @org.axonframework.eventhandling.Timestamp Instant recordedAt) {
        register(event.indicatorId(), event.attributes(), null);
        move(eventId, event.indicatorId(), event.initial() ? Figure.INITIAL : Figure.ADJUSTMENT, event.amount(),
                null, event.effectiveDate(), recordedAt);
    }

    @EventHandler
    void on(BudgetAdjusted event, @MessageIdentifier String eventId,
            @org.axonframework.eventhandling.Timestamp Instant recordedAt) {
        move(eventId, event.indicatorId(), Figure.ADJUSTMENT, event.amount(), null, event.effectiveDate(), recordedAt);
    }

    @EventHandler
    void on(BudgetTransferredOut event, @MessageIdentifier String eventId,
            @org.axonframework.eventhandling.Timestamp Instant recordedAt) {
        move(eventId, event.indicatorId(), Figure.ADJUSTMENT, event.amount().negate(), null, event.effectiveDate(),
                recordedAt);
    }

    @EventHandler
    void on(BudgetTransferredIn event, @MessageIdentifier String eventId,
            @org.axonframework.eventhandling.Timestamp Instant recordedAt) {
        move(eventId, event.indicatorId(), Figure.ADJUSTMENT, event.amount(), null, event.effectiveDate(), recordedAt);
    }

    @EventHandler
    void on(IncomeRecorded event, @MessageIdentifier String eventId,
            @org.axonframework.eventhandling.Timestamp Instant recordedAt) {
        move(eventId, event.indicatorId(), Figure.INCOME, event.amount(), null, event.effectiveDate(), recordedAt);
    }

    @EventHandler
    void on(ExpenditureRecorded event, @MessageIdentifier String eventId,
            @org.axonframework.eventhandling.Timestamp Instant recordedAt) {
        move(eventId, event.indicatorId(), Figure.SPENT, event.amount(), event.economicCode(), event.effectiveDate(),
                recordedAt);
    }

    @EventHandler
    void on(ExpenditureReversed event, @MessageIdentifier String eventId,
            @org.axonframework.eventhandling.Timestamp Instant recordedAt) {
        move(eventId, event.indicatorId(), Figure.SPENT, event.amount().negate(), event.economicCode(),
                event.effectiveDate(), recordedAt);
    }

    @EventHandler
    void on(CarriedForward event, @org.axonframework.eventhandling.Timestamp Instant recordedAt) {
        record(pending -> pending.closures.add(new Object[] {Date.valueOf(event.effectiveDate()),
                Timestamp.from(recordedAt), event.indicatorId()}));
    }

    @EventHandler
    void on(CarriedIn event, @MessageIdentifier String eventId,
            @org.axonframework.eventhandling.Timestamp Instant recordedAt) {
        register(event.indicatorId(), event.attributes(), event.sourceIndicatorId());
        move(eventId, event.indicatorId(), Figure.CARRIED_IN, event.amount(), null, event.effectiveDate(), recordedAt);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM rm_year_total");
        jdbc.update("DELETE FROM rm_movement");
        jdbc.update("DELETE FROM rm_indicator");
    }

    private void register(String indicatorId, IndicatorAttributes a, String sourceIndicatorId) {
        Object[] row = {indicatorId, a.fiscalYear(), a.unitCode(), a.fundSource().name(), a.functionalCode().value(),
                a.kind().name(), a.projectCode(), a.projectName(),
                a.economicCode() == null ? null : a.economicCode().value(), sourceIndicatorId};
        // registered twice in one batch (a carry-in to an indicator opened in it): as the upsert would
        record(pending -> pending.indicators.merge(indicatorId, row, (first, again) -> {
            if (first[SOURCE_INDICATOR_ID] == null) {
                first[SOURCE_INDICATOR_ID] = again[SOURCE_INDICATOR_ID];
            }
            return first;
        }));
    }

    /**
     * Budget and income movements take the indicator's economic restriction, if it has one. The
     * row is keyed by the event's identifier: the token's position is not the event's own global
     * index when an event that committed late fills a gap, so it cannot be the key.
     */
    private void move(String eventId, String indicatorId, Figure figure, Money amount, EconomicCode economicCode,
                      LocalDate effectiveDate, Instant recordedAt) {
        record(pending -> {
            pending.movements.add(new Movement(eventId, indicatorId, figure, amount.fen(),
                    economicCode == null ? null : economicCode.value(), effectiveDate, recordedAt));
        });
    }

    /**
     * The rows of the events of one processing batch, written in one round trip per table when the
     * batch commits (with its token) rather than one statement per event: a replay of 10^6 events
     * is bounded by PostgreSQL, not by round trips. Outside a unit of work they are written at once.
     */
    private void record(Consumer<Pending> change) {
        if (!CurrentUnitOfWork.isStarted()) {
            Pending now = new Pending();
            change.accept(now);
            now.write(jdbc);
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        change.accept(root.getOrComputeResource(PENDING, key -> {
            Pending pending = new Pending();
            root.onPrepareCommit(u -> pending.write(jdbc));
            return pending;
        }));
    }

    /** A row of rm_movement; with no economic code of its own it takes its indicator's. */
    private record Movement(String eventId, String indicatorId, Figure figure, long amount, String economicCode,
                            LocalDate effectiveDate, Instant recordedAt) {
    }

    /** A key of rm_year_total: the year is the effective date's. */
    private record TotalKey(String indicatorId, Figure figure, String economicCode, int year) {
    }

    /** Adds a key's sums through each month; the indicator's scope is copied from rm_indicator. */
    private static final String UPSERT_YEAR_TOTAL = """
            INSERT INTO rm_year_total (indicator_id, fiscal_year, unit_code, figure, economic_code, year, first_month,
                %s)
            SELECT i.indicator_id, i.fiscal_year, i.unit_code, ?, COALESCE(?, i.economic_code, ''), ?, ?, %s
            FROM rm_indicator i WHERE i.indicator_id = ?
            ON CONFLICT (indicator_id, figure, economic_code, year) DO UPDATE
            SET first_month = LEAST(rm_year_total.first_month, EXCLUDED.first_month), %s""".formatted(
            String.join(", ", YearTotal.THROUGH),
            String.join(", ", YearTotal.THROUGH.stream().map(c -> "?").toList()),
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
        final Map<String, Object[]> indicators = new LinkedHashMap<>();
        final List<Movement> movements = new ArrayList<>();
        final List<Object[]> closures = new ArrayList<>();

        void write(JdbcTemplate jdbc) {
            if (!indicators.isEmpty()) {
                jdbc.batchUpdate("""
                        INSERT INTO rm_indicator (indicator_id, fiscal_year, unit_code, fund_source, functional_code,
                            kind, project_code, project_name, economic_code, source_indicator_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (indicator_id) DO UPDATE
                        SET source_indicator_id = COALESCE(rm_indicator.source_indicator_id,
                            EXCLUDED.source_indicator_id)""", List.copyOf(indicators.values()));
            }
            if (!movements.isEmpty()) {
                int[] inserted = jdbc.batchUpdate("""
                        INSERT INTO rm_movement (event_id, indicator_id, figure, amount, economic_code, effective_date,
                            recorded_at)
                        SELECT ?, i.indicator_id, ?, ?, COALESCE(?, i.economic_code), ?, ?
                        FROM rm_indicator i WHERE i.indicator_id = ?
                        ON CONFLICT (event_id) DO NOTHING""", movements.stream().map(m -> new Object[] {m.eventId(),
                        m.figure().name(), m.amount(), m.economicCode(), Date.valueOf(m.effectiveDate()),
                        Timestamp.from(m.recordedAt()), m.indicatorId()}).toList());
                addToTotals(jdbc, inserted);
            }
            if (!closures.isEmpty()) {
                jdbc.batchUpdate("UPDATE rm_indicator SET closed_on = ?, closed_at = ? WHERE indicator_id = ?", closures);
            }
        }

        /**
         * Adds the movements just written (not those of a redelivered event, already there) to
         * rm_year_total, with the economic code their rm_movement row got: each to the sums
         * through its month and every later month of its year, one upsert per key and year.
         */
        private void addToTotals(JdbcTemplate jdbc, int[] inserted) {
            Map<TotalKey, YearSums> totals = new LinkedHashMap<>();
            for (int n = 0; n < inserted.length; n++) {
                if (inserted[n] != 0 && inserted[n] != 1) {
                    throw new IllegalStateException("unexpected update count " + inserted[n] + " of a movement");
                }
                if (inserted[n] == 1) {
                    Movement m = movements.get(n);
                    totals.computeIfAbsent(new TotalKey(m.indicatorId(), m.figure(), m.economicCode(),
                            m.effectiveDate().getYear()), key -> new YearSums()).add(m.effectiveDate().getMonthValue(),
                            m.amount());
                }
            }
            jdbc.batchUpdate(UPSERT_YEAR_TOTAL, totals.entrySet().stream().map(e -> {
                TotalKey key = e.getKey();
                YearSums sums = e.getValue();
                Object[] row = new Object[17];
                row[0] = key.figure().name();
                row[1] = key.economicCode();
                row[2] = key.year();
                row[3] = sums.firstMonth;
                for (int month = 1; month <= 12; month++) {
                    row[3 + month] = sums.through[month - 1];
                }
                row[16] = key.indicatorId();
                return row;
            }).toList());
        }
    }
}
