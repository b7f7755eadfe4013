package cn.gov.ledger.core.indicator;

/** What an indicator pays for. */
public enum ExpenditureKind {
    /** 基本支出: 人员经费 and 公用经费; only carries over at year end, never leaves a surplus. */
    BASIC,
    /** 项目支出, with a project code and name. */
    PROJECT,
    /** 上缴上级支出 */
    REMITTANCE_TO_SUPERIOR,
    /** 经营支出 */
    OPERATING,
    /** 对附属单位补助支出 */
    SUBSIDY_TO_AFFILIATES
}
