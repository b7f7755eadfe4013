package cn.gov.ledger.api.reporting;

import cn.gov.ledger.projections.reporting.ReportTable;
import cn.gov.ledger.projections.reporting.ReportTable.Column;
import cn.gov.ledger.projections.reporting.ReportTable.Row;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The report as downloads, with the published Chinese titles and column headers: CSV (UTF-8
 * with a byte-order mark, so spreadsheet programs read the Chinese) and XLSX (a sheet per table).
 */
final class TableFiles {

    private static final CsvMapper CSV = new CsvMapper();
    private static final CsvSchema CSV_LINES = CsvSchema.emptySchema().withLineSeparator("\r\n");
    private static final String FORMULA_START = "=+-@\t\r";
    private static final Pattern AMOUNT = Pattern.compile("-?\\d+(\\.\\d+)?");

    private TableFiles() {
    }

    static byte[] csv(String heading, Map<String, ReportTable> tables, ReportUnit unit) {
        StringWriter out = new StringWriter().append('\uFEFF');
        try (SequenceWriter rows = CSV.writer(CSV_LINES).writeValues(out)) {
            rows.write(csvLine(List.of(heading)));
            for (Map.Entry<String, ReportTable> table : tables.entrySet()) {
                rows.write(List.of(""));
                rows.write(csvLine(List.of(title(table.getKey(), table.getValue()), "单位：" + unit.label())));
                for (List<String> line : lines(table.getValue(), unit)) {
                    rows.write(csvLine(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Lines of cells as CSV, as {@link #csv} writes them (byte-order mark, inert cells); null cells empty. */
    static byte[] csvLines(List<List<String>> lines) {
        StringWriter out = new StringWriter().append('\uFEFF');
        try (SequenceWriter rows = CSV.writer(CSV_LINES).writeValues(out)) {
            for (List<String> line : lines) {
                rows.write(csvLine(line.stream().map(cell -> cell == null ? "" : cell).toList()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Lines of cells as one sheet, the first line bold (a header); every cell text, null cells empty. */
    static byte[] xlsxLines(String sheetName, List<List<String>> lines) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            XSSFSheet sheet = workbook.createSheet(sheetName);
            for (int r = 0; r < lines.size(); r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < lines.get(r).size(); c++) {
                    Cell cell = row.createCell(c);
                    cell.setCellValue(lines.get(r).get(c) == null ? "" : lines.get(r).get(c));
                    if (r == 0) {
                        cell.setCellStyle(bold);
                    }
                }
            }
            workbook.write(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] xlsx(String heading, Map<String, ReportTable> tables, ReportUnit unit) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            CellStyle amount = workbook.createCellStyle();
            amount.setDataFormat(workbook.createDataFormat().getFormat("#,##0.00"));
            tables.forEach((number, table) -> {
                XSSFSheet sheet = workbook.createSheet("公开" + number + "表");
                sheet.createRow(0).createCell(0).setCellValue(title(number, table));
                sheet.getRow(0).getCell(0).setCellStyle(bold);
                sheet.createRow(1).createCell(0).setCellValue(heading + "    单位：" + unit.label());
                List<List<String>> lines = lines(table, unit);
                for (int r = 0; r < lines.size(); r++) {
                    var row = sheet.createRow(r + 2);
                    List<String> line = lines.get(r);
                    for (int c = 0; c < line.size(); c++) {
                        Cell cell = row.createCell(c);
                        String value = line.get(c);
                        if (r > 0 && c >= 2 && !value.isEmpty()) {
                            cell.setCellValue(new BigDecimal(value).doubleValue()); // display only; the CSV and JSON stay exact
                            cell.setCellStyle(amount);
                        } else {
                            cell.setCellValue(value);
                            if (r == 0) {
                                cell.setCellStyle(bold);
                            }
                        }
                    }
                }
                sheet.setColumnWidth(0, 40 * 256);
                for (int c = 1; c < lines.get(0).size(); c++) {
                    sheet.setColumnWidth(c, 18 * 256);
                }
            });
            workbook.write(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String title(String number, ReportTable table) {
        return "公开" + number + "表 " + table.title() + (table.empty() ? "（本表无数据）" : "");
    }

    /** Header then rows: 项目, 科目编码, the table's columns. */
    private static List<List<String>> lines(ReportTable table, ReportUnit unit) {
        List<List<String>> lines = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("项目", "科目编码"));
        table.columns().stream().map(Column::title).forEach(header::add);
        lines.add(header);
        for (Row row : table.rows()) {
            List<String> line = new ArrayList<>(List.of(row.name(), row.code() == null ? "" : row.code()));
            for (Column column : table.columns()) {
                var cell = row.cells().get(column.key());
                line.add(cell == null ? "" : unit.format(cell));
            }
            lines.add(line);
        }
        return lines;
    }

    private static List<String> csvLine(List<String> cells) {
        return cells.stream().map(TableFiles::inertCell).toList();
    }

    /**
     * A text cell that a spreadsheet would take for a formula (OWASP CSV injection) gets a leading
     * single quote, so it is shown as the text it is; amounts, negative ones too, stay numbers.
     */
    static String inertCell(String cell) {
        boolean formulaLike = !cell.isEmpty() && FORMULA_START.indexOf(cell.charAt(0)) >= 0;
        return formulaLike && !AMOUNT.matcher(cell).matches() ? "'" + cell : cell;
    }
}
