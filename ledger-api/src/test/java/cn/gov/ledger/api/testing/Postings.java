package cn.gov.ledger.api.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Request bodies of the posting endpoints, valid as they stand for a BASIC indicator of 2024 (one
 * effective date per kind of posting), and mutable so that a test can change or remove a field.
 * The items of {@code POST /api/v1/postings:batch} carry their type first and, in the body, the id
 * the single endpoint takes from its path.
 */
public final class Postings {

    private Postings() {
    }

    /** {@code POST /api/v1/indicators}: a BASIC indicator of 2024 under 2150501, general budget. */
    public static Map<String, Object> appropriation(String indicator, String unit, String amount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("indicatorId", indicator);
        body.put("fiscalYear", 2024);
        body.put("unitCode", unit);
        body.put("fundSource", "GENERAL_BUDGET");
        body.put("functionalCode", "2150501");
        body.put("kind", "BASIC");
        body.put("amount", amount);
        body.put("effectiveDate", "2024-01-05");
        return body;
    }

    /** {@code POST /api/v1/expenditures}: office expenses (30201). */
    public static Map<String, Object> expenditure(String expenditureId, String indicator, String amount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("expenditureId", expenditureId);
        body.put("indicatorId", indicator);
        body.put("amount", amount);
        body.put("economicCode", "30201");
        body.put("effectiveDate", "2024-02-01");
        return body;
    }

    /** {@code POST /api/v1/indicators/{id}/incomes}. */
    public static Map<String, Object> income(String incomeId, String amount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("incomeId", incomeId);
        body.put("amount", amount);
        body.put("effectiveDate", "2024-03-01");
        return body;
    }

    /** {@code POST /api/v1/indicators/{id}/surplus-uses}: 使用非财政拨款结余. */
    public static Map<String, Object> surplusUse(String useId, String amount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("useId", useId);
        body.put("amount", amount);
        body.put("effectiveDate", "2024-06-30");
        body.put("reason", "动用事业结余");
        return body;
    }

    /** {@code POST /api/v1/indicators/{id}/surplus-allocations}: 结余分配. */
    public static Map<String, Object> surplusAllocation(String allocationId, String amount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("allocationId", allocationId);
        body.put("amount", amount);
        body.put("effectiveDate", "2024-12-31");
        body.put("reason", "提取专用基金");
        return body;
    }

    /** {@code POST /api/v1/indicators/{id}/adjustments}: 追加 (or, negative, a cut). */
    public static Map<String, Object> adjustment(String adjustmentId, String amount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("adjustmentId", adjustmentId);
        body.put("amount", amount);
        body.put("reason", "追加");
        body.put("effectiveDate", "2024-04-01");
        return body;
    }

    /** {@code POST /api/v1/transfers}: 调剂 from one indicator to another. */
    public static Map<String, Object> transfer(String transferId, String from, String to, String amount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("transferId", transferId);
        body.put("fromIndicatorId", from);
        body.put("toIndicatorId", to);
        body.put("amount", amount);
        body.put("reason", "调剂");
        body.put("effectiveDate", "2024-05-01");
        return body;
    }

    /** A transfer with the document that decided it. */
    public static Map<String, Object> transfer(String transferId, String from, String to, String amount,
                                               String documentRef) {
        Map<String, Object> body = transfer(transferId, from, to, amount);
        body.put("documentRef", documentRef);
        return body;
    }

    /** {@code POST /api/v1/expenditures/{id}/reversals}: 红字冲销 of the amount, or with null of what is left. */
    public static Map<String, Object> reversal(String reversalId, String amount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reversalId", reversalId);
        if (amount != null) {
            body.put("amount", amount);
        }
        body.put("reason", "红字冲销");
        body.put("effectiveDate", "2024-06-01");
        return body;
    }

    /**
     * {@code POST /api/v1/indicators/{id}/carry-forward} at the year's end: the carry-over amount, or
     * with null the default split, and what becomes of the surplus (CARRY or RECAPTURE).
     */
    public static Map<String, Object> carryForward(String target, String carryOver, String disposition) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("targetIndicatorId", target);
        if (carryOver != null) {
            body.put("carryOverAmount", carryOver);
        }
        body.put("surplusDisposition", disposition);
        body.put("effectiveDate", "2024-12-31");
        return body;
    }

    // ------------------------------------------------------------------ POST /api/v1/postings:batch

    @SafeVarargs
    public static Map<String, Object> batch(boolean atomic, Map<String, Object>... postings) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("atomic", atomic);
        body.put("postings", List.of(postings));
        return body;
    }

    public static Map<String, Object> appropriationItem(String indicator, String unit, String amount) {
        return item("APPROPRIATION", appropriation(indicator, unit, amount));
    }

    public static Map<String, Object> expenditureItem(String expenditureId, String indicator, String amount) {
        return item("EXPENDITURE", expenditure(expenditureId, indicator, amount));
    }

    public static Map<String, Object> incomeItem(String incomeId, String indicator, String amount) {
        return item("INCOME", "indicatorId", indicator, income(incomeId, amount));
    }

    public static Map<String, Object> adjustmentItem(String adjustmentId, String indicator, String amount) {
        return item("ADJUSTMENT", "indicatorId", indicator, adjustment(adjustmentId, amount));
    }

    public static Map<String, Object> transferItem(String transferId, String from, String to, String amount) {
        return item("TRANSFER", transfer(transferId, from, to, amount));
    }

    public static Map<String, Object> reversalItem(String reversalId, String expenditureId, String amount) {
        return item("REVERSAL", "expenditureId", expenditureId, reversal(reversalId, amount));
    }

    public static Map<String, Object> surplusUseItem(String useId, String indicator, String amount) {
        return item("SURPLUS_USE", "indicatorId", indicator, surplusUse(useId, amount));
    }

    public static Map<String, Object> surplusAllocationItem(String allocationId, String indicator, String amount) {
        return item("SURPLUS_ALLOCATION", "indicatorId", indicator, surplusAllocation(allocationId, amount));
    }

    /** The whole balance carried into the target, the surplus with it. */
    public static Map<String, Object> carryForwardItem(String indicator, String target) {
        return item("CARRY_FORWARD", "indicatorId", indicator, carryForward(target, null, "CARRY"));
    }

    /** A posting's body as an item of a batch: its type first. */
    public static Map<String, Object> item(String type, Map<String, Object> body) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("type", type);
        item.putAll(body);
        return item;
    }

    /** As {@link #item(String, Map)}, with the id the single endpoint takes from its path (null stays null). */
    private static Map<String, Object> item(String type, String pathField, String pathValue, Map<String, Object> body) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("type", type);
        item.put(pathField, pathValue);
        item.putAll(body);
        return item;
    }
}
