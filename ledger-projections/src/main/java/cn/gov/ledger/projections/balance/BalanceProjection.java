package cn.gov.ledger.projections.balance;

import cn.gov.ledger.core.indicator.BudgetAppropriated;
import cn.gov.ledger.core.indicator.CarriedForward;
import cn.gov.ledger.core.indicator.CarriedIn;
import cn.gov.ledger.core.indicator.FigureMovements;
import cn.gov.ledger.core.indicator.IndicatorEvent;
import cn.gov.ledger.projections.balance.MovementJournal.Movement;
import cn.gov.ledger.projections.balance.PendingRows.Closure;
import cn.gov.ledger.projections.balance.PendingRows.IndicatorRow;
import java.time.Instant;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps the indicator register and the journal of figure movements that every balance, rate and
 * report is summed from. Each event's row is keyed by the event's identifier, so a redelivered
 * event changes nothing. The handler only turns events into rows; {@link PendingRows} writes a
 * batch's rows, the movements through {@link MovementJournal}.
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
            record(pending -> pending.close(new Closure(e.indicatorId(), e.effectiveDate(), recordedAt)));
        }
        FigureMovements.of(event).ifPresent(movement -> record(pending -> pending.add(new Movement(eventId,
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

    private void register(IndicatorRow row) {
        record(pending -> pending.register(row));
    }

    /**
     * The rows of the events of one processing batch, written in one round trip per table when the
     * batch commits (with its token) rather than one statement per event, so that a replay is
     * bounded by PostgreSQL, not by round trips. Outside a unit of work they are written at once.
     */
    private void record(Consumer<PendingRows> change) {
        if (!CurrentUnitOfWork.isStarted()) {
            PendingRows now = new PendingRows();
            change.accept(now);
            now.write(jdbc, checkpoints);
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        change.accept(root.getOrComputeResource(PENDING, key -> {
            PendingRows pending = new PendingRows();
            root.onPrepareCommit(u -> pending.write(jdbc, checkpoints));
            return pending;
        }));
    }
}
