package cn.gov.ledger.projections.reporting;

import cn.gov.ledger.core.money.Money;
import java.util.List;
import java.util.Map;

/**
 * One published table: its title, columns and rows, amounts exact in 元 (rounding to 万元 is the
 * caller's, cell by cell).
 */
public record ReportTable(String title, boolean empty, List<Column> columns, List<Row> rows) {

    public record Column(String key, String title) {
    }

    /**
     * @param section {@code income} or {@code expenditure} on the two-sided tables 01 and 04
     * @param group   on table 06 {@code personnel}, {@code public} or {@code total}; on table 04
     *                {@code carriedIn} for the sub-rows of 年初财政拨款结转和结余
     * @param code    the 类/款/项 or economic code, where the row has one
     */
    public record Row(String section, String group, String code, String name, Map<String, Money> cells) {
    }

    static ReportTable of(String title, List<Column> columns, List<Row> rows) {
        boolean empty = rows.stream().allMatch(r -> r.cells().values().stream().allMatch(Money::isZero));
        return new ReportTable(title, empty, columns, rows);
    }
}
