package cn.gov.ledger.core.yearend;

/** A closed fiscal year of a department or a unit was reopened: postings effective in it are accepted again. */
public record FiscalYearReopened(int fiscalYear, String departmentCode, String unitCode, String reopenedBy,
                                 String reason) {
}
