package cn.gov.ledger.projections.balance;

import java.util.Arrays;
import java.util.Optional;

/** The dimensions balances and rates can be grouped by, with the SQL that yields each. */
public enum Dimension {
    UNIT("unit", "m.unit_code"),
    FUND_SOURCE("fundSource", "i.fund_source"),
    FUNCTIONAL_CLASS("functionalClass", "substr(i.functional_code, 1, 3)"),
    FUNCTIONAL_SECTION("functionalSection", "substr(i.functional_code, 1, 5)"),
    FUNCTIONAL_ITEM("functionalItem", "i.functional_code"),
    ECONOMIC_CLASS("economicClass", "substr(m.economic_code, 1, 3)"),
    ECONOMIC_SECTION("economicSection", "m.economic_code"),
    /**
     * 政府预算支出经济分类: grouped by the economic 款 here, then each 款 mapped through its fiscal
     * year's economic list by its unit's type ({@link BalanceRow#regrouped}).
     */
    GOVERNMENT_ECONOMIC_SECTION("governmentEconomicSection", "m.economic_code"),
    KIND("kind", "i.kind"),
    PROJECT("project", "i.project_code"),
    INDICATOR("indicator", "i.indicator_id");

    private final String key;
    private final String sql;

    Dimension(String key, String sql) {
        this.key = key;
        this.sql = sql;
    }

    /** The name clients use, e.g. {@code functionalItem}. */
    public String key() {
        return key;
    }

    String sql() {
        return sql;
    }

    public static Optional<Dimension> byKey(String key) {
        return Arrays.stream(values()).filter(d -> d.key.equals(key)).findFirst();
    }
}
