package cn.gov.ledger.core.unit;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Registers a budget unit (预算单位) with its attributes from {@code effectiveDate} on. */
public record RegisterUnit(String unitCode, UnitAttributes attributes, LocalDate effectiveDate) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return BudgetUnit.aggregateId(unitCode);
    }
}
