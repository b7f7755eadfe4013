package cn.gov.ledger.projections.reporting;

import cn.gov.ledger.core.classification.ClassificationKind;
import cn.gov.ledger.core.classification.Classifications;
import cn.gov.ledger.core.classification.CodeList;
import cn.gov.ledger.core.classification.EconomicCode;
import cn.gov.ledger.core.classification.FunctionalCode;
import cn.gov.ledger.core.indicator.ExpenditureKind;
import cn.gov.ledger.core.indicator.FundSource;
import cn.gov.ledger.core.money.Money;
import cn.gov.ledger.core.indicator.Figure;
import cn.gov.ledger.projections.reporting.ReportTable.Column;
import cn.gov.ledger.projections.reporting.ReportTable.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Builds the nine tables of the final accounts (部门决算) from the report facts, as
 * docs/final-accounts.md describes them. Every cell is an exact sum in 元.
 *
 * <p>It stays one class because the nine tables are one report: they share its line names and
 * summing helpers, and their totals must agree with one another, which is easiest to check in one place.
 */
public final class FinalAccounts {

    private static final String INCOME = "income";
    private static final String EXPENDITURE = "expenditure";
    private static final Map<FundSource, String> INCOME_LINES = new LinkedHashMap<>();
    private static final Map<FundSource, String> APPROPRIATIONS = new LinkedHashMap<>();
    private static final Map<FundSource, String> APPROPRIATION_COLUMN = Map.of(
            FundSource.GENERAL_BUDGET, "general", FundSource.GOVERNMENT_FUND, "fund",
            FundSource.STATE_CAPITAL, "capital");
    /** The 三公 rows of table 09 and their economic codes. */
    private static final Map<String, Set<String>> THREE_PUBLIC = new LinkedHashMap<>();

    static {
        INCOME_LINES.put(FundSource.GENERAL_BUDGET, "一般公共预算财政拨款收入");
        INCOME_LINES.put(FundSource.GOVERNMENT_FUND, "政府性基金预算财政拨款收入");
        INCOME_LINES.put(FundSource.STATE_CAPITAL, "国有资本经营预算财政拨款收入");
        INCOME_LINES.put(FundSource.SUPERIOR_SUBSIDY, "上级补助收入");
        INCOME_LINES.put(FundSource.BUSINESS, "事业收入");
        INCOME_LINES.put(FundSource.OPERATING, "经营收入");
        INCOME_LINES.put(FundSource.AFFILIATE, "附属单位上缴收入");
        INCOME_LINES.put(FundSource.OTHER, "其他收入");
        APPROPRIATIONS.put(FundSource.GENERAL_BUDGET, "一般公共预算财政拨款");
        APPROPRIATIONS.put(FundSource.GOVERNMENT_FUND, "政府性基金预算财政拨款");
        APPROPRIATIONS.put(FundSource.STATE_CAPITAL, "国有资本经营预算财政拨款");
        THREE_PUBLIC.put("合计", Set.of("30212", "30217", "30231", "31013"));
        THREE_PUBLIC.put("因公出国（境）费", Set.of("30212"));
        THREE_PUBLIC.put("公务用车购置及运行费", Set.of("30231", "31013"));
        THREE_PUBLIC.put("公务用车购置费", Set.of("31013"));
        THREE_PUBLIC.put("公务用车运行维护费", Set.of("30231"));
        THREE_PUBLIC.put("公务接待费", Set.of("30217"));
    }

    private final List<Fact> facts;
    private final Optional<CodeList> functional;
    private final Optional<CodeList> economic;

    private FinalAccounts(List<Fact> facts, Optional<CodeList> functional, Optional<CodeList> economic) {
        this.facts = facts;
        this.functional = functional;
        this.economic = economic;
    }

    /**
     * The tables "01" to "09", in order, each row named by the code lists of the report's fiscal
     * year; a code the year's list does not hold (an unlisted 项 accepted while the list is
     * incomplete) is named by its code.
     */
    public static Map<String, ReportTable> build(List<Fact> facts, Classifications lists, int fiscalYear) {
        FinalAccounts report = new FinalAccounts(facts, lists.list(fiscalYear, ClassificationKind.FUNCTIONAL),
                lists.list(fiscalYear, ClassificationKind.ECONOMIC));
        Map<String, ReportTable> tables = new LinkedHashMap<>();
        tables.put("01", report.summary());
        tables.put("02", report.incomeByFunction());
        tables.put("03", report.expenditureByFunction("支出决算表", f -> true, true));
        tables.put("04", report.appropriationSummary());
        tables.put("05", report.expenditureByFunction("一般公共预算财政拨款支出决算表",
                f -> f.fundSource() == FundSource.GENERAL_BUDGET, false));
        tables.put("06", report.basicByEconomicCode());
        tables.put("07", report.fundTable("政府性基金预算财政拨款收入支出决算表", FundSource.GOVERNMENT_FUND));
        tables.put("08", report.fundTable("国有资本经营预算财政拨款收入支出决算表", FundSource.STATE_CAPITAL));
        tables.put("09", report.threePublic());
        return tables;
    }

    // --- 01 收入支出决算总表 ---

    private ReportTable summary() {
        List<Column> columns = List.of(new Column("amount", "金额"));
        List<Row> rows = new ArrayList<>();
        INCOME_LINES.forEach((source, name) ->
                rows.add(line(INCOME, name, sum(f -> f.figure() == Figure.INCOME && f.fundSource() == source))));
        Money income = sum(f -> f.figure() == Figure.INCOME);
        Money surplusUsed = sum(f -> f.figure() == Figure.SURPLUS_USED);
        Money carriedIn = sum(f -> f.figure() == Figure.CARRIED_IN);
        Money total = income.plus(surplusUsed).plus(carriedIn);
        rows.add(line(INCOME, "本年收入合计", income));
        rows.add(line(INCOME, "使用非财政拨款结余", surplusUsed));
        rows.add(line(INCOME, "年初结转和结余", carriedIn));
        rows.add(line(INCOME, "总计", total));
        Money spent = sum(f -> f.figure() == Figure.SPENT);
        Money allocated = sum(f -> f.figure() == Figure.ALLOCATED);
        byClass(f -> f.figure() == Figure.SPENT).forEach((code, amount) -> rows.add(new Row(EXPENDITURE, null, code,
                functionalName(code), Map.of("amount", amount))));
        rows.add(line(EXPENDITURE, "本年支出合计", spent));
        rows.add(line(EXPENDITURE, "结余分配", allocated));
        rows.add(line(EXPENDITURE, "年末结转和结余", total.minus(spent).minus(allocated)));
        rows.add(line(EXPENDITURE, "总计", total));
        return ReportTable.of("收入支出决算总表", columns, rows);
    }

    // --- 02 收入决算表 ---

    private ReportTable incomeByFunction() {
        List<Column> columns = List.of(new Column("total", "本年收入合计"), new Column("appropriation", "财政拨款收入"),
                new Column("superiorSubsidy", "上级补助收入"), new Column("business", "事业收入"),
                new Column("operating", "经营收入"), new Column("affiliate", "附属单位上缴收入"),
                new Column("other", "其他收入"));
        return ReportTable.of("收入决算表", columns, functionalRows(columns, f -> {
            if (f.figure() != Figure.INCOME) {
                return null;
            }
            return switch (f.fundSource()) {
                case GENERAL_BUDGET, GOVERNMENT_FUND, STATE_CAPITAL -> "appropriation";
                case SUPERIOR_SUBSIDY -> "superiorSubsidy";
                case BUSINESS -> "business";
                case OPERATING -> "operating";
                case AFFILIATE -> "affiliate";
                case OTHER -> "other";
            };
        }));
    }

    // --- 03 支出决算表 and 05 一般公共预算财政拨款支出决算表 ---

    private ReportTable expenditureByFunction(String title, Predicate<Fact> scope, boolean allKinds) {
        List<Column> columns = new ArrayList<>(List.of(new Column("total", "本年支出合计"),
                new Column("basic", "基本支出"), new Column("project", "项目支出")));
        if (allKinds) {
            columns.add(new Column("remittance", "上缴上级支出"));
            columns.add(new Column("operatingExpense", "经营支出"));
            columns.add(new Column("subsidy", "对附属单位补助支出"));
        }
        return ReportTable.of(title, columns, functionalRows(columns,
                f -> f.figure() == Figure.SPENT && scope.test(f) ? kindColumn(f.kind()) : null));
    }

    private static String kindColumn(ExpenditureKind kind) {
        return switch (kind) {
            case BASIC -> "basic";
            case PROJECT -> "project";
            case REMITTANCE_TO_SUPERIOR -> "remittance";
            case OPERATING -> "operatingExpense";
            case SUBSIDY_TO_AFFILIATES -> "subsidy";
        };
    }

    // --- 04 财政拨款收入支出决算总表 ---

    private ReportTable appropriationSummary() {
        List<Column> columns = List.of(new Column("total", "小计"), new Column("general", "一般公共预算财政拨款"),
                new Column("fund", "政府性基金预算财政拨款"), new Column("capital", "国有资本经营预算财政拨款"));
        Predicate<Fact> appropriation = f -> f.fundSource().isAppropriation();
        List<Row> rows = new ArrayList<>();
        APPROPRIATIONS.forEach((source, name) -> rows.add(new Row(INCOME, null, null, name,
                bySource(f -> f.figure() == Figure.INCOME && f.fundSource() == source))));
        rows.add(new Row(INCOME, null, null, "本年收入合计",
                bySource(f -> f.figure() == Figure.INCOME && appropriation.test(f))));
        rows.add(new Row(INCOME, null, null, "年初财政拨款结转和结余",
                bySource(f -> f.figure() == Figure.CARRIED_IN && appropriation.test(f))));
        APPROPRIATIONS.forEach((source, name) -> rows.add(new Row(INCOME, "carriedIn", null, name,
                bySource(f -> f.figure() == Figure.CARRIED_IN && f.fundSource() == source))));
        Predicate<Fact> funds = f -> appropriation.test(f)
                && (f.figure() == Figure.INCOME || f.figure() == Figure.CARRIED_IN);
        rows.add(new Row(INCOME, null, null, "总计", bySource(funds)));
        Map<String, Map<String, Money>> byClass = new TreeMap<>();
        for (Fact f : facts) {
            if (f.figure() == Figure.SPENT && appropriation.test(f)) {
                Map<String, Money> cells = byClass.computeIfAbsent(f.functionalCode().substring(0, 3),
                        c -> emptyCells(columns));
                add(cells, "total", f.fen());
                add(cells, APPROPRIATION_COLUMN.get(f.fundSource()), f.fen());
            }
        }
        byClass.forEach((code, cells) -> rows.add(new Row(EXPENDITURE, null, code, functionalName(code), cells)));
        Map<String, Money> spent = bySource(f -> f.figure() == Figure.SPENT && appropriation.test(f));
        Map<String, Money> closing = new LinkedHashMap<>();
        Map<String, Money> total = bySource(funds);
        total.forEach((key, amount) -> closing.put(key, amount.minus(spent.get(key))));
        rows.add(new Row(EXPENDITURE, null, null, "本年支出合计", spent));
        rows.add(new Row(EXPENDITURE, null, null, "年末财政拨款结转和结余", closing));
        rows.add(new Row(EXPENDITURE, null, null, "总计", total));
        return ReportTable.of("财政拨款收入支出决算总表", columns, rows);
    }

    /** Cells total/general/fund/capital of the 财政拨款 facts that pass. */
    private Map<String, Money> bySource(Predicate<Fact> include) {
        Map<String, Money> cells = new LinkedHashMap<>();
        List.of("total", "general", "fund", "capital").forEach(key -> cells.put(key, Money.ZERO));
        for (Fact f : facts) {
            if (f.fundSource().isAppropriation() && include.test(f)) {
                add(cells, "total", f.fen());
                add(cells, APPROPRIATION_COLUMN.get(f.fundSource()), f.fen());
            }
        }
        return cells;
    }

    // --- 06 一般公共预算财政拨款基本支出决算表 ---

    private ReportTable basicByEconomicCode() {
        List<Column> columns = List.of(new Column("amount", "决算数"));
        TreeMap<String, Long> byCode = new TreeMap<>();
        for (Fact f : facts) {
            if (f.figure() == Figure.SPENT && f.kind() == ExpenditureKind.BASIC
                    && f.fundSource() == FundSource.GENERAL_BUDGET && f.economicCode() != null) {
                byCode.merge(f.economicCode().substring(0, 3), f.fen(), Long::sum);
                byCode.merge(f.economicCode(), f.fen(), Long::sum);
            }
        }
        List<Row> rows = new ArrayList<>();
        long personnel = 0;
        long publicFunds = 0;
        for (String group : List.of("personnel", "public")) {
            for (Map.Entry<String, Long> e : byCode.entrySet()) {
                EconomicCode code = new EconomicCode(e.getKey());
                boolean isPersonnel = code.isPersonnel();
                if (isPersonnel != group.equals("personnel") || e.getValue() == 0) {
                    continue;
                }
                rows.add(new Row(null, group, e.getKey(), economic.flatMap(l -> l.name(code.value())).orElse(e.getKey()),
                        Map.of("amount", Money.ofFen(e.getValue()))));
                if (!code.isSection()) {
                    if (isPersonnel) {
                        personnel += e.getValue();
                    } else {
                        publicFunds += e.getValue();
                    }
                }
            }
        }
        rows.add(new Row(null, "total", null, "人员经费合计", Map.of("amount", Money.ofFen(personnel))));
        rows.add(new Row(null, "total", null, "公用经费合计", Map.of("amount", Money.ofFen(publicFunds))));
        return ReportTable.of("一般公共预算财政拨款基本支出决算表", columns, rows);
    }

    // --- 07 and 08: 政府性基金 and 国有资本经营 ---

    private ReportTable fundTable(String title, FundSource source) {
        List<Column> columns = List.of(new Column("carriedIn", "年初结转和结余"), new Column("income", "本年收入"),
                new Column("total", "本年支出合计"), new Column("basic", "基本支出"), new Column("project", "项目支出"),
                new Column("closing", "年末结转和结余"));
        List<Row> rows = functionalRows(columns, f -> {
            if (f.fundSource() != source) {
                return null;
            }
            return switch (f.figure()) {
                case CARRIED_IN -> "carriedIn";
                case INCOME -> "income";
                case SPENT -> f.kind() == ExpenditureKind.BASIC ? "basic"
                        : f.kind() == ExpenditureKind.PROJECT ? "project" : "total";
                default -> null;
            };
        }, Set.of("carriedIn", "income"));
        List<Row> withClosing = rows.stream().map(r -> {
            Map<String, Money> cells = new LinkedHashMap<>(r.cells());
            cells.put("closing", cells.get("carriedIn").plus(cells.get("income")).minus(cells.get("total")));
            return new Row(r.section(), r.group(), r.code(), r.name(), cells);
        }).toList();
        return ReportTable.of(title, columns, withClosing);
    }

    // --- 09 "三公"经费 ---

    private ReportTable threePublic() {
        List<Column> columns = List.of(new Column("budget", "预算数"), new Column("actual", "决算数"));
        List<Row> rows = new ArrayList<>();
        THREE_PUBLIC.forEach((name, codes) -> {
            Predicate<Fact> ofCodes = f -> f.fundSource().isAppropriation() && f.economicCode() != null
                    && codes.contains(f.economicCode());
            Map<String, Money> cells = new LinkedHashMap<>();
            cells.put("budget", sum(f -> ofCodes.test(f) && ReportFacts.isBudget(f.figure())));
            cells.put("actual", sum(f -> ofCodes.test(f) && f.figure() == Figure.SPENT));
            rows.add(new Row(null, null, null, name, cells));
        });
        return ReportTable.of("财政拨款“三公”经费支出决算表", columns, rows);
    }

    // --- helpers ---

    /**
     * 合计 then every 类, 款 and 项 with a non-zero cell, in tree order. {@code column} names the
     * column a fact adds to (null: not counted); facts also add to {@code total} unless their
     * column is one of {@code outsideTotal}.
     */
    private List<Row> functionalRows(List<Column> columns, Function<Fact, String> column, Set<String> outsideTotal) {
        Map<String, Map<String, Money>> byCode = new TreeMap<>();
        Map<String, Money> sum = emptyCells(columns);
        for (Fact f : facts) {
            String key = column.apply(f);
            if (key == null) {
                continue;
            }
            FunctionalCode item = new FunctionalCode(f.functionalCode());
            for (Map<String, Money> cells : List.of(sum,
                    byCode.computeIfAbsent(item.classCode(), c -> emptyCells(columns)),
                    byCode.computeIfAbsent(item.sectionCode(), c -> emptyCells(columns)),
                    byCode.computeIfAbsent(item.value(), c -> emptyCells(columns)))) {
                if (!key.equals("total")) {
                    add(cells, key, f.fen());
                }
                if (!outsideTotal.contains(key)) {
                    add(cells, "total", f.fen());
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(null, null, null, "合计", sum));
        byCode.forEach((code, cells) -> {
            if (cells.values().stream().anyMatch(m -> !m.isZero())) {
                rows.add(new Row(null, null, code, functionalName(code), cells));
            }
        });
        return rows;
    }

    private List<Row> functionalRows(List<Column> columns, Function<Fact, String> column) {
        return functionalRows(columns, column, Set.of());
    }

    private Map<String, Money> byClass(Predicate<Fact> include) {
        Map<String, Money> byClass = new TreeMap<>();
        for (Fact f : facts) {
            if (include.test(f)) {
                byClass.merge(f.functionalCode().substring(0, 3), Money.ofFen(f.fen()), Money::plus);
            }
        }
        return byClass;
    }

    private Money sum(Predicate<Fact> include) {
        return Money.ofFen(facts.stream().filter(include).mapToLong(Fact::fen).sum());
    }

    private static Row line(String section, String name, Money amount) {
        return new Row(section, null, null, name, Map.of("amount", amount));
    }

    private static Map<String, Money> emptyCells(List<Column> columns) {
        Map<String, Money> cells = new LinkedHashMap<>();
        columns.forEach(c -> cells.put(c.key(), Money.ZERO));
        return cells;
    }

    private static void add(Map<String, Money> cells, String key, long fen) {
        cells.merge(key, Money.ofFen(fen), Money::plus);
    }

    private String functionalName(String code) {
        return functional.flatMap(l -> l.name(code)).orElse(code);
    }
}
