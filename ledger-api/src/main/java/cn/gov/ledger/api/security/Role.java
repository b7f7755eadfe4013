package cn.gov.ledger.api.security;

/** What an API key may do. */
public enum Role {
    /** posts to the units listed with its key, and reads */
    POSTER,
    /** reads balances, rates and reports */
    VIEWER,
    /** reads, and the audit endpoints */
    AUDITOR,
    /** everything: reference data, year-end close, operations */
    ADMIN
}
