package cn.gov.ledger.api.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.core.money.Money;
import cn.gov.ledger.projections.reporting.ReportTable;
import cn.gov.ledger.projections.reporting.ReportTable.Column;
import cn.gov.ledger.projections.reporting.ReportTable.Row;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CSV download: any text survives a spreadsheet as text, and amounts stay amounts. */
class TableFilesTest {

    private static final String HOSTILE_NAME = "=HYPERLINK(\"http://x\",\"a, b\")\rsecond line";

    @Test
    void aHostileUnitNameRoundTripsAsInertTextOnItsOwnLine() throws Exception {
        List<List<String>> lines = parse(TableFiles.csv("单位 U1 2024年度部门决算", tables(), ReportUnit.yuan));

        assertThat(lines.get(0)).containsExactly("单位 U1 2024年度部门决算");
        List<String> hostile = row(lines, "'" + HOSTILE_NAME);
        assertThat(hostile).as("one cell, quote, comma and CR inside it; a quote first so no formula")
                .containsExactly("'" + HOSTILE_NAME, "2010101", "-12.00", "3.50");
    }

    @Test
    void negativeAmountsStayNumbersAndOtherFormulaStartsAreGuarded() {
        assertThat(TableFiles.inertCell("-12.00")).isEqualTo("-12.00");
        assertThat(TableFiles.inertCell("0.00")).isEqualTo("0.00");
        assertThat(TableFiles.inertCell("行政运行")).isEqualTo("行政运行");
        assertThat(TableFiles.inertCell("")).isEmpty();
        for (String formula : List.of("=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", "-12.00.1")) {
            assertThat(TableFiles.inertCell(formula)).isEqualTo("'" + formula);
        }
    }

    private static Map<String, ReportTable> tables() {
        List<Column> columns = List.of(new Column("spent", "本年支出合计"), new Column("basic", "基本支出"));
        Map<String, Money> cells = new LinkedHashMap<>();
        cells.put("spent", Money.parse("-12.00"));
        cells.put("basic", Money.parse("3.50"));
        Row row = new Row(null, null, "2010101", HOSTILE_NAME, cells);
        return Map.of("03", new ReportTable("支出决算表", false, columns, List.of(row)));
    }

    private static List<List<String>> parse(byte[] csv) throws Exception {
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF");
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<List<String>> lines = mapper.readerFor(List.class).with(CsvSchema.emptySchema())
                .readValues(text.substring(1))) {
            return lines.readAll();
        }
    }

    private static List<String> row(List<List<String>> lines, String name) {
        return lines.stream().filter(line -> line.get(0).equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no line named " + name + " in " + lines));
    }
}
