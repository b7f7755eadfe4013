package cn.gov.ledger.api.posting;

/**
 * The kinds of posting, as the batch endpoint names them in {@code type} (at most 20 characters:
 * posting_receipt.posting_type). {@code INCOME_REVERSAL} is 收入冲销, {@code AMOUNT_CORRECTION}
 * the correction of an appropriation's amount (更正指标金额).
 */
public enum PostingType {
    APPROPRIATION, ADJUSTMENT, TRANSFER, INCOME, EXPENDITURE, REVERSAL, CARRY_FORWARD,
    INCOME_REVERSAL,
    AMOUNT_CORRECTION,
    /** 调账: an expenditure moved to another indicator. */
    EXPENDITURE_MOVE,
    /** 使用非财政拨款结余 */
    SURPLUS_USE,
    /** 结余分配 */
    SURPLUS_ALLOCATION
}
