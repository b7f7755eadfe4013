package cn.gov.ledger.api.reading;

import cn.gov.ledger.core.indicator.IndicatorFigures;
import cn.gov.ledger.core.money.Percentage;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** How figures are written in answers: amounts as strings in 元, rates as percentage strings or null. */
public final class FigureFields {

    private FigureFields() {
    }

    public static Map<String, Object> of(IndicatorFigures f) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("initialBudget", f.initial().toString());
        fields.put("adjustments", f.adjustments().toString());
        fields.put("carriedIn", f.carriedIn().toString());
        fields.put("budget", f.budget().toString());
        fields.put("income", f.income().toString());
        fields.put("spent", f.spent().toString());
        fields.put("surplusUsed", f.surplusUsed().toString());
        fields.put("allocated", f.allocated().toString());
        fields.put("authorityLeft", f.authorityLeft().toString());
        fields.put("fundsBalance", f.fundsBalance().toString());
        fields.put("executionRate", rate(Percentage.of(f.spent(), f.budget()).orElse(null)));
        return fields;
    }

    /** An execution-rates row: spending against the initial and the adjusted budget, and time progress. */
    static Map<String, Object> rates(IndicatorFigures f, BigDecimal timeProgress) {
        BigDecimal executionRate = Percentage.of(f.spent(), f.budget()).orElse(null);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("initialBudget", f.initial().toString());
        fields.put("adjustedBudget", f.budget().toString());
        fields.put("spent", f.spent().toString());
        fields.put("rateOfInitial", rate(Percentage.of(f.spent(), f.initial()).orElse(null)));
        fields.put("executionRate", rate(executionRate));
        fields.put("timeProgress", timeProgress.toPlainString());
        fields.put("lag", executionRate == null ? null : timeProgress.subtract(executionRate).toPlainString());
        return fields;
    }

    private static String rate(BigDecimal percent) {
        return percent == null ? null : percent.toPlainString();
    }
}
