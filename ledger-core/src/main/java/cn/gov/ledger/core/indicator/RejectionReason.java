package cn.gov.ledger.core.indicator;

/**
 * Why the ledger refuses a command, carried by a {@link LedgerRejection}; the names are the stable
 * problem codes clients see.
 */
public enum RejectionReason {
    INDICATOR_NOT_FOUND,
    EXPENDITURE_NOT_FOUND,
    /** 无预算不支出: the authority left is smaller than the amount. */
    BUDGET_EXCEEDED,
    /** An adjustment would bring the budget below what is already spent. */
    BUDGET_BELOW_SPENT,
    INDICATOR_CLOSED,
    REVERSAL_EXCEEDS_EXPENDITURE,
    /** The expenditure's economic code is outside the indicator's restriction. */
    ECONOMIC_CODE_NOT_ALLOWED,
    EFFECTIVE_DATE_OUTSIDE_FISCAL_YEAR,
    /** The effective date is before the indicator exists (its appropriation or first carry-in). */
    EFFECTIVE_DATE_BEFORE_INDICATOR,
    /** A reversal's effective date is before the expenditure it reverses. */
    EFFECTIVE_DATE_BEFORE_EXPENDITURE,
    UNKNOWN_CODE,
    /** The amount is not allowed for this command (zero, or negative where it must be positive). */
    INVALID_AMOUNT,
    /** The same id with other content. */
    ID_CONFLICT,
    /**
     * Transfers only move authority between two indicators of the same unit, fiscal year and fund
     * source, and of the same kind unless asked for and allowed; the detail {@code rule} names the
     * rule ({@link TransferRule}).
     */
    TRANSFER_NOT_ALLOWED,
    /** The carry-over and surplus do not add up to the funds balance. */
    CARRY_FORWARD_SPLIT_INVALID,
    /** Basic expenditure only carries over; it leaves no surplus. */
    SURPLUS_ON_BASIC_INDICATOR,
    /** The target of a carry-forward is not next year's indicator of the same attributes. */
    CARRY_FORWARD_TARGET_INVALID,
    /**
     * An expenditure moves only to another indicator of the same unit and fiscal year; the detail
     * {@code rule} names the rule ({@link TransferRule}: TWO_INDICATORS, SAME_FISCAL_YEAR, SAME_UNIT).
     */
    MOVE_NOT_ALLOWED,
    /** Nothing is left of the expenditure to move: it was reversed wholly. */
    NOTHING_LEFT_TO_MOVE,
    /** A change of a budget unit that was never registered. */
    UNIT_NOT_FOUND,
    /** A budget unit registered a second time. */
    UNIT_ALREADY_REGISTERED,
    /** A change of a budget unit effective before the unit's registration. */
    CHANGE_BEFORE_REGISTRATION,
    /** A budget unit named as its own parent. */
    UNIT_PARENT_INVALID,
    /** A correction of an indicator whose unit's fiscal year is closed (see {@link YearLock}). */
    FISCAL_YEAR_CLOSED,
    /** An income reversal (收入冲销) names an income that is not on the indicator. */
    INCOME_NOT_FOUND,
    /** An income reversal is effective before the income it reverses. */
    EFFECTIVE_DATE_BEFORE_INCOME,
    /** An income reversal takes back more than what is left of the income. */
    REVERSAL_EXCEEDS_INCOME,
    /** A correction of an appropriation's amount on an indicator that was opened by a carry-in, not appropriated. */
    APPROPRIATION_NOT_FOUND,
    /**
     * 使用非财政拨款结余 and 结余分配 are for indicators of a non-appropriation fund source only
     * (not {@link FundSource#isAppropriation()}).
     */
    FUND_SOURCE_NOT_NON_FISCAL,
    /** 结余分配 of more than the funds balance. */
    ALLOCATION_EXCEEDS_BALANCE
}
