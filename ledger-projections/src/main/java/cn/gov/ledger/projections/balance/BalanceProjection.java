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
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps the indicator register and the journal of figure movements that every balance, rate and
 * report is summed from. Each event's row is keyed by its global sequence, so a redelivered
 * event changes nothing.
 */
@ProcessingGroup(BalanceProjection.PROCESSING_GROUP)
public class BalanceProjection {

    public static final String PROCESSING_GROUP = "balances";

    private final JdbcTemplate jdbc;

    public BalanceProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(BudgetAppropriated event, @MessageIdentifier String eventId, TrackingToken token,
            @org.axonframework.eventhandling.Timestamp Instant recordedAt) {
        register(event.indicatorId(), event.attributes(), null, token);
        move(eventId, token, event.indicatorId(), event.initial() ? Figure.INITIAL : Figure.ADJUSTMENT, event.amount(),
                null, event.effectiveDate(), recordedAt);
    }

    @EventHandler
    void on(BudgetAdjusted event, @MessageIdentifier String eventId, TrackingToken token,
            @org.axonframework.eventhandling.Timestamp Instant recordedAt) {
        move(eventId, token, event.indicatorId(), Figure.ADJUSTMENT, event.amount(), null, event.effectiveDate(), recordedAt);
    }

    @EventHandler
    void on(BudgetTransferredOut event, @MessageIdentifier String eventId, TrackingToken token,
            @org.axonframework.eventhandling.Timestamp Instant recordedAt) {
        move(eventId, token, event.indicatorId(), Figure.ADJUSTMENT, event.amount().negate(), null, event.effectiveDate(),
                recordedAt);
    }

    @EventHandler
    void on(BudgetTransferredIn event, @MessageIdentifier String eventId, TrackingToken token,
            @org.axonframework.eventhandling.Timestamp Instant recordedAt) {
        move(eventId, token, event.indicatorId(), Figure.ADJUSTMENT, event.amount(), null, event.effectiveDate(), recordedAt);
    }

    @EventHandler
    void on(IncomeRecorded event, @MessageIdentifier String eventId, TrackingToken token,
            @org.axonframework.eventhandling.Timestamp Instant recordedAt) {
        move(eventId, token, event.indicatorId(), Figure.INCOME, event.amount(), null, event.effectiveDate(), recordedAt);
    }

    @EventHandler
    void on(ExpenditureRecorded event, @MessageIdentifier String eventId, TrackingToken token,
            @org.axonframework.eventhandling.Timestamp Instant recordedAt) {
        move(eventId, token, event.indicatorId(), Figure.SPENT, event.amount(), event.economicCode(), event.effectiveDate(),
                recordedAt);
    }

    @EventHandler
    void on(ExpenditureReversed event, @MessageIdentifier String eventId, TrackingToken token,
            @org.axonframework.eventhandling.Timestamp Instant recordedAt) {
        move(eventId, token, event.indicatorId(), Figure.SPENT, event.amount().negate(), event.economicCode(),
                event.effectiveDate(), recordedAt);
    }

    @EventHandler
    void on(CarriedForward event, @org.axonframework.eventhandling.Timestamp Instant recordedAt) {
        jdbc.update("UPDATE rm_indicator SET closed_on = ?, closed_at = ? WHERE indicator_id = ?",
                Date.valueOf(event.effectiveDate()), Timestamp.from(recordedAt), event.indicatorId());
    }

    @EventHandler
    void on(CarriedIn event, @MessageIdentifier String eventId, TrackingToken token,
            @org.axonframework.eventhandling.Timestamp Instant recordedAt) {
        register(event.indicatorId(), event.attributes(), event.sourceIndicatorId(), token);
        move(eventId, token, event.indicatorId(), Figure.CARRIED_IN, event.amount(), null, event.effectiveDate(), recordedAt);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM rm_movement");
        jdbc.update("DELETE FROM rm_indicator");
    }

    private void register(String indicatorId, IndicatorAttributes a, String sourceIndicatorId, TrackingToken token) {
        jdbc.update("""
                INSERT INTO rm_indicator (indicator_id, fiscal_year, unit_code, fund_source, functional_code, kind,
                    project_code, project_name, economic_code, source_indicator_id, last_sequence)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (indicator_id) DO UPDATE
                SET source_indicator_id = COALESCE(rm_indicator.source_indicator_id, EXCLUDED.source_indicator_id)""",
                indicatorId, a.fiscalYear(), a.unitCode(), a.fundSource().name(), a.functionalCode().value(),
                a.kind().name(), a.projectCode(), a.projectName(),
                a.economicCode() == null ? null : a.economicCode().value(), sourceIndicatorId, position(token));
    }

    /**
     * Budget and income movements take the indicator's economic restriction, if it has one. The
     * row is keyed by the event's identifier: the token's position is not the event's own global
     * index when an event that committed late fills a gap, so it cannot be the key.
     */
    private void move(String eventId, TrackingToken token, String indicatorId, Figure figure, Money amount, EconomicCode economicCode,
                      LocalDate effectiveDate, Instant recordedAt) {
        long sequence = position(token);
        jdbc.update("""
                INSERT INTO rm_movement (event_id, indicator_id, figure, amount, economic_code, effective_date,
                    recorded_at)
                SELECT ?, i.indicator_id, ?, ?, COALESCE(?, i.economic_code), ?, ?
                FROM rm_indicator i WHERE i.indicator_id = ?
                ON CONFLICT (event_id) DO NOTHING""",
                eventId, figure.name(), amount.fen(), economicCode == null ? null : economicCode.value(),
                Date.valueOf(effectiveDate), Timestamp.from(recordedAt), indicatorId);
        jdbc.update("UPDATE rm_indicator SET last_sequence = GREATEST(last_sequence, ?) WHERE indicator_id = ?",
                sequence, indicatorId);
    }

    private static long position(TrackingToken token) {
        return token.position().orElseThrow(() -> new IllegalStateException("event without a global position"));
    }
}
