package cn.gov.ledger.core.yearend;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Closes a fiscal year of a department or a unit (exactly one given) once its carry-forwards are
 * posted: records every decision of the close and locks the year.
 *
 * @param decidedAtSequence the ledger's sequence the decisions were made on (after the close's carry-forwards)
 */
public record CloseFiscalYear(@TargetAggregateIdentifier String closeId, int fiscalYear, String departmentCode,
                              String unitCode, String closedBy, long decidedAtSequence,
                              List<CloseDecision> decisions) {
}
