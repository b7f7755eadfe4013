package cn.gov.ledger.core.indicator;

/**
 * Whether a unit's fiscal year is closed (结账): its year-end close recorded and not reopened. The
 * write path refuses a posting effective in a closed year before it reaches the indicator; a
 * correction without an effective date of its own (CorrectAppropriation) asks here, by its
 * indicator's unit and year.
 */
public interface YearLock {

    boolean isClosed(String unitCode, int fiscalYear);
}
