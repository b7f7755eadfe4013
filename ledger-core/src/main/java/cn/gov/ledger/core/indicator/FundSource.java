package cn.gov.ledger.core.indicator;

/** Where the money comes from (资金性质/收入来源). The first three are 财政拨款. */
public enum FundSource {
    /** 一般公共预算财政拨款 */
    GENERAL_BUDGET,
    /** 政府性基金预算财政拨款 */
    GOVERNMENT_FUND,
    /** 国有资本经营预算财政拨款 */
    STATE_CAPITAL,
    /** 上级补助 */
    SUPERIOR_SUBSIDY,
    /** 事业收入 */
    BUSINESS,
    /** 经营收入 */
    OPERATING,
    /** 附属单位上缴 */
    AFFILIATE,
    /** 其他 */
    OTHER;

    /** 财政拨款: appropriations from the three government budgets. */
    public boolean isAppropriation() {
        return this == GENERAL_BUDGET || this == GOVERNMENT_FUND || this == STATE_CAPITAL;
    }
}
