package cn.gov.ledger.core.unit;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Gives a registered unit new attributes from {@code effectiveDate} on, until its next change
 * effective later, if any (a move to another department, a new name or type, another parent).
 */
public record ChangeUnit(String unitCode, UnitAttributes attributes, LocalDate effectiveDate) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return BudgetUnit.aggregateId(unitCode);
    }
}
