package cn.gov.ledger.projections.classification;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.core.classification.ClassificationKind;
import cn.gov.ledger.core.classification.CodeList;
import cn.gov.ledger.core.classification.EconomicCode;
import cn.gov.ledger.core.classification.ListedCode;
import org.junit.jupiter.api.Test;

/** Code lists as CSV: quoted names, columns by their header, every problem with its line; the shipped lists. */
class CodeListCsvTest {

    @Test
    void readsQuotedNamesAndTheHeaderComments() {
        CodeListCsv.Read read = CodeListCsv.read(ClassificationKind.FUNCTIONAL, """
                # 支出功能分类科目, 2025
                # source: 财政部《2025年政府收支分类科目》
                # complete: false (the 类 205 only)
                code,name
                205,教育支出
                20501,"教育管理事务, 其他"
                2050101,"行政""运行\"
                """);
        assertThat(read.problems()).isEmpty();
        assertThat(read.source()).isEqualTo("财政部《2025年政府收支分类科目》");
        assertThat(read.complete()).isFalse();
        assertThat(read.codes()).containsExactly(new ListedCode("205", "教育支出"),
                new ListedCode("20501", "教育管理事务, 其他"), new ListedCode("2050101", "行政\"运行"));
        assertThat(read.lines()).containsExactly(5, 6, 7);
    }

    @Test
    void readsEconomicColumnsByName() {
        CodeListCsv.Read read = CodeListCsv.read(ClassificationKind.ECONOMIC, """
                name,code,institutionGovernmentCode,governmentCode
                商品和服务支出,302,,
                办公费,30201,50502,50201
                """);
        assertThat(read.problems()).isEmpty();
        assertThat(read.codes()).containsExactly(new ListedCode("302", "商品和服务支出", null, null),
                new ListedCode("30201", "办公费", "50201", "50502"));
        assertThat(CodeListCsv.read(ClassificationKind.ECONOMIC, "code,name\n302,商品和服务支出\n").codes())
                .containsExactly(new ListedCode("302", "商品和服务支出", null, null));
    }

    @Test
    void reportsEachProblemWithItsLine() {
        CodeListCsv.Read read = CodeListCsv.read(ClassificationKind.FUNCTIONAL, """
                # a list with faults
                code,name
                205,教育支出
                2050201,行政运行
                205,again
                20501,
                """);
        assertThat(read.problems()).extracting(CodeListCsv.LineProblem::line, CodeListCsv.LineProblem::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(4, "2050201"),
                        org.assertj.core.groups.Tuple.tuple(5, "205"),
                        org.assertj.core.groups.Tuple.tuple(6, "20501"));
        assertThat(CodeListCsv.read(ClassificationKind.FUNCTIONAL, "codes,name\n205,x\n").problems())
                .extracting(CodeListCsv.LineProblem::line).containsOnly(1);
        assertThat(CodeListCsv.read(ClassificationKind.FUNCTIONAL, "").problems()).hasSize(1);
        assertThat(CodeListCsv.read(ClassificationKind.FUNCTIONAL, "code,name\n205,\"unclosed\n").problems())
                .isNotEmpty();
    }

    @Test
    void theShippedListsAreSoundAndMapToTheirYearsGovernmentList() {
        ShippedLists shipped = ShippedLists.standard();
        assertThat(shipped.years()).contains(2024);
        CodeList functional = shipped.list(2024, ClassificationKind.FUNCTIONAL).orElseThrow();
        assertThat(functional.name("2150501")).contains("行政运行");
        assertThat(functional.source()).isNotBlank();
        CodeList functional2023 = shipped.list(2023, ClassificationKind.FUNCTIONAL).orElseThrow();
        assertThat(functional2023.fiscalYear()).isEqualTo(2023);
        assertThat(functional2023.codes()).containsExactlyElementsOf(functional.codes());
        assertThat(functional2023.source()).endsWith("(the 2024 list, used for 2023, which has none of its own)");
        for (int year : shipped.years()) {
            shipped.list(year, ClassificationKind.ECONOMIC).ifPresent(economic ->
                    shipped.list(year, ClassificationKind.GOVERNMENT_ECONOMIC).ifPresent(government ->
                            economic.codes().stream().filter(c -> c.code().length() == 5).forEach(c -> {
                                for (boolean institution : new boolean[] {false, true}) {
                                    economic.governmentCode(new EconomicCode(c.code()), institution).ifPresent(g ->
                                            assertThat(government.contains(g)).as("%s of %s in %s", g, c.code(), year)
                                                    .isTrue());
                                }
                            })));
        }
    }
}
