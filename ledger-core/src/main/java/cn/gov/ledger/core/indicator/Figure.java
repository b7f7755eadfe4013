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
    SPENT,
    /** 使用非财政拨款结余: a source of funds in the year, not income */
    SURPLUS_USED,
    /** 结余分配: taken from the funds balance, not spending */
    ALLOCATED;

    /** How a movement of this figure changes authority left (budget − spent): +1, −1 or 0. */
    int authoritySign() {
        return switch (this) {
            case INITIAL, ADJUSTMENT, CARRIED_IN -> 1;
            case SPENT -> -1;
            case INCOME, SURPLUS_USED, ALLOCATED -> 0;
        };
    }
}
