package cn.gov.ledger.api.yearend;

import cn.gov.ledger.core.money.Money;
import cn.gov.ledger.core.yearend.CloseDecision;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A close's decision as the answers show it: amounts in yuan, 结转 carryOver, 结余 surplus, 收回 recaptured. */
public final class CloseAnswers {

    public static final List<String> COLUMNS = List.of("indicatorId", "outcome", "fundsBalance", "carryOver",
            "surplus", "recaptured", "targetIndicatorId", "reason", "remedy");

    private CloseAnswers() {
    }

    public static Map<String, Object> decision(CloseDecision d) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("indicatorId", d.indicatorId());
        row.put("outcome", d.outcome().name());
        row.put("fundsBalance", yuan(d.fundsBalance()));
        row.put("carryOver", yuan(d.carryOver()));
        row.put("surplus", yuan(d.surplus()));
        row.put("recaptured", yuan(d.recaptured()));
        row.put("targetIndicatorId", d.targetIndicatorId());
        row.put("reason", d.reason());
        row.put("remedy", d.remedy());
        return row;
    }

    private static String yuan(Money amount) {
        return amount == null ? null : amount.toString();
    }
}
