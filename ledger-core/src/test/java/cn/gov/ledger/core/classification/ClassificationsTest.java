package cn.gov.ledger.core.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each year's lists decide its postings' codes; a list's own rules; the unlisted-项 setting. */
class ClassificationsTest {

    private static final List<ListedCode> FUNCTIONAL_2024 = List.of(new ListedCode("205", "教育支出"),
            new ListedCode("20501", "教育管理事务"), new ListedCode("2050101", "行政运行"));
    private static final List<ListedCode> ECONOMIC = List.of(new ListedCode("302", "商品和服务支出"),
            new ListedCode("30201", "办公费", "50201", "50502"), new ListedCode("30217", "公务接待费", "50206", null));

    private static Classifications of(UnlistedItems policy, CodeList... lists) {
        return new Classifications() {
            @Override
            public Optional<CodeList> list(int fiscalYear, ClassificationKind kind) {
                return List.of(lists).stream().filter(l -> l.fiscalYear() == fiscalYear && l.kind() == kind).findFirst();
            }

            @Override
            public UnlistedItems unlistedItems() {
                return policy;
            }
        };
    }

    private static CodeList shippedFunctional(int year, boolean complete) {
        return CodeList.shipped(ClassificationKind.FUNCTIONAL, year, FUNCTIONAL_2024, complete, "财政部《2024年政府收支分类科目》");
    }

    @Test
    void aListedItemIsAcceptedInItsYearOnly() {
        Classifications lists = of(UnlistedItems.REFUSE, shippedFunctional(2024, true));
        assertThat(lists.functionalRefusal(2024, new FunctionalCode("2050101"))).isEmpty();
        assertThat(lists.functionalRefusal(2025, new FunctionalCode("2050101")))
                .hasValueSatisfying(m -> assertThat(m).startsWith("functional code 2050101 is not in the 2025 list"));
    }

    @Test
    void anUnlistedItemUnderAListedSectionIsAcceptedOnlyWhileTheListIsIncompleteAndTheSettingAllows() {
        FunctionalCode unlisted = new FunctionalCode("2050102");
        assertThat(of(UnlistedItems.ACCEPT_WHILE_INCOMPLETE, shippedFunctional(2024, false))
                .functionalRefusal(2024, unlisted)).isEmpty();
        assertThat(of(UnlistedItems.ACCEPT_WHILE_INCOMPLETE, shippedFunctional(2024, true))
                .functionalRefusal(2024, unlisted)).contains("functional code 2050102 is not in the 2024 list");
        assertThat(of(UnlistedItems.REFUSE, shippedFunctional(2024, false))
                .functionalRefusal(2024, unlisted)).contains("functional code 2050102 is not in the 2024 list");
    }

    @Test
    void anUnlistedSectionOrClassIsAlwaysRefused() {
        Classifications lenient = of(UnlistedItems.ACCEPT_WHILE_INCOMPLETE, shippedFunctional(2024, false));
        assertThat(lenient.functionalRefusal(2024, new FunctionalCode("2050201"))).isPresent();
        assertThat(lenient.functionalRefusal(2024, new FunctionalCode("2080101"))).isPresent();
        assertThat(lenient.functionalRefusal(2024, new FunctionalCode("20501"))).isPresent();
    }

    @Test
    void expendituresCarryAListedEconomicSection() {
        Classifications lists = of(UnlistedItems.REFUSE,
                CodeList.shipped(ClassificationKind.ECONOMIC, 2024, ECONOMIC, true, "test"));
        assertThat(lists.economicRefusal(2024, new EconomicCode("30201"))).isEmpty();
        assertThat(lists.economicRefusal(2024, new EconomicCode("302"))).isPresent();
        assertThat(lists.economicRefusal(2024, new EconomicCode("30298"))).contains("economic code 30298 is not in the 2024 list");
        assertThat(lists.economicRefusal(2025, new EconomicCode("30201"))).isPresent();
    }

    @Test
    void anEconomicSectionMapsToItsGovernmentCodeByUnitType() {
        CodeList economic = CodeList.shipped(ClassificationKind.ECONOMIC, 2024, ECONOMIC, true, "test");
        assertThat(economic.governmentCode(new EconomicCode("30201"), false)).contains("50201");
        assertThat(economic.governmentCode(new EconomicCode("30201"), true)).contains("50502");
        assertThat(economic.governmentCode(new EconomicCode("30217"), true)).contains("50206");
        assertThat(economic.governmentCode(new EconomicCode("30299"), false)).isEmpty();
    }

    @Test
    void aListNamesEveryProblemWithItsPosition() {
        List<ListedCode> codes = List.of(new ListedCode("205", "教育支出"), new ListedCode("20502", "普通教育"),
                new ListedCode("2050301", "行政运行"), new ListedCode("20502", "again"), new ListedCode("2050", "x"),
                new ListedCode("2050201", " "));
        assertThat(CodeList.problems(ClassificationKind.FUNCTIONAL, codes))
                .extracting(CodeList.Problem::index, CodeList.Problem::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, "2050301"),
                        org.assertj.core.groups.Tuple.tuple(3, "20502"),
                        org.assertj.core.groups.Tuple.tuple(4, "2050"),
                        org.assertj.core.groups.Tuple.tuple(5, "2050201"));
        assertThat(CodeList.problems(ClassificationKind.FUNCTIONAL, FUNCTIONAL_2024)).isEmpty();
        assertThat(CodeList.problems(ClassificationKind.ECONOMIC, List.of(new ListedCode("3020101", "x"))))
                .hasSize(1);
        assertThat(CodeList.problems(ClassificationKind.ECONOMIC, List.of(new ListedCode("302", "x", "5", null))))
                .extracting(CodeList.Problem::problem).containsExactly("government code 5 must have 3 or 5 digits");
    }

    @Test
    void aLoadedListIsCompleteAndSaysWhoLoadedIt() {
        Instant at = Instant.parse("2025-01-03T02:00:00Z");
        CodeList loaded = CodeList.loaded(ClassificationKind.FUNCTIONAL, 2025, FUNCTIONAL_2024, "admin", at);
        assertThat(loaded.complete()).isTrue();
        assertThat(loaded.source()).isEqualTo("loaded by admin at 2025-01-03T02:00:00Z");
        assertThat(Map.of("by", loaded.loadedBy().orElseThrow())).containsEntry("by", "admin");
        assertThat(loaded.name("20501")).contains("教育管理事务");
    }
}
