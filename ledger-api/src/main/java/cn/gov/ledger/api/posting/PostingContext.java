package cn.gov.ledger.api.posting;

import java.util.Optional;

/** What validating a posting needs to know beyond the request itself. */
interface PostingContext {

    boolean unitExists(String unitCode);

    /** The indicator an accepted expenditure was posted to. */
    Optional<String> indicatorOfExpenditure(String expenditureId);
}
