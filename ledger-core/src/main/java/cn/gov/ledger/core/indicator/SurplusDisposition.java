package cn.gov.ledger.core.indicator;

/** What happens at year end to the surplus (结余) of an indicator. */
public enum SurplusDisposition {
    /** carried into next year's indicator with the carry-over */
    CARRY,
    /** taken back by the finance department (收回) */
    RECAPTURE
}
