package cn.gov.ledger.projections.balance;

import cn.gov.ledger.core.indicator.IndicatorFigures;
import java.util.Map;

/** The figures of one group of a balances or execution-rates read, keyed by its dimensions. */
public record BalanceRow(Map<String, String> key, IndicatorFigures figures) {
}
