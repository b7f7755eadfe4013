package cn.gov.ledger.core.indicator;

/** The rule of 调剂 that refused a transfer ({@code TRANSFER_NOT_ALLOWED}, detail {@code rule}). */
public enum TransferRule {
    /** The same indicator on both sides. */
    TWO_INDICATORS,
    SAME_FISCAL_YEAR,
    SAME_UNIT,
    /** 专款专用: money of one fund source (资金性质) stays with it. */
    SAME_FUND_SOURCE,
    /** Between kinds of expenditure (基本支出, 项目支出) only when the request says {@code acrossKinds}. */
    SAME_KIND,
    /** The request says {@code acrossKinds}, but the ledger is not configured to allow it. */
    ACROSS_KINDS_ENABLED
}
