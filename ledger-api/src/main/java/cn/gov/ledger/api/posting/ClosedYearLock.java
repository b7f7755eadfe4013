package cn.gov.ledger.api.posting;

import java.time.LocalDate;

/**
 * The lock of closed fiscal years on the write path: a posting effective in a year that is closed
 * for its indicator's unit (or that unit's department) is refused. Implemented by the year-end
 * feature, which knows the closes; asked by {@link PostingWriter} for every new posting.
 */
public interface ClosedYearLock {

    /** Throws 409 FISCAL_YEAR_CLOSED when the year of {@code effectiveDate} is closed for the unit. */
    void requireOpen(String unitCode, LocalDate effectiveDate);
}
