package cn.gov.ledger.core.unit;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import cn.gov.ledger.core.indicator.LedgerRejection;
import cn.gov.ledger.core.indicator.RejectionReason;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * A budget unit (预算单位) as reference data with history: each event is a version of its
 * attributes, effective from a date until the version effective next. What a unit was at a date is
 * the version with the latest effective date on or before it (of two on the same date, the later
 * one). Indicators name their unit by code; which department a unit's figures roll up to follows
 * the unit's version at the date read.
 *
 * <p>Not to be confused with the read side's rows of its versions ({@code UnitVersion} in
 * ledger-projections).
 */
public class BudgetUnit {

    /**
     * The effective date of a unit registered without one: the first day of the first fiscal year
     * the ledger accepts (1990), so every posting of the unit, however old, counts under it.
     */
    public static final LocalDate BEGINNING = LocalDate.of(1990, 1, 1);

    /** The prefix of a unit's aggregate identifier: '@' is in no indicator id, so the two never clash. */
    private static final String PREFIX = "unit@";

    @AggregateIdentifier
    private String aggregateId;
    private String unitCode;
    private final List<UnitEvent> versions = new ArrayList<>();

    protected BudgetUnit() {
        // for Axon: the state comes from the events
    }

    /** The identifier of a unit's aggregate in the event store. */
    public static String aggregateId(String unitCode) {
        return PREFIX + unitCode;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RegisterUnit command) {
        requireNotRegistered(command.unitCode());
        requireEffectiveDate(command.effectiveDate());
        requireParentNotItself(command.unitCode(), command.attributes());
        apply(new UnitRegistered(command.unitCode(), command.attributes(), command.effectiveDate()));
    }

    /** A change that would leave the unit as it was at its date emits nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ChangeUnit command) {
        requireRegistered(command.unitCode());
        requireEffectiveDate(command.effectiveDate());
        requireNotBeforeRegistration(command.effectiveDate());
        requireParentNotItself(command.unitCode(), command.attributes());
        if (!command.attributes().equals(attributesAsOf(command.effectiveDate()))) {
            apply(new UnitChanged(command.unitCode(), command.attributes(), command.effectiveDate()));
        }
    }

    @EventSourcingHandler
    void on(UnitEvent event) {
        aggregateId = aggregateId(event.unitCode());
        unitCode = event.unitCode();
        versions.add(event);
    }

    /** The attributes in effect at {@code date}: the latest version effective on or before it. */
    UnitAttributes attributesAsOf(LocalDate date) {
        UnitEvent found = null;
        for (UnitEvent version : versions) {
            if (!version.effectiveDate().isAfter(date)
                    && (found == null || !version.effectiveDate().isBefore(found.effectiveDate()))) {
                found = version;
            }
        }
        return found == null ? null : found.attributes();
    }

    private void requireNotRegistered(String code) {
        if (unitCode != null) {
            throw new LedgerRejection(RejectionReason.UNIT_ALREADY_REGISTERED, "unit " + code + " is registered already");
        }
    }

    private void requireRegistered(String code) {
        if (unitCode == null) {
            throw new LedgerRejection(RejectionReason.UNIT_NOT_FOUND, "unit " + code + " is not registered");
        }
    }

    private static void requireEffectiveDate(LocalDate effectiveDate) {
        if (effectiveDate == null) {
            throw new IllegalArgumentException("a unit's version needs an effective date");
        }
    }

    private void requireNotBeforeRegistration(LocalDate effectiveDate) {
        LocalDate registered = versions.get(0).effectiveDate();
        if (effectiveDate.isBefore(registered)) {
            throw new LedgerRejection(RejectionReason.CHANGE_BEFORE_REGISTRATION, "unit " + unitCode
                    + " is registered from " + registered + "; a change cannot take effect on " + effectiveDate);
        }
    }

    private static void requireParentNotItself(String code, UnitAttributes attributes) {
        if (code.equals(attributes.parentUnitCode())) {
            throw new LedgerRejection(RejectionReason.UNIT_PARENT_INVALID, "unit " + code + " cannot be its own parent");
        }
    }
}
