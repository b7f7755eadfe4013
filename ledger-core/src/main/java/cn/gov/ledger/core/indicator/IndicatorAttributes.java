package cn.gov.ledger.core.indicator;

import cn.gov.ledger.core.classification.EconomicCode;
import cn.gov.ledger.core.classification.FunctionalCode;

/**
 * The fixed attributes of a budget indicator: they never change after the first appropriation.
 *
 * @param economicCode the one economic 款 the indicator is restricted to (such as 30217 公务接待费
 *                     for a 三公 limit), or null when it may pay for anything
 */
public record IndicatorAttributes(int fiscalYear,
                                  String unitCode,
                                  FundSource fundSource,
                                  FunctionalCode functionalCode,
                                  ExpenditureKind kind,
                                  String projectCode,
                                  String projectName,
                                  EconomicCode economicCode) {

    /** The same indicator one fiscal year later, as a carry-forward opens it. */
    public IndicatorAttributes nextYear() {
        return new IndicatorAttributes(fiscalYear + 1, unitCode, fundSource, functionalCode, kind,
                projectCode, projectName, economicCode);
    }
}
