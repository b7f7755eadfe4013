package cn.gov.ledger.core.classification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One code list of one fiscal year: its codes with their names, in code order; whether it is
 * complete (a list loaded at run time always is; a shipped one says so in its header); and where
 * it comes from: the document a shipped list names, or who loaded it and when.
 */
public final class CodeList {

    private final ClassificationKind kind;
    private final int fiscalYear;
    private final Map<String, ListedCode> codes;
    private final boolean complete;
    private final String source;
    private final String loadedBy;
    private final Instant loadedAt;

    private CodeList(ClassificationKind kind, int fiscalYear, Collection<ListedCode> codes, boolean complete,
                     String source, String loadedBy, Instant loadedAt) {
        this.kind = kind;
        this.fiscalYear = fiscalYear;
        Map<String, ListedCode> byCode = new TreeMap<>();
        codes.forEach(c -> byCode.put(c.code(), c));
        this.codes = Collections.unmodifiableMap(byCode);
        this.complete = complete;
        this.source = source;
        this.loadedBy = loadedBy;
        this.loadedAt = loadedAt;
    }

    /** A list shipped with the service, taken from the document {@code source} names. */
    public static CodeList shipped(ClassificationKind kind, int fiscalYear, Collection<ListedCode> codes,
                                   boolean complete, String source) {
        return new CodeList(kind, fiscalYear, codes, complete, source, null, null);
    }

    /** A list an ADMIN loaded: the official one, complete by definition. */
    public static CodeList loaded(ClassificationKind kind, int fiscalYear, Collection<ListedCode> codes,
                                  String loadedBy, Instant loadedAt) {
        return new CodeList(kind, fiscalYear, codes, true, "loaded by " + loadedBy + " at " + loadedAt,
                loadedBy, loadedAt);
    }

    /**
     * What is wrong with these codes as a list of this kind, each problem with the code's position
     * in {@code codes}: a code of the wrong length or not digits, a code twice, a name missing, a
     * 款 or 项 whose parent (类, 款) is not in the list, a government code of the wrong form.
     * Empty when the list is sound.
     */
    public static List<Problem> problems(ClassificationKind kind, List<ListedCode> codes) {
        List<Problem> problems = new ArrayList<>();
        Set<String> all = new HashSet<>();
        codes.forEach(c -> all.add(c.code()));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < codes.size(); i++) {
            ListedCode c = codes.get(i);
            if (!kind.isWellFormed(c.code())) {
                problems.add(new Problem(i, c.code(), kind == ClassificationKind.FUNCTIONAL
                        ? "a functional code has 3, 5 or 7 digits" : "an economic code has 3 or 5 digits"));
                continue;
            }
            if (!seen.add(c.code())) {
                problems.add(new Problem(i, c.code(), "code " + c.code() + " is listed twice"));
            }
            if (c.name() == null || c.name().isBlank()) {
                problems.add(new Problem(i, c.code(), "code " + c.code() + " has no name"));
            }
            if (c.parent() != null && !all.contains(c.parent())) {
                problems.add(new Problem(i, c.code(), "code " + c.code() + " is not under a listed " + c.parent()));
            }
            for (String government : new String[] {c.governmentCode(), c.institutionGovernmentCode()}) {
                if (government != null && (kind != ClassificationKind.ECONOMIC
                        || !ClassificationKind.GOVERNMENT_ECONOMIC.isWellFormed(government))) {
                    problems.add(new Problem(i, c.code(), kind == ClassificationKind.ECONOMIC
                            ? "government code " + government + " must have 3 or 5 digits"
                            : "only an economic list maps codes to government codes"));
                }
            }
        }
        return problems;
    }

    /** A problem of a list: the code at {@code index} of the list as given. */
    public record Problem(int index, String code, String problem) {
    }

    public ClassificationKind kind() {
        return kind;
    }

    public int fiscalYear() {
        return fiscalYear;
    }

    public boolean complete() {
        return complete;
    }

    /** The document a shipped list is taken from, or "loaded by X at T". */
    public String source() {
        return source;
    }

    /** Who loaded the list, null for a shipped one. */
    public Optional<String> loadedBy() {
        return Optional.ofNullable(loadedBy);
    }

    /** When the list was loaded, null for a shipped one. */
    public Optional<Instant> loadedAt() {
        return Optional.ofNullable(loadedAt);
    }

    public boolean contains(String code) {
        return codes.containsKey(code);
    }

    public Optional<String> name(String code) {
        ListedCode listed = codes.get(code);
        return listed == null ? Optional.empty() : Optional.of(listed.name());
    }

    /** Every code, in code order. */
    public Collection<ListedCode> codes() {
        return codes.values();
    }

    /**
     * The 政府预算支出经济分类 code an economic 款 of this (economic) list maps to: the mapping for
     * 事业单位 when {@code publicInstitution}, else the one for 行政单位 and 参照公务员法管理事业单位;
     * empty when the 款 is not listed or has no mapping.
     */
    public Optional<String> governmentCode(EconomicCode section, boolean publicInstitution) {
        ListedCode listed = codes.get(section.value());
        if (listed == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(publicInstitution && listed.institutionGovernmentCode() != null
                ? listed.institutionGovernmentCode() : listed.governmentCode());
    }
}
