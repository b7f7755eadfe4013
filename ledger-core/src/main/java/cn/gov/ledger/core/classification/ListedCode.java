package cn.gov.ledger.core.classification;

/**
 * One code of a code list with its published name. In an economic list (部门预算支出经济分类) a code
 * also names the 政府预算支出经济分类 code it maps to for 行政单位 and 参照公务员法管理事业单位
 * ({@code governmentCode}) and for 事业单位 ({@code institutionGovernmentCode}); null where not given
 * and in the other lists.
 */
public record ListedCode(String code, String name, String governmentCode, String institutionGovernmentCode) {

    public ListedCode(String code, String name) {
        this(code, name, null, null);
    }

    /** The code one level up (款 → 类, 项 → 款), or null for a 类. */
    public String parent() {
        return code.length() > 3 ? code.substring(0, code.length() - 2) : null;
    }
}
