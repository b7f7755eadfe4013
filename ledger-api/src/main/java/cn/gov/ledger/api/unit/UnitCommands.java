package cn.gov.ledger.api.unit;

import cn.gov.ledger.api.config.AxonConfiguration;
import cn.gov.ledger.api.infrastructure.eventstore.TimeOrderedIdentifiers;
import cn.gov.ledger.api.reading.LedgerCalendar;
import cn.gov.ledger.api.web.RejectionProblems;
import cn.gov.ledger.core.indicator.LedgerRejection;
import cn.gov.ledger.core.unit.BudgetUnit;
import cn.gov.ledger.core.unit.ChangeUnit;
import cn.gov.ledger.core.unit.RegisterUnit;
import cn.gov.ledger.core.unit.UnitAttributes;
import cn.gov.ledger.projections.unit.UnitVersions;
import java.time.LocalDate;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registers or changes a budget unit, the one path for the API, the demo data and the units left
 * in budget_unit: a unit not yet registered gets RegisterUnit, effective from
 * {@link BudgetUnit#BEGINNING} unless a date is given, so that its postings of any year count
 * under its department; a registered one ChangeUnit, effective today in the ledger's time zone
 * unless a date is given. One transaction holds the check, the event and the unit's new version
 * (unit_version, written as the event is published), so the next request sees it; PUTs of one unit
 * queue on a lock of the transaction, on every node.
 */
@Service
public class UnitCommands {

    /** What a PUT did: registered a new unit (or changed one), effective from {@code effectiveDate}. */
    public record Outcome(boolean registered, LocalDate effectiveDate) {
    }

    private final CommandGateway commands;
    private final UnitVersions versions;
    private final LedgerCalendar calendar;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    UnitCommands(CommandGateway commands, UnitVersions versions, LedgerCalendar calendar, JdbcTemplate jdbc,
                 PlatformTransactionManager transactions) {
        this.commands = commands;
        this.versions = versions;
        this.calendar = calendar;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * @param effectiveDate null for the default: the beginning for a new unit, today for a change
     * @param postedBy      who asked, onto the event's metadata as for postings
     */
    public Outcome put(String unitCode, UnitAttributes attributes, LocalDate effectiveDate, String postedBy,
                       String correlationId) {
        return transaction.execute(status -> {
            lock(unitCode);
            boolean registered = !versions.exists(unitCode);
            LocalDate from = effectiveDate != null ? effectiveDate : registered ? BudgetUnit.BEGINNING : calendar.today();
            Object command = registered ? new RegisterUnit(unitCode, attributes, from)
                    : new ChangeUnit(unitCode, attributes, from);
            send(command, postedBy, correlationId);
            return new Outcome(registered, from);
        });
    }

    /** Registers the unit from the beginning, unless it is registered already. */
    void registerIfNew(String unitCode, UnitAttributes attributes, String postedBy) {
        transaction.executeWithoutResult(status -> {
            lock(unitCode);
            if (!versions.exists(unitCode)) {
                send(new RegisterUnit(unitCode, attributes, BudgetUnit.BEGINNING), postedBy, TimeOrderedIdentifiers.uuid());
            }
        });
    }

    /** Until the transaction ends, on every node sharing the database. */
    private void lock(String unitCode) {
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(hashtext(?))::text", String.class,
                BudgetUnit.aggregateId(unitCode));
    }

    private void send(Object command, String postedBy, String correlationId) {
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of(
                    AxonConfiguration.POSTED_BY, postedBy, AxonConfiguration.CORRELATION_ID, correlationId)));
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof LedgerRejection rejection) {
                    throw RejectionProblems.toProblem(rejection);
                }
            }
            throw e;
        }
    }
}
