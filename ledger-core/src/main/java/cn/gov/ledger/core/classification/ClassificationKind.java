package cn.gov.ledger.core.classification;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of code list, each kept per fiscal year; {@link #key()} is the name in paths and file names. */
public enum ClassificationKind {
    /** 支出功能分类科目: 类 (3 digits), 款 (5), 项 (7). */
    FUNCTIONAL("functional", 7),
    /** 部门预算支出经济分类科目: 类 (3), 款 (5), each 款 mapped to a 政府预算支出经济分类 code. */
    ECONOMIC("economic", 5),
    /** 政府预算支出经济分类科目: 类 (3), 款 (5). */
    GOVERNMENT_ECONOMIC("government-economic", 5);

    private final String key;
    private final int longestCode;

    ClassificationKind(String key, int longestCode) {
        this.key = key;
        this.longestCode = longestCode;
    }

    /** e.g. {@code government-economic}: the path segment and the shipped file's name without .csv. */
    public String key() {
        return key;
    }

    /** Codes of this kind have 3, 5 (or, functional, 7) digits. */
    public boolean isWellFormed(String code) {
        return code != null && code.length() <= longestCode && (code.length() == 3 || code.length() == 5
                || code.length() == 7) && code.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /**
     * The identifier of the {@link ClassificationList} of this kind and year, e.g.
     * {@code functional@2025}: an aggregate identifier no indicator can have, as indicator ids
     * may not contain {@code @}.
     */
    public String listId(int fiscalYear) {
        return key + "@" + fiscalYear;
    }

    public static Optional<ClassificationKind> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
