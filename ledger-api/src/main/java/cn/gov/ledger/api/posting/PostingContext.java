package cn.gov.ledger.api.posting;

import cn.gov.ledger.core.classification.Classifications;
import java.util.Optional;

/** What validating a posting needs to know beyond the request itself. */
interface PostingContext {

    boolean unitExists(String unitCode);

    /** The code lists of every fiscal year. */
    Classifications classifications();

    /** The indicator an accepted expenditure is on: where it was posted, or moved to last. */
    Optional<String> indicatorOfExpenditure(String expenditureId);

    /** The indicator an accepted income was posted to. */
    Optional<String> indicatorOfIncome(String incomeId);
}
