package cn.gov.ledger.core.yearend;

import java.util.List;

/**
 * A fiscal year of a department or a unit was closed (年终结账): it is locked, with every decision of the close.
 *
 * @param decidedAtSequence the ledger's sequence the decisions were made on (after the close's carry-forwards)
 */
public record FiscalYearClosed(int fiscalYear, String departmentCode, String unitCode, String closedBy,
                               long decidedAtSequence, List<CloseDecision> decisions) {
}
