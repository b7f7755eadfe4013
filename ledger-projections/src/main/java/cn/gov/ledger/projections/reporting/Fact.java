package cn.gov.ledger.projections.reporting;

import cn.gov.ledger.core.indicator.ExpenditureKind;
import cn.gov.ledger.core.indicator.FundSource;
import cn.gov.ledger.core.indicator.Figure;

/**
 * The finest grain the year-end report needs: the sum, in 分, of one figure of the indicators of
 * one fund source, 项 and kind, with one economic code (the expenditure's, or for budget and
 * income the indicator's restriction; null when there is none).
 */
public record Fact(FundSource fundSource, String functionalCode, ExpenditureKind kind, String economicCode,
                   Figure figure, long fen) {
}
