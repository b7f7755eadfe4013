package cn.gov.ledger.api.posting;

/** The kinds of posting, as the batch endpoint names them in {@code type}. */
public enum PostingType {
    APPROPRIATION, ADJUSTMENT, TRANSFER, INCOME, EXPENDITURE, REVERSAL, CARRY_FORWARD,
    /** 调账: an expenditure moved to another indicator. */
    EXPENDITURE_MOVE
}
