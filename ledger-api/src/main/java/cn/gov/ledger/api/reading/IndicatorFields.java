package cn.gov.ledger.api.reading;

import cn.gov.ledger.projections.balance.IndicatorView;
import java.util.LinkedHashMap;
import java.util.Map;

/** How an indicator is written in answers, alone or as a row of a list: its attributes, status and figures. */
final class IndicatorFields {

    private IndicatorFields() {
    }

    static Map<String, Object> of(IndicatorView view) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("indicatorId", view.indicatorId());
        fields.put("fiscalYear", view.fiscalYear());
        fields.put("unitCode", view.unitCode());
        fields.put("fundSource", view.fundSource());
        fields.put("functionalCode", view.functionalCode());
        fields.put("kind", view.kind());
        fields.put("projectCode", view.projectCode());
        fields.put("projectName", view.projectName());
        fields.put("economicCode", view.economicCode());
        fields.put("sourceIndicatorId", view.sourceIndicatorId());
        fields.put("status", view.closed() ? "CLOSED" : "OPEN");
        fields.putAll(FigureFields.of(view.figures()));
        return fields;
    }
}
