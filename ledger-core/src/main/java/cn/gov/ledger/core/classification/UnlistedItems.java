package cn.gov.ledger.core.classification;

/**
 * What a functional 项 that its year's list does not hold gets, when its 款 is listed
 * ({@code ledger.classifications.unlisted-items}). An unlisted 款 or 类 is always refused.
 */
public enum UnlistedItems {
    /** Accepted, and reported under its code, while the year's functional list is marked incomplete. */
    ACCEPT_WHILE_INCOMPLETE,
    /** Refused: only listed 项 are posted to. */
    REFUSE
}
