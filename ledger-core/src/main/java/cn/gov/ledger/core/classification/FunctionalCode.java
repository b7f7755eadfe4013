package cn.gov.ledger.core.classification;

import java.util.regex.Pattern;

/**
 * A code of the functional classification of expenditure (支出功能分类科目): 类 (3 digits),
 * 款 (5) or 项 (7). Indicators are kept at the level of the 项.
 */
public record FunctionalCode(String value) {

    private static final Pattern FORMAT = Pattern.compile("\\d{3}|\\d{5}|\\d{7}");

    public FunctionalCode {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("functional code must have 3, 5 or 7 digits");
        }
    }

    public boolean isItem() {
        return value.length() == 7;
    }

    /** 类, e.g. 215. */
    public String classCode() {
        return value.substring(0, 3);
    }

    /** 款, e.g. 21505; null for a 类. */
    public String sectionCode() {
        return value.length() >= 5 ? value.substring(0, 5) : null;
    }

    @Override
    public String toString() {
        return value;
    }
}
