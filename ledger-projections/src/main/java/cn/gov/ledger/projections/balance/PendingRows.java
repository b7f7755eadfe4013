package cn.gov.ledger.projections.balance;

import cn.gov.ledger.core.indicator.IndicatorAttributes;
import cn.gov.ledger.projections.balance.MovementJournal.Movement;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The read-model rows of the events of one processing batch, written together: the register
 * first, so that the batch's movements find the indicators opened in it, then the journal, then
 * the closures.
 */
final class PendingRows {

    /** rm_indicator rows by indicator: one multi-row upsert may not touch a row twice. */
    private final Map<String, IndicatorRow> indicators = new LinkedHashMap<>();
    private final List<Movement> movements = new ArrayList<>();
    private final List<Closure> closures = new ArrayList<>();

    /** A row of rm_indicator. */
    record IndicatorRow(String indicatorId, IndicatorAttributes attributes, String sourceIndicatorId) {

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
    record Closure(String indicatorId, LocalDate closedOn, Instant closedAt) {
    }

    /** Registered twice in one batch (a carry-in to an indicator opened in it): as the upsert would. */
    void register(IndicatorRow row) {
        indicators.merge(row.indicatorId(), row, IndicatorRow::withSourceOf);
    }

    void add(Movement movement) {
        movements.add(movement);
    }

    void close(Closure closure) {
        closures.add(closure);
    }

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
            MovementJournal.write(jdbc, checkpoints, movements);
        }
        if (!closures.isEmpty()) {
            jdbc.batchUpdate("UPDATE rm_indicator SET closed_on = ?, closed_at = ? WHERE indicator_id = ?",
                    closures.stream().map(c -> new Object[] {Date.valueOf(c.closedOn()),
                            Timestamp.from(c.closedAt()), c.indicatorId()}).toList());
        }
    }
}
