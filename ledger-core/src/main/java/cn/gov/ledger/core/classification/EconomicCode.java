package cn.gov.ledger.core.classification;

import java.util.regex.Pattern;

/**
 * A code of the economic classification of departmental expenditure (部门预算支出经济分类科目):
 * 类 (3 digits) or 款 (5). Expenditures carry a 款.
 */
public record EconomicCode(String value) {

    private static final Pattern FORMAT = Pattern.compile("\\d{3}|\\d{5}");

    public EconomicCode {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("economic code must have 3 or 5 digits");
        }
    }

    public boolean isSection() {
        return value.length() == 5;
    }

    /** 类, e.g. 302. */
    public String classCode() {
        return value.substring(0, 3);
    }

    /** 人员经费 are the 类 301 and 303; everything else in basic expenditure is 公用经费. */
    public boolean isPersonnel() {
        return value.startsWith("301") || value.startsWith("303");
    }

    @Override
    public String toString() {
        return value;
    }
}
