package cn.gov.ledger.api.reading;

import cn.gov.ledger.api.web.ApiProblem;
import cn.gov.ledger.projections.balance.Dimension;
import cn.gov.ledger.projections.balance.Scope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The query parameters reads share: the scope and the groupBy dimensions. */
public final class ReadParameters {

    private ReadParameters() {
    }

    public static Scope scope(Integer fiscalYear, String departmentCode, String unitCode) {
        if (fiscalYear == null) {
            throw ApiProblem.validation(Map.of("fiscalYear", "is required"));
        }
        if ((departmentCode == null) == (unitCode == null)) {
            throw ApiProblem.validation(Map.of("departmentCode", "give exactly one of departmentCode and unitCode"));
        }
        return unitCode != null ? Scope.unit(fiscalYear, unitCode) : Scope.department(fiscalYear, departmentCode);
    }

    /** Comma-separated or repeated; default: by unit. */
    static List<Dimension> groupBy(List<String> values) {
        List<Dimension> dimensions = new ArrayList<>();
        if (values == null || values.isEmpty()) {
            return List.of(Dimension.UNIT);
        }
        for (String value : values) {
            for (String key : value.split(",")) {
                Dimension dimension = Dimension.byKey(key.trim()).orElseThrow(() -> ApiProblem.validation(Map.of(
                        "groupBy", "unknown dimension '" + key.trim() + "'; use "
                                + String.join(", ", Arrays.stream(Dimension.values()).map(Dimension::key).toList()))));
                if (!dimensions.contains(dimension)) {
                    dimensions.add(dimension);
                }
            }
        }
        return dimensions;
    }
}
