package cn.gov.ledger.core.yearend;

import java.util.List;

/** A fiscal year of a department or a unit was closed (年终结账): it is locked, with every decision of the close. */
public record FiscalYearClosed(int fiscalYear, String departmentCode, String unitCode, String closedBy,
                               long closedAtSequence, List<CloseDecision> decisions) {
}
