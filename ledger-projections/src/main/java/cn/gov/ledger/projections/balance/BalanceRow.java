package cn.gov.ledger.projections.balance;

import cn.gov.ledger.core.indicator.IndicatorFigures;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The figures of one group of a balances or execution-rates read, keyed by its dimensions. */
public record BalanceRow(Map<String, String> key, IndicatorFigures figures) {

    /**
     * The rows with their keys mapped (each gets a copy it may change) and the rows that then share
     * a key summed into one, in key order (nulls first).
     */
    public static List<BalanceRow> regrouped(List<BalanceRow> rows, UnaryOperator<Map<String, String>> mapping) {
        Map<Map<String, String>, IndicatorFigures> merged = new LinkedHashMap<>();
        for (BalanceRow row : rows) {
            merged.merge(mapping.apply(new LinkedHashMap<>(row.key())), row.figures(), BalanceRow::sum);
        }
        List<BalanceRow> regrouped = new ArrayList<>();
        merged.forEach((key, figures) -> regrouped.add(new BalanceRow(key, figures)));
        regrouped.sort(Comparator.comparing(r -> String.join("\u0000", r.key().values().stream()
                .map(v -> v == null ? "" : "\u0001" + v).toList())));
        return regrouped;
    }

    private static IndicatorFigures sum(IndicatorFigures a, IndicatorFigures b) {
        return new IndicatorFigures(a.initial().plus(b.initial()), a.adjustments().plus(b.adjustments()),
                a.carriedIn().plus(b.carriedIn()), a.income().plus(b.income()), a.spent().plus(b.spent()),
                a.surplusUsed().plus(b.surplusUsed()), a.allocated().plus(b.allocated()));
    }
}
