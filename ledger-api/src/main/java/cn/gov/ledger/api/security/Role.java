package cn.gov.ledger.api.security;

/** What an API key may do. */
public enum Role {
    /** posts to the units in its key's scope (KeyScope), and reads */
    POSTER,
    /** reads balances, rates and reports (within its key's scope, if it has one) */
    VIEWER,
    /** reads, and the audit endpoints */
    AUDITOR,
    /** everything: reference data, year-end close, operations */
    ADMIN
}
