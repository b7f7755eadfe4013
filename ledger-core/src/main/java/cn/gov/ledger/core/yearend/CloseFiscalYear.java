package cn.gov.ledger.core.yearend;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Closes a fiscal year of a department or a unit (exactly one given) once its carry-forwards are
 * posted: records every decision of the close and locks the year.
 *
 * @param closedAtSequence the ledger's sequence when the close was recorded
 */
public record CloseFiscalYear(@TargetAggregateIdentifier String closeId, int fiscalYear, String departmentCode,
                              String unitCode, String closedBy, long closedAtSequence,
                              List<CloseDecision> decisions) {
}
