package cn.gov.ledger.api.reporting;

import cn.gov.ledger.core.classification.EconomicCode;
import cn.gov.ledger.core.indicator.ExpenditureKind;
import cn.gov.ledger.core.indicator.FundSource;
import cn.gov.ledger.core.money.Money;
import cn.gov.ledger.core.indicator.Figure;
import cn.gov.ledger.projections.reporting.Fact;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** The figures the published text compares with last year (收入总计, 支出, 结转结余, 三公, 机关运行经费). */
final class Headlines {

    private static final Set<String> THREE_PUBLIC = Set.of("30212", "30217", "30231", "31013");

    private Headlines() {
    }

    static Map<String, Money> of(List<Fact> facts) {
        Money income = sum(facts, f -> f.figure() == Figure.INCOME);
        Money carriedIn = sum(facts, f -> f.figure() == Figure.CARRIED_IN);
        Money spent = sum(facts, f -> f.figure() == Figure.SPENT);
        Map<String, Money> figures = new LinkedHashMap<>();
        figures.put("收入总计", income.plus(carriedIn));
        figures.put("本年收入合计", income);
        figures.put("本年支出合计", spent);
        figures.put("基本支出", sum(facts, f -> f.figure() == Figure.SPENT && f.kind() == ExpenditureKind.BASIC));
        figures.put("项目支出", sum(facts, f -> f.figure() == Figure.SPENT && f.kind() == ExpenditureKind.PROJECT));
        figures.put("年末结转和结余", carriedIn.plus(income).minus(spent));
        figures.put("三公经费", sum(facts, f -> f.figure() == Figure.SPENT && f.fundSource().isAppropriation()
                && f.economicCode() != null && THREE_PUBLIC.contains(f.economicCode())));
        figures.put("机关运行经费（公用经费）", sum(facts, f -> f.figure() == Figure.SPENT
                && f.kind() == ExpenditureKind.BASIC && f.fundSource() == FundSource.GENERAL_BUDGET
                && f.economicCode() != null && !new EconomicCode(f.economicCode()).isPersonnel()));
        return figures;
    }

    private static Money sum(List<Fact> facts, Predicate<Fact> include) {
        return Money.ofFen(facts.stream().filter(include).mapToLong(Fact::fen).sum());
    }
}
