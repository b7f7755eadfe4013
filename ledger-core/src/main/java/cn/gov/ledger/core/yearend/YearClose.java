package cn.gov.ledger.core.yearend;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * The close of one fiscal year of a department or a unit (identifier {@code close@2024@department@905}
 * or {@code close@2024@unit@905001}; indicator ids never hold {@code @}): each close and reopen is an
 * event in the event store, so in the hash chain and the audit trail. The caller checks the state
 * first (a close of a closed year, a reopen of an open one, are refused before they get here).
 */
public class YearClose {

    @AggregateIdentifier
    private String closeId;
    private int fiscalYear;
    private String departmentCode;
    private String unitCode;
    private boolean closed;

    protected YearClose() {
        // for Axon: created by the first close, rebuilt from the events
    }

    /** The identifier of the close of a department's or a unit's year (exactly one given). */
    public static String closeId(int fiscalYear, String departmentCode, String unitCode) {
        return unitCode != null ? "close@" + fiscalYear + "@unit@" + unitCode
                : "close@" + fiscalYear + "@department@" + departmentCode;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CloseFiscalYear command) {
        if (closed) {
            throw new IllegalStateException(command.closeId() + " is closed already");
        }
        apply(new FiscalYearClosed(command.fiscalYear(), command.departmentCode(), command.unitCode(),
                command.closedBy(), command.decidedAtSequence(), command.decisions()));
    }

    @CommandHandler
    public void handle(ReopenFiscalYear command) {
        if (!closed) {
            throw new IllegalStateException(command.closeId() + " is not closed");
        }
        apply(new FiscalYearReopened(fiscalYear, departmentCode, unitCode, command.reopenedBy(), command.reason()));
    }

    @EventSourcingHandler
    void on(FiscalYearClosed event) {
        closeId = closeId(event.fiscalYear(), event.departmentCode(), event.unitCode());
        fiscalYear = event.fiscalYear();
        departmentCode = event.departmentCode();
        unitCode = event.unitCode();
        closed = true;
    }

    @EventSourcingHandler
    void on(FiscalYearReopened event) {
        closed = false;
    }
}
