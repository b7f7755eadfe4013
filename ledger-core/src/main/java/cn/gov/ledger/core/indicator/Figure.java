package cn.gov.ledger.core.indicator;

/** Which running figure of an indicator a movement changes. */
public enum Figure {
    /** 年初预算 */
    INITIAL,
    /** 调整: adjustments, mid-year grants and transfers */
    ADJUSTMENT,
    /** 年初结转和结余 */
    CARRIED_IN,
    /** 收入 */
    INCOME,
    /** 支出, reversals negative */
    SPENT
}
