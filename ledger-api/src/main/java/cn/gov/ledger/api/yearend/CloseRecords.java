package cn.gov.ledger.api.yearend;

import cn.gov.ledger.api.config.AxonConfiguration;
import cn.gov.ledger.api.posting.Caller;
import cn.gov.ledger.api.web.ApiProblem;
import cn.gov.ledger.core.yearend.CloseDecision;
import cn.gov.ledger.core.yearend.CloseFiscalYear;
import cn.gov.ledger.core.yearend.FiscalYearClosed;
import cn.gov.ledger.core.yearend.FiscalYearReopened;
import cn.gov.ledger.core.yearend.ReopenFiscalYear;
import cn.gov.ledger.core.yearend.YearClose;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The record of the closes of a department's or unit's year: each close ({@link FiscalYearClosed},
 * with every decision) and reopen ({@link FiscalYearReopened}) is an event of its {@link YearClose}
 * aggregate, stored with its row of {@code fiscal_year_close} in one transaction under an advisory
 * lock, so two closes of one year cannot both record.
 */
@Component
public class CloseRecords {

    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext(?))";

    /** A close or a reopen as the event store holds it. */
    public record Entry(long sequence, Instant recordedAt, Object event) {
    }

    private final JdbcTemplate jdbc;
    private final CommandGateway commands;
    private final Serializer serializer;
    private final TransactionTemplate transaction;
    private final ClosedYears closedYears;

    CloseRecords(JdbcTemplate jdbc, CommandGateway commands, Serializer serializer,
                 PlatformTransactionManager transactions, ClosedYears closedYears) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.serializer = serializer;
        this.transaction = new TransactionTemplate(transactions);
        this.closedYears = closedYears;
    }

    /**
     * Records the close; refused (FISCAL_YEAR_CLOSED) when the year is closed already. Answers the
     * close's sequence: the global index of its event.
     */
    long recordClose(int fiscalYear, String departmentCode, String unitCode, List<CloseDecision> decisions,
                     Caller caller) {
        String closeId = YearClose.closeId(fiscalYear, departmentCode, unitCode);
        Long sequence = transaction.execute(status -> {
            jdbc.queryForList(LOCK, closeId);
            if (closedYears.find(fiscalYear, departmentCode, unitCode).map(ClosedYears.YearState::closed).orElse(false)) {
                throw new ApiProblem(HttpStatus.CONFLICT, "FISCAL_YEAR_CLOSED",
                        "fiscal year " + fiscalYear + " is closed already for " + closeId);
            }
            send(new CloseFiscalYear(closeId, fiscalYear, departmentCode, unitCode, caller.principal(), head(),
                    List.copyOf(decisions)), caller);
            long closedAt = lastSequenceOf(closeId);
            jdbc.update("""
                    INSERT INTO fiscal_year_close (close_id, fiscal_year, department_code, unit_code, closed,
                                                   closed_at_sequence, reopened)
                    VALUES (?, ?, ?, ?, true, ?, false)
                    ON CONFLICT (close_id) DO UPDATE SET closed = true, closed_at_sequence = EXCLUDED.closed_at_sequence,
                                                         reopened = false""",
                    closeId, fiscalYear, departmentCode, unitCode, closedAt);
            return closedAt;
        });
        closedYears.forget();
        return sequence;
    }

    /** Records the reopen; refused (FISCAL_YEAR_NOT_CLOSED) when the year is not closed. Answers its sequence. */
    long recordReopen(int fiscalYear, String departmentCode, String unitCode, String reason, Caller caller) {
        String closeId = YearClose.closeId(fiscalYear, departmentCode, unitCode);
        Long sequence = transaction.execute(status -> {
            jdbc.queryForList(LOCK, closeId);
            if (!closedYears.find(fiscalYear, departmentCode, unitCode).map(ClosedYears.YearState::closed).orElse(false)) {
                throw new ApiProblem(HttpStatus.CONFLICT, "FISCAL_YEAR_NOT_CLOSED",
                        "fiscal year " + fiscalYear + " is not closed for " + closeId + ": nothing to reopen");
            }
            send(new ReopenFiscalYear(closeId, caller.principal(), reason), caller);
            jdbc.update("UPDATE fiscal_year_close SET closed = false, reopened = true WHERE close_id = ?", closeId);
            return lastSequenceOf(closeId);
        });
        closedYears.forget();
        return sequence;
    }

    /** Every close and reopen of the year recorded up to {@code knownAt} (all when null), oldest first. */
    public List<Entry> history(int fiscalYear, String departmentCode, String unitCode, Instant knownAt) {
        return jdbc.query("""
                        SELECT global_index, time_stamp, payload, payload_type, payload_revision
                        FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""",
                (rs, n) -> new Entry(rs.getLong(1), Instant.parse(rs.getString(2)),
                        serializer.deserialize(new SimpleSerializedObject<>(rs.getBytes(3), byte[].class,
                                rs.getString(4), rs.getString(5)))),
                YearClose.closeId(fiscalYear, departmentCode, unitCode))
                .stream().filter(e -> knownAt == null || !e.recordedAt().isAfter(knownAt)).toList();
    }

    private static Map<String, Object> metaData(Caller caller) {
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(AxonConfiguration.POSTED_BY, caller.principal());
        if (caller.correlationId() != null) {
            metaData.put(AxonConfiguration.CORRELATION_ID, caller.correlationId());
        }
        return metaData;
    }

    /** The global index of the aggregate's newest event, in the transaction that stored it. */
    private long lastSequenceOf(String closeId) {
        return jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, closeId);
    }

    private long head() {
        return jdbc.queryForObject("SELECT COALESCE(max(global_index), 0) FROM domain_event_entry", Long.class);
    }

    private void send(Object command, Caller caller) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                    .andMetaData(metaData(caller)));
        } catch (RuntimeException e) {
            unitOfWork.rollback(e);
            throw e;
        }
        unitOfWork.commit();
    }
}
