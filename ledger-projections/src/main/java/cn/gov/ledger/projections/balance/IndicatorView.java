package cn.gov.ledger.projections.balance;

import cn.gov.ledger.core.indicator.IndicatorFigures;

/** An indicator as the read model knows it at a point in time. */
public record IndicatorView(String indicatorId,
                            int fiscalYear,
                            String unitCode,
                            String fundSource,
                            String functionalCode,
                            String kind,
                            String projectCode,
                            String projectName,
                            String economicCode,
                            String sourceIndicatorId,
                            boolean closed,
                            IndicatorFigures figures) {
}
